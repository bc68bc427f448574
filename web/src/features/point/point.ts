import { cachedGet, cachedGetAll } from '../../lib/api.ts';
import { todayInHelsinki } from '../../lib/format.ts';
import { session } from '../../lib/session.ts';

/** A point as `GET /sites/:id` gives it: `servedByDepotId` is the depot its bags come from, also when none is set on the point (`depotId`). */
export interface Point { id: string; name: string; depotId?: string | null; servedByDepotId?: string }
export interface Reservation { id: string; date: string; bagType: string; temperatureClass?: string; bags: number; status: string; bagsDelivered?: number; bagsReceived?: number; deliveredAt?: string; confirmedAt?: string; heldBags?: number; recalledBags?: number }

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export const pointId = () => session.value?.user.pointId ?? '';
export const loadPoint = () => cachedGet<Point>(`/sites/${pointId()}`);
export const loadReservations = () => cachedGetAll<Reservation>(`/reservations?pointId=${pointId()}`);

/**
 * The point's next distribution days (two weeks ahead) with each one's cut-off: 18:00 in
 * Helsinki on the evening before, when the night's route plan is made. Days whose cut-off has
 * passed are left out: the server would refuse them.
 */
export async function nextDistributionDays(now = new Date()) {
  const days = await cachedGetAll<{ weekday: string }>(`/sites/${pointId()}/distribution-days`);
  const weekdays = new Set(days.items.map((x) => x.weekday));
  const today = todayInHelsinki(now);
  const out: { date: string; cutoff: string }[] = [];
  for (let i = 0; i <= 14; i += 1) {
    const date = addDays(today, i);
    if (!weekdays.has(WEEKDAYS[new Date(`${date}T12:00:00Z`).getUTCDay()])) continue;
    const cutoffDay = addDays(date, -1);
    const cutoffOpen = cutoffDay > today || (cutoffDay === today && Number(new Intl.DateTimeFormat('fi-FI', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Helsinki' }).format(now)) < 18);
    if (cutoffOpen) out.push({ date, cutoff: cutoffDay });
  }
  return out;
}
