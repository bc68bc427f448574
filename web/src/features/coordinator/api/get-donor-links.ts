import type { ApiItem } from '../../../api/types.ts';
import { getAll } from '../../../lib/api.ts';

export type DonorLink = ApiItem<'/sites/{id}/donor-links'>;

/** `GET /sites/:id/donor-links`: a donor site's contact links (never their tokens). */
export const getDonorLinks = async (siteId: string) => ((await getAll<DonorLink>(`/sites/${siteId}/donor-links`)).body as { items?: DonorLink[] }).items ?? [];
