import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** An organisation as `GET /organisations` gives it. */
export type Organisation = ApiItem<'/organisations'>;

/** `GET /organisations`, every page, kept on the device. */
export const getOrganisations = () => cachedGetAll<Organisation>('/organisations');
