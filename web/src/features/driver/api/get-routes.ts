import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A route as `GET /drivers/me/routes` gives it: its stops, navigation, loading and the bags left at the depot. */
export type DriverRoute = ApiItem<'/drivers/me/routes'>;
/** A stop of a route. */
export type Stop = DriverRoute['stops'][number];
/** A bag of the route that stayed at the depot at loading, and why. */
export type LeftBehindBag = DriverRoute['bagsLeftBehind'][number];

/**
 * `GET /drivers/me/routes?date=`: the driver's routes of a day. Seen online, they are kept on
 * the phone, so the route opens with no network.
 */
export const getRoutes = (date: string) => cachedGetAll<DriverRoute>(`/drivers/me/routes?date=${date}`);
