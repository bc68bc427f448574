import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';
import { session } from '../../../lib/session.ts';

/** A point as `GET /sites/:id` gives it: `servedByDepotId` is the depot its bags come from, also when none is set on the point (`depotId`). */
export type Point = ApiAnswer<'/sites/{id}'>;

/** The signed-in lead's point. */
export const pointId = () => session.value?.user.pointId ?? '';

/** `GET /sites/:id` of the lead's point, kept on the device for when the network is not there. */
export const getPoint = () => cachedGet<Point>(`/sites/${pointId()}`);
