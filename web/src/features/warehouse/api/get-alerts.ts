import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';

/** `GET /alerts`: open alerts with what they hold, lots on hold, lots waiting for a best-before check, frozen-unit warnings. */
export type Alerts = ApiAnswer<'/alerts'>;
export type Alert = Alerts['items'][number];
/** A bag an excursion holds. */
export type HeldBag = Alert['heldBags'][number];

/** `GET /alerts` (open), kept on the device. */
export const getAlerts = () => cachedGet<Alerts>('/alerts?limit=100');

/** `GET /alerts?status=closed&from=`: the alerts closed since `from`, kept on the device. */
export const getClosedAlerts = (from: string) => cachedGet<Alerts>(`/alerts?status=closed&from=${from}&limit=100`).then((r) => r.items);
