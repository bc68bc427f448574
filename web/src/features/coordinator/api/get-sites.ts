import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A site (depot, donor, point) as `GET /sites` gives it. */
export type Site = ApiItem<'/sites'>;

/** `GET /sites`, every page, kept on the device. */
export const getSites = () => cachedGetAll<Site>('/sites');
