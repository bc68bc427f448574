import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /sites/:id/donor-links/:linkId/erase`: the link's contact person erased (phone and email gone, a pseudonym for the name, the link revoked). */
export const eraseDonorLink = (siteId: string, linkId: string): Call<ApiAnswer<'/sites/{id}/donor-links/{linkId}/erase', 'post'>> =>
  ({ path: `/sites/${siteId}/donor-links/${linkId}/erase`, body: undefined });
