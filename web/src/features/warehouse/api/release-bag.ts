import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /bags/:id/release`: a bag an excursion held goes back to stock, with the corrective action. */
export const releaseBag = (id: string, body: ApiRequest<'/bags/{id}/release'>): Call<ApiAnswer<'/bags/{id}/release', 'post'>> =>
  ({ path: `/bags/${id}/release`, body });
