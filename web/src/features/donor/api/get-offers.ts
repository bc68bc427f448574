import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

export type DonorOffer = ApiItem<'/donor/offers'>;
/** `GET /donor/offers`: the donor's own offers, newest first, with what it was told. */
export const getOffers = () => cachedGetAll<DonorOffer>('/donor/offers');
