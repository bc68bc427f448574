import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** What the server says of a reading: in range, a warning, or an excursion with the lots and bags it held. */
export type Reading = ApiAnswer<'/storage-units/{id}/temperature-readings', 'post'>;

/** `POST /storage-units/:id/temperature-readings`: a unit's temperature, read now. */
export const recordTemperature = (unitId: string, body: ApiRequest<'/storage-units/{id}/temperature-readings'>): Call<Reading> =>
  ({ path: `/storage-units/${unitId}/temperature-readings`, body });
