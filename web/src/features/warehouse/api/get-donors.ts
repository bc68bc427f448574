import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** A donor as `GET /sites?kind=donor` gives it. */
export type Donor = ApiItem<'/sites'>;

/** `GET /sites?kind=donor`, every page, kept on the device. */
export const getDonors = () => cachedGetAll<Donor>('/sites?kind=donor');
