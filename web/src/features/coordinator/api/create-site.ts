import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /sites`: a new depot, donor or point. */
export const createSite = (body: ApiRequest<'/sites'>): Call<ApiAnswer<'/sites', 'post'>> => ({ path: '/sites', body });
