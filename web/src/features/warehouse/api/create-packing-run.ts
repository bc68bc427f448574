import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** A packing run as the server made it: the bags packed and the lots to pick them from. */
export type PackingRun = ApiAnswer<'/packing-runs', 'post'>;

/** `POST /packing-runs`: pack bags of a type and class from the depot's stock (FEFO). */
export const createPackingRun = (body: ApiRequest<'/packing-runs'>): Call<PackingRun> => ({ path: '/packing-runs', body });
