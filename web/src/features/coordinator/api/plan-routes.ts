import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /route-plans`: the next plan version of a depot's day, queued for the worker (202 with its id). */
export const planRoutes = (body: ApiRequest<'/route-plans'>): Call<ApiAnswer<'/route-plans', 'post'>> => ({ path: '/route-plans', body });
