import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /donor/offers`: "Ylimääräistä noudettavaa". */
export const createOffer = (body: ApiRequest<'/donor/offers'>): Call<ApiAnswer<'/donor/offers', 'post'>> => ({ path: '/donor/offers', body });
