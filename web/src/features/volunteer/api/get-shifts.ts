import type { ApiItem } from '../../../api/types.ts';
import { getAll } from '../../../lib/api.ts';

/** A shift as `GET /shifts` gives it: its places (`needed`, `signedUp`, `short`) and whether I am on it. */
export type Shift = ApiItem<'/shifts'>;

/** `GET /shifts`: the shifts of the next two weeks, mine and those I could take (none when it fails). */
export const getShifts = () => getAll<Shift>('/shifts').then((r) => (r.status === 200 ? (r.body as { items: Shift[] }).items : []));
