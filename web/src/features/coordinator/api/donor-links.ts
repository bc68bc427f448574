import type { ApiAnswer, ApiItem, ApiRequest } from '../../../api/types.ts';
import { getAll, request, type Answer, type Problem } from '../../../lib/api.ts';
import { write } from '../../../lib/forms.ts';

export type DonorLink = ApiItem<'/sites/{id}/donor-links'>;
export type CreatedLink = ApiAnswer<'/sites/{id}/donor-links', 'post'>;

/** A donor site's contact links (never their tokens). */
export const getDonorLinks = async (siteId: string) => ((await getAll<DonorLink>(`/sites/${siteId}/donor-links`)).body as { items?: DonorLink[] }).items ?? [];

/**
 * A new link, sent at once and never through the outbox: its token is shown only in this
 * answer, so a link made offline and sent later would be a link nobody can give the donor.
 */
export const createDonorLink = (siteId: string, body: ApiRequest<'/sites/{id}/donor-links'>): Promise<Answer<CreatedLink | Problem>> =>
  request('POST', `/sites/${siteId}/donor-links`, { body });

/** Revokes a link (through the outbox): it and its sessions answer 401 from then on. */
export const revokeDonorLink = (siteId: string, linkId: string, label: string) => write<DonorLink>(`/sites/${siteId}/donor-links/${linkId}/revoke`, undefined, label, 'master');

/** Erases a link's contact person (through the outbox): phone and email gone, a pseudonym for the name, the link revoked. */
export const eraseDonorLink = (siteId: string, linkId: string, label: string) => write<DonorLink>(`/sites/${siteId}/donor-links/${linkId}/erase`, undefined, label, 'master');
