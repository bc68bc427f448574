import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /lots/:id/freeze`: the lot frozen into a freezer (its frozen shelf life starts). */
export const freezeLot = (id: string, body: ApiRequest<'/lots/{id}/freeze'>): Call<ApiAnswer<'/lots/{id}/freeze', 'post'>> =>
  ({ path: `/lots/${id}/freeze`, body });
