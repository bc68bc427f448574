import type { ApiItem } from '../../../api/types.ts';
import { getAll } from '../../../lib/api.ts';

/** A donor's pickup schedule, as `GET /sites/:id/pickup-schedules` gives it. */
export type PickupSchedule = ApiItem<'/sites/{id}/pickup-schedules'>;
/** A point's distribution day, as `GET /sites/:id/distribution-days` gives it. */
export type DistributionDay = ApiItem<'/sites/{id}/distribution-days'>;

/** `GET path` (a site's pickup schedules or distribution days), every page; none when it fails. */
export const getSchedules = async (path: string) => ((await getAll<PickupSchedule | DistributionDay>(path)).body as { items?: (PickupSchedule | DistributionDay)[] }).items ?? [];
