import type { ApiAnswer, ApiItem, ApiRequest } from '../../../api/types.ts';
import { cachedGetAll, getAll } from '../../../lib/api.ts';
import { write } from '../../../lib/write.ts';

export type Offer = ApiItem<'/offers'>;
export type AcceptAnswer = ApiAnswer<'/offers/{id}/accept', 'post'>;
type Donor = ApiItem<'/sites'>;

/** Offers of one status ("Tarjoukset"), newest first. */
export const getOffers = async (status: 'open' | 'accepted' | 'declined') => ((await getAll<Offer>(`/offers?status=${status}`)).body as { items?: Offer[] }).items ?? [];
/** The donors a phoned-in offer may be recorded for. */
export const getDonors = () => cachedGetAll<Donor>('/sites?kind=donor');

/** Accepts an offer as a one-off pickup (through the outbox); `replaces` the refused try it follows. */
export const acceptOffer = (id: string, body: ApiRequest<'/offers/{id}/accept'>, label: string, replaces?: string) =>
  write<AcceptAnswer>({ path: `/offers/${id}/accept`, body, label, kind: 'offers', form: 'accept', subject: id, replaces });
export const declineOffer = (id: string, body: ApiRequest<'/offers/{id}/decline'>, label: string) =>
  write<Offer>({ path: `/offers/${id}/decline`, body, label, kind: 'offers', form: 'decline', subject: id });
/** An offer a donor phoned in, recorded on its behalf. */
export const recordOffer = (body: ApiRequest<'/offers'>, label: string) => write<Offer>({ path: '/offers', body, label, kind: 'offers', form: 'record' });
