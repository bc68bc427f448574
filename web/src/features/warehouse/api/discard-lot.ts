import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /lots/:id/discards`: some of the lot thrown away, with the reason. */
export const discardLot = (id: string, body: ApiRequest<'/lots/{id}/discards'>): Call<ApiAnswer<'/lots/{id}/discards', 'post'>> =>
  ({ path: `/lots/${id}/discards`, body });
