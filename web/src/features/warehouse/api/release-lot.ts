import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /lots/:id/release`: a lot on hold released back to stock. */
export const releaseLot = (id: string, body: ApiRequest<'/lots/{id}/release'>): Call<ApiAnswer<'/lots/{id}/release', 'post'>> =>
  ({ path: `/lots/${id}/release`, body });
