import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /recalls/:id/acknowledgements`: the point lead says what the point did about the recall. */
export const acknowledgeRecall = (id: string, body: ApiRequest<'/recalls/{id}/acknowledgements'>): Call<ApiAnswer<'/recalls/{id}/acknowledgements', 'post'>> =>
  ({ path: `/recalls/${id}/acknowledgements`, body });
