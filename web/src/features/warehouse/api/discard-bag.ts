import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /bags/:id/discard`: a bag thrown away, with the reason. */
export const discardBag = (id: string, body: ApiRequest<'/bags/{id}/discard'>): Call<ApiAnswer<'/bags/{id}/discard', 'post'>> =>
  ({ path: `/bags/${id}/discard`, body });
