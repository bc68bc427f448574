import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A packed bag as `GET /bags` gives it. */
export type Bag = ApiItem<'/bags'>;

/** `GET /bags?status=`, every page, kept on the device. */
export const getBags = (status: string) => cachedGetAll<Bag>(`/bags?status=${status}`);
