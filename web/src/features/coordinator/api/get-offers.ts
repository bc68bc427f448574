import type { ApiItem } from '../../../api/types.ts';
import { getAll } from '../../../lib/api.ts';

export type Offer = ApiItem<'/offers'>;

/** `GET /offers?status=`: offers of one status ("Tarjoukset"), newest first (none when it fails). */
export const getOffers = async (status: 'open' | 'accepted' | 'declined') => ((await getAll<Offer>(`/offers?status=${status}`)).body as { items?: Offer[] }).items ?? [];
