import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';
import { pointId } from './get-point.ts';

/** A weekday the point hands out bags, as `GET /sites/:id/distribution-days` gives it. */
export type DistributionDay = ApiItem<'/sites/{id}/distribution-days'>;

/** `GET /sites/:id/distribution-days` of the lead's point, kept on the device. */
export const getDistributionDays = () => cachedGetAll<DistributionDay>(`/sites/${pointId()}/distribution-days`);
