import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /offers`: an offer a donor phoned in, recorded on its behalf. */
export const recordOffer = (body: ApiRequest<'/offers'>): Call<ApiAnswer<'/offers', 'post'>> => ({ path: '/offers', body });
