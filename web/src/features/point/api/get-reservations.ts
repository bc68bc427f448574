import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';
import { pointId } from './get-point.ts';

/** A reservation as `GET /reservations` gives it: reserved, delivered and received counts, bags held or recalled. */
export type Reservation = ApiItem<'/reservations'>;

/** `GET /reservations?pointId=`: the lead's point's reservations, kept on the device. */
export const getReservations = () => cachedGetAll<Reservation>(`/reservations?pointId=${pointId()}`);
