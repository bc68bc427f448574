import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import { request, type Answer, type Problem } from '../../../lib/api.ts';

export type CreatedLink = ApiAnswer<'/sites/{id}/donor-links', 'post'>;

/**
 * `POST /sites/:id/donor-links`: a new link, sent at once and never through the outbox: its token
 * is shown only in this answer, so a link made offline and sent later would be a link nobody can
 * give the donor.
 */
export const createDonorLink = (siteId: string, body: ApiRequest<'/sites/{id}/donor-links'>): Promise<Answer<CreatedLink | Problem>> =>
  request('POST', `/sites/${siteId}/donor-links`, { body });
