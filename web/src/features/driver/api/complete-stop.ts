import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /routes/:id/stops/:stopId/complete`: a stop done, with the bags delivered or kilos collected. */
export const completeStop = (routeId: string, stopId: string, body: ApiRequest<'/routes/{id}/stops/{stopId}/complete'>): Call<ApiAnswer<'/routes/{id}/stops/{stopId}/complete', 'post'>> =>
  ({ path: `/routes/${routeId}/stops/${stopId}/complete`, body });
