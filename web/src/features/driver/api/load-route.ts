import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /routes/:id/load`'s answer: when, how many bags on board, and which stayed at the depot. */
export type LoadResult = ApiAnswer<'/routes/{id}/load', 'post'>;

/** `POST /routes/:id/load`: "Lastattu, lähden", the loading confirmed at `loadedAt`. */
export const loadRoute = (routeId: string, body: ApiRequest<'/routes/{id}/load'>): Call<LoadResult> => ({ path: `/routes/${routeId}/load`, body });
