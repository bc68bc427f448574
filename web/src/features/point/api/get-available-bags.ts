import type { ApiAnswer } from '../../../api/types.ts';
import { request } from '../../../lib/api.ts';

/** Bags free on a day, by class, as `GET /bags/available` counts them. */
export type AvailableBags = ApiAnswer<'/bags/available'>;

/** `GET /bags/available`: bags free for `date` at the depot, of a type (and a class); null when it fails. */
export const getAvailableBags = (q: { depotId: string; bagType: string; date: string; temperatureClass?: string }) =>
  request<AvailableBags>('GET', `/bags/available?${new URLSearchParams(q)}`).then((r) => (r.status === 200 ? r.body : null));
