import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /sites/:id/distribution-days`: a point's new distribution day. */
export const createDistributionDay = (siteId: string, body: ApiRequest<'/sites/{id}/distribution-days'>): Call<ApiAnswer<'/sites/{id}/distribution-days', 'post'>> =>
  ({ path: `/sites/${siteId}/distribution-days`, body });
