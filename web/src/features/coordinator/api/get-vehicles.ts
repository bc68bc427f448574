import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A vehicle as `GET /vehicles` gives it. */
export type Vehicle = ApiItem<'/vehicles'>;

/** `GET /vehicles`, every page, kept on the device. */
export const getVehicles = () => cachedGetAll<Vehicle>('/vehicles');
