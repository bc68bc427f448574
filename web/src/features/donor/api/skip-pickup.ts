import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /donor/skips`: "Ei noudettavaa tällä kertaa". */
export const skipPickup = (body: ApiRequest<'/donor/skips'>): Call<ApiAnswer<'/donor/skips', 'post'>> => ({ path: '/donor/skips', body });
