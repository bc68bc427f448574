import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /sites/:id/pickup-schedules`: a donor's new pickup schedule. */
export const createPickupSchedule = (siteId: string, body: ApiRequest<'/sites/{id}/pickup-schedules'>): Call<ApiAnswer<'/sites/{id}/pickup-schedules', 'post'>> =>
  ({ path: `/sites/${siteId}/pickup-schedules`, body });
