import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /sites/:id/donor-links/:linkId/revoke`: the link and its sessions answer 401 from then on. */
export const revokeDonorLink = (siteId: string, linkId: string): Call<ApiAnswer<'/sites/{id}/donor-links/{linkId}/revoke', 'post'>> =>
  ({ path: `/sites/${siteId}/donor-links/${linkId}/revoke`, body: undefined });
