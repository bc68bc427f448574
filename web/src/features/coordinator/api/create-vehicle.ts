import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /vehicles`: a new vehicle of a depot. */
export const createVehicle = (body: ApiRequest<'/vehicles'>): Call<ApiAnswer<'/vehicles', 'post'>> => ({ path: '/vehicles', body });
