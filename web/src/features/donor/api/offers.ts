import type { ApiItem, ApiRequest } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';
import { write, type WriteExtra } from '../../../lib/forms.ts';

export type DonorOffer = ApiItem<'/donor/offers'>;
/** The donor's own offers, newest first, with what it was told. */
export const getOffers = () => cachedGetAll<DonorOffer>('/donor/offers');
/** "Ylimääräistä noudettavaa" (through the outbox). */
export const createOffer = (body: ApiRequest<'/donor/offers'>, label: string, extra: WriteExtra = {}) =>
  write<DonorOffer>('/donor/offers', body, label, 'lahjoittaja', 'POST', extra);
