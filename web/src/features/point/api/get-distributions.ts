import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';
import { pointId } from './get-point.ts';

/** A distribution day's record (anonymous counts) as `GET /sites/:id/distributions` gives it. */
export type Distribution = ApiItem<'/sites/{id}/distributions'>;

/** `GET /sites/:id/distributions` of the lead's point, kept on the device. */
export const getDistributions = () => cachedGetAll<Distribution>(`/sites/${pointId()}/distributions`);
