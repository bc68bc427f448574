import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /routes/:id/stops/:stopId/corrections`: a done stop's figure corrected (kilos collected or bags delivered), append-only. */
export const correctStop = (routeId: string, stopId: string, body: ApiRequest<'/routes/{id}/stops/{stopId}/corrections'>): Call<ApiAnswer<'/routes/{id}/stops/{stopId}/corrections', 'post'>> =>
  ({ path: `/routes/${routeId}/stops/${stopId}/corrections`, body });
