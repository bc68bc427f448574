import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A storage unit (cold room, freezer, shelf) as `GET /storage-units` gives it. */
export type Unit = ApiItem<'/storage-units'>;

/** `GET /storage-units`, kept on the device for when the network is not there. */
export const getStorageUnits = () => cachedGetAll<Unit>('/storage-units');
