import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /recalls`: a recall started (the lots and bags it reaches withdrawn, the points told). */
export const startRecall = (body: ApiRequest<'/recalls'>): Call<ApiAnswer<'/recalls', 'post'>> => ({ path: '/recalls', body });
