import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /reservations`: bags held for the point on a distribution day. */
export const createReservation = (body: ApiRequest<'/reservations'>): Call<ApiAnswer<'/reservations', 'post'>> => ({ path: '/reservations', body });
