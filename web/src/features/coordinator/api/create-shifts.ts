import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /shifts`: a new shift, or a weekly series of them (`weeks`). */
export const createShifts = (body: ApiRequest<'/shifts'>): Call<ApiAnswer<'/shifts', 'post'>> => ({ path: '/shifts', body });
