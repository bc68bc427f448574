import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /lots/:id/adjustments`: the lot's kilos corrected, with the reason. */
export const adjustLot = (id: string, body: ApiRequest<'/lots/{id}/adjustments'>): Call<ApiAnswer<'/lots/{id}/adjustments', 'post'>> =>
  ({ path: `/lots/${id}/adjustments`, body });
