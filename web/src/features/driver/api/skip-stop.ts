import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /routes/:id/stops/:stopId/skip`: a stop skipped, with the reason. */
export const skipStop = (routeId: string, stopId: string, body: ApiRequest<'/routes/{id}/stops/{stopId}/skip'>): Call<ApiAnswer<'/routes/{id}/stops/{stopId}/skip', 'post'>> =>
  ({ path: `/routes/${routeId}/stops/${stopId}/skip`, body });
