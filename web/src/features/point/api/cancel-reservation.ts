import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /reservations/:id/cancel`: a held reservation given back. */
export const cancelReservation = (id: string): Call<ApiAnswer<'/reservations/{id}/cancel', 'post'>> => ({ path: `/reservations/${id}/cancel`, body: {} });
