/**
 * Loading a route and handing its bags out: nothing leaves the depot or reaches a household past
 * its hand-out date (`handOutBy`, see `hand-out.ts`). The driver confirms loading on the route's
 * day ("Lastattu, lähden"); only then are the route's bags dispatched, and a bag whose date has
 * passed is discarded at the depot instead of loaded. A delivery is judged on the day it
 * happened (`completedAt`'s local day), which is the route's day; bags still on a vehicle when
 * that day has ended are unsettled and can only come back or be discarded. Pure: the clock and
 * every row come in as arguments.
 */
import type { BagStatus } from './reservations.ts';
import { type LocalDate, localDate, localDayRange } from './dates.ts';
import { mayHandOut } from './hand-out.ts';
import type { Text } from '../i18n/messages.ts';

/**
 * Whether a route may be loaded at `now`: only on its own local day. Loading the evening before
 * would dispatch bags whose date is checked against the wrong day and start the cold ride hours
 * early; loading a day late is a route that did not run.
 *
 * @example loadingDayVerdict('2026-12-08', new Date('2026-12-08T05:30:00Z')) // { ok: true } (07:30 in Helsinki)
 * @example loadingDayVerdict('2026-12-08', new Date('2026-12-07T20:00:00Z')) // { ok: false, rule: 'not_route_day', … }
 */
export function loadingDayVerdict(routeDate: LocalDate, now: Date): { ok: true } | { ok: false; rule: 'not_route_day'; message: Text } {
  const today = localDate(now);
  if (today === routeDate) return { ok: true };
  return { ok: false, rule: 'not_route_day', message: (m) => m.loadingOnAnotherDay(routeDate, today) };
}

/** A bag of a route's reservations as the loading sees it. */
export type LoadingBag = { id: string; status: BagStatus; handOutBy: LocalDate | null };

/** Why a bag of the route stays at the depot: past its date (discarded), held by an excursion, or recalled. */
export type LeftBehindReason = 'expired' | 'held' | 'recalled';

/**
 * What loading does with each bag of a route's reservations on the route's day `day`: reserved
 * bags that may still be handed out that day are loaded (`load`); reserved bags past their
 * `handOutBy` are discarded with reason `expired` (`discard`); bags an excursion holds or a
 * recall took stay behind (`held`, `recalled`) and are only reported. Bags already dispatched,
 * delivered or discarded are not this loading's business and are left out.
 *
 * @example sortLoad([{ id: 'a', status: 'reserved', handOutBy: '2026-12-07' }, { id: 'b', status: 'reserved', handOutBy: null }], '2026-12-08')
 * // { load: ['b'], discard: ['a'], leftBehind: [{ id: 'a', reason: 'expired', handOutBy: '2026-12-07' }] }
 */
export function sortLoad(bags: readonly LoadingBag[], day: LocalDate): {
  load: string[]; discard: string[]; leftBehind: { id: string; reason: LeftBehindReason; handOutBy: LocalDate | null }[];
} {
  const out = { load: [] as string[], discard: [] as string[], leftBehind: [] as { id: string; reason: LeftBehindReason; handOutBy: LocalDate | null }[] };
  for (const bag of bags) {
    if (bag.status === 'reserved') {
      if (mayHandOut(bag, day)) {
        out.load.push(bag.id);
      } else {
        out.discard.push(bag.id);
        out.leftBehind.push({ id: bag.id, reason: 'expired', handOutBy: bag.handOutBy });
      }
    } else if (bag.status === 'held' || bag.status === 'recalled') {
      out.leftBehind.push({ id: bag.id, reason: bag.status, handOutBy: bag.handOutBy });
    }
  }
  return out;
}

/**
 * How many of these bags may still be handed out on `day` (the delivery's local day): a delivery
 * of more is refused (`bag_past_hand_out`), never silently shortened.
 *
 * @example handOutLimit([{ handOutBy: '2026-12-08' }, { handOutBy: '2026-12-09' }, { handOutBy: null }], '2026-12-09') // 2
 */
export function handOutLimit(bags: readonly { handOutBy: LocalDate | null }[], day: LocalDate): number {
  return bags.filter((b) => mayHandOut(b, day)).length;
}

/**
 * Whether a delivery recorded as happening at `completedAt` lies after its route's day. A
 * delivery may be recorded later (a phone that was offline, a coordinator writing up what a
 * driver could not), but it happened on the route's day: a later time is refused.
 *
 * @example completedAfterRouteDay('2026-12-08', new Date('2026-12-08T21:59:00Z')) // false (23:59 in Helsinki)
 * @example completedAfterRouteDay('2026-12-08', new Date('2026-12-08T22:00:00Z')) // true (00:00 on the 9th)
 */
export function completedAfterRouteDay(routeDate: LocalDate, completedAt: Date): boolean {
  return localDate(completedAt) > routeDate;
}

/**
 * Whether a route's day has ended at `now` (Helsinki midnight after it): bags of the route still
 * dispatched then were neither delivered nor returned on the day and raise `bags_unsettled`.
 *
 * @example routeDayEnded('2026-12-08', new Date('2026-12-08T22:00:00Z')) // true
 */
export function routeDayEnded(routeDate: LocalDate, now: Date): boolean {
  return now.getTime() >= localDayRange(routeDate).end.getTime();
}
