import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /lots/:id/moves`: the lot moved to another unit of its class. */
export const moveLot = (id: string, body: ApiRequest<'/lots/{id}/moves'>): Call<ApiAnswer<'/lots/{id}/moves', 'post'>> =>
  ({ path: `/lots/${id}/moves`, body });
