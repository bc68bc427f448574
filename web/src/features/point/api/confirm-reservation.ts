import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /reservations/:id/confirm`: the point received the delivered bags, with the count. */
export const confirmReservation = (id: string, body: ApiRequest<'/reservations/{id}/confirm'>): Call<ApiAnswer<'/reservations/{id}/confirm', 'post'>> =>
  ({ path: `/reservations/${id}/confirm`, body });
