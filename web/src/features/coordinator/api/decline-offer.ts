import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /offers/:id/decline`: an offer declined, with the reason the donor is told. */
export const declineOffer = (id: string, body: ApiRequest<'/offers/{id}/decline'>): Call<ApiAnswer<'/offers/{id}/decline', 'post'>> =>
  ({ path: `/offers/${id}/decline`, body });
