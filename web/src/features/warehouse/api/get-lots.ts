import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A lot as `GET /lots` gives it. */
export type Lot = ApiItem<'/lots'>;

/** `GET /lots?status=`, every page, kept on the device. */
export const getLots = (status: string) => cachedGetAll<Lot>(`/lots?status=${status}`);
