import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A storage unit with its stock, as `GET /storage-units` gives it. */
export type Unit = ApiItem<'/storage-units'>;

/** `GET /storage-units`, every page, kept on the device. */
export const getStorageUnits = () => cachedGetAll<Unit>('/storage-units');
