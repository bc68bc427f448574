import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /storage-units`: a new storage unit of a depot. */
export const createStorageUnit = (body: ApiRequest<'/storage-units'>): Call<ApiAnswer<'/storage-units', 'post'>> => ({ path: '/storage-units', body });
