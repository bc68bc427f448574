import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /alerts/:id/resolve`: the alert closed with its corrective action (and a note). */
export const resolveAlert = (id: string, body: ApiRequest<'/alerts/{id}/resolve'>): Call<ApiAnswer<'/alerts/{id}/resolve', 'post'>> =>
  ({ path: `/alerts/${id}/resolve`, body });
