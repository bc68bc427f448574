import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /route-plans/:id/publish`: a plan published with a driver for each route. */
export const publishPlan = (id: string, body: ApiRequest<'/route-plans/{id}/publish'>): Call<ApiAnswer<'/route-plans/{id}/publish', 'post'>> =>
  ({ path: `/route-plans/${id}/publish`, body });
