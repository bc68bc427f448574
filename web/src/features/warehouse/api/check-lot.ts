import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /lots/:id/checks`: a best-before check of the lot, passed or failed. */
export const checkLot = (id: string, body: ApiRequest<'/lots/{id}/checks'>): Call<ApiAnswer<'/lots/{id}/checks', 'post'>> =>
  ({ path: `/lots/${id}/checks`, body });
