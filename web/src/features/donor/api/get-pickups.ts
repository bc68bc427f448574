import type { ApiAnswer, ApiItem } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';

export type Pickup = ApiItem<'/donor/pickups'>;
/** The donor's scheduled pickups: the next 14 days by default, or `from`..`to` (local dates). */
export const getPickups = (window?: { from: string; to: string }) =>
  cachedGet<ApiAnswer<'/donor/pickups'>>(`/donor/pickups${window ? `?from=${window.from}&to=${window.to}` : ''}`);
