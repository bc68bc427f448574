import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

export type AcceptAnswer = ApiAnswer<'/offers/{id}/accept', 'post'>;

/** `POST /offers/:id/accept`: an offer accepted as a one-off pickup (tomorrow's, or today's added to a published route). */
export const acceptOffer = (id: string, body: ApiRequest<'/offers/{id}/accept'>): Call<AcceptAnswer> => ({ path: `/offers/${id}/accept`, body });
