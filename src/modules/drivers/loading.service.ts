import type { Executor } from '../../db/client.ts';
import { addDays, type LocalDate, localDate } from '../../domain/dates.ts';
import { lotCode } from '../../domain/labels.ts';
import { type LeftBehindReason, loadingDayVerdict, routeDayEnded, sortLoad } from '../../domain/loading.ts';
import { rideLimitMinutes, rideMinutes, rideTooLong } from '../../domain/cold-ride.ts';
import type { TemperatureClass } from '../../domain/categories.ts';
import { assertInWindow, conflict, notFound, unprocessable } from '../../errors.ts';
import { checkStatedInstant } from '../../domain/date-window.ts';
import type { Actor } from '../auth/actor.ts';
import { notifyAlert } from '../notifications/triggers.service.ts';
import { dispatchReservations } from '../reservations/dispatch.service.ts';
import { lockReservations } from '../reservations/reservations.repo.ts';
import { insertAlertIfNew, insertBagEvents } from '../storage/storage.repo.ts';
import { storedDetail } from '../storage/temperature.service.ts';
import {
  discardReservedBags, dispatchedBagCount, EXPIRED_AT_LOADING, findRoute, findVehicle, leftBehindBags, loadedBagCount,
  loadedRoutesWithoutUnsettledAlert, lockBagsToLoad, lockRoute, markRouteLoaded, routeById, siteName, stopsOfRoutes,
} from './drivers.repo.ts';

/** A bag of a route that stayed at the depot, and why. */
export type LeftBehindBag = {
  bagId: string; code: string; bagType: string; temperatureClass: TemperatureClass; handOutBy: LocalDate | null;
  reason: LeftBehindReason; reservationId: string; stopId: string;
};

/**
 * The bags of these delivery stops that did not go on board: discarded at loading past their
 * date (`expired`), held by an excursion (`held`) or taken by a recall (`recalled`). Read back
 * from the bags and their events, so a phone that loaded offline sees the same list later.
 */
export async function leftBehindOf(ex: Executor, stops: { id: string; kind: string; reservationIds: string[] }[]): Promise<LeftBehindBag[]> {
  const stopOf = new Map(stops.filter((s) => s.kind === 'delivery').flatMap((s) => s.reservationIds.map((r) => [r, s.id] as const)));
  if (stopOf.size === 0) return [];
  const rows = await leftBehindBags(ex, [...stopOf.keys()]);
  return rows.map((b) => ({
    bagId: b.id, code: lotCode(b.id), bagType: b.bagType, temperatureClass: b.temperatureClass, handOutBy: b.handOutBy,
    reason: b.status === 'discarded' ? 'expired' : b.status as 'held' | 'recalled', reservationId: b.reservationId!, stopId: stopOf.get(b.reservationId!)!,
  }));
}

/** How many bags of a list are left behind for each reason. */
export const countByReason = (list: readonly LeftBehindBag[]) => ({
  expired: list.filter((b) => b.reason === 'expired').length,
  held: list.filter((b) => b.reason === 'held').length,
  recalled: list.filter((b) => b.reason === 'recalled').length,
});

/**
 * `POST /routes/:id/load`: the driver confirms the loading ("Lastattu, lähden"), or a coordinator
 * records it. Only on the route's local day (`loadingDayVerdict`, 422 `not_route_day`; a phone
 * that was offline sends `loadedAt`, the time the button was pressed), on a published plan (also
 * one a newer version replaced while the phone was offline, as for stop outcomes). Every reserved bag of the route's deliveries that may still be
 * handed out that day is dispatched with its reservation; a bag past its `handOutBy` is
 * discarded at the depot with reason `expired` (a bag event, like every other discard: packed
 * food left the lot ledger at packing, so the mass balance is untouched), and bags held by an
 * excursion or recalled stay behind. The answer says which bags stayed and why. Loading again
 * answers the same loading (the first time and person stand) and changes nothing.
 */
export async function loadRoute(tx: Executor, actor: Actor, routeId: string, body: { loadedAt?: string }, now: Date) {
  const row = await findRoute(tx, routeId);
  if (!row || (actor.role !== 'coordinator' && row.route.driverId !== actor.id)) throw notFound('route');
  if (row.plan.status !== 'published') throw conflict('plan_not_published', (m) => m.planNotPublished());
  const route = await lockRoute(tx, routeId);
  const stops = (await stopsOfRoutes(tx, [routeId])).filter((s) => s.kind === 'delivery');
  const alreadyLoaded = route.loadedAt !== null;
  if (!alreadyLoaded) {
    const at = body.loadedAt ? new Date(body.loadedAt) : now;
    assertInWindow(checkStatedInstant(at, now, { mayBackdate: true }), 'body.loadedAt');
    const verdict = loadingDayVerdict(row.plan.date, at);
    if (!verdict.ok) throw unprocessable(verdict.rule, verdict.message, { date: row.plan.date });
    const reservationIds = [...new Set(stops.flatMap((s) => s.reservationIds))];
    const locked = await lockReservations(tx, reservationIds);
    const held = locked.filter((r) => r.status === 'held').map((r) => r.id);
    const onBoard = held.length === 0 ? [] : await lockBagsToLoad(tx, held);
    const sorted = sortLoad(onBoard, row.plan.date);
    if (sorted.discard.length > 0) {
      await discardReservedBags(tx, sorted.discard, at);
      await insertBagEvents(tx, onBoard.filter((b) => sorted.discard.includes(b.id)).map((b) => ({
        bagId: b.id, fromStatus: 'reserved', toStatus: 'discarded', reservationId: b.reservationId, reason: EXPIRED_AT_LOADING, at, createdBy: actor.id,
      })));
    }
    await dispatchReservations(tx, held, at, actor.id);
    await markRouteLoaded(tx, routeId, at, actor.id);
  }
  const fresh = await routeById(tx, routeId);
  const leftBehind = await leftBehindOf(tx, stops);
  const reservationIds = [...new Set(stops.flatMap((s) => s.reservationIds))];
  const loaded = reservationIds.length === 0 ? 0 : await loadedBagCount(tx, reservationIds);
  return {
    routeId, date: row.plan.date, loadedAt: fresh.loadedAt!.toISOString(), loadedBy: fresh.loadedBy ?? undefined, alreadyLoaded,
    bagsLoaded: loaded, leftBehind: countByReason(leftBehind), bagsLeftBehind: leftBehind,
  };
}

/**
 * A done delivery's ride (`rideMinutes` from the route's loading to the stop's completion) and,
 * for chilled or frozen bags in a vehicle without refrigeration over their limit
 * (`rideTooLong`), a `ride_too_long` alert about the stop, told to the coordinators at once.
 * Returns the minutes to store on the stop (null: nothing cold was handed over, or never loaded).
 */
export async function recordRide(tx: Executor, input: {
  route: { id: string; vehicleId: string; loadedAt: Date | null }; depotId: string;
  stop: { id: string; siteId: string }; classes: TemperatureClass[]; completedAt: Date; now: Date;
}): Promise<number | null> {
  const cold = input.classes.filter((c) => c !== 'ambient');
  if (cold.length === 0) return null;
  const minutes = rideMinutes(input.route.loadedAt, input.completedAt);
  const vehicle = await findVehicle(tx, input.route.vehicleId);
  if (minutes !== null && rideTooLong({ minutes, classes: cold, refrigerated: vehicle?.refrigerated ?? false })) {
    const site = await siteName(tx, input.stop.siteId);
    const coldest: TemperatureClass = cold.includes('frozen') ? 'frozen' : 'chilled';
    const alert = await insertAlertIfNew(tx, {
      kind: 'ride_too_long', depotId: input.depotId, routeId: input.route.id, stopId: input.stop.id, openedAt: input.now,
      ...storedDetail({ code: 'ride_too_long', siteName: site?.name ?? '', vehicleName: vehicle?.name ?? '', minutes, limitMin: rideLimitMinutes(cold)!, temperatureClass: coldest }),
    });
    if (alert) await notifyAlert(tx, alert.id, input.now);
  }
  return minutes;
}

/** How far back the nightly check looks for loaded routes whose bags were left unsettled. */
const UNSETTLED_LOOKBACK_DAYS = 14;

/**
 * The nightly check after each route's day (`check-unsettled-bags`): every loaded route whose
 * day has ended (`routeDayEnded`) with bags of its deliveries still dispatched (neither delivered
 * nor returned) gets one `bags_unsettled` alert (once per route, however often the job runs),
 * told to the coordinators at once. Those bags can then only be returned or discarded; the
 * alert closes by itself when the last of them is settled (`closeSettledAlerts`).
 */
export async function raiseUnsettledBags(db: Executor, now: Date): Promise<number> {
  const today = localDate(now);
  const candidates = await loadedRoutesWithoutUnsettledAlert(db, addDays(today, -UNSETTLED_LOOKBACK_DAYS), today);
  let raised = 0;
  for (const c of candidates.filter((x) => routeDayEnded(x.date, now))) {
    const reservationIds = [...new Set((await stopsOfRoutes(db, [c.route.id])).filter((s) => s.kind === 'delivery').flatMap((s) => s.reservationIds))];
    if (reservationIds.length === 0) continue;
    const open = await dispatchedBagCount(db, reservationIds);
    if (open === 0) continue;
    const alert = await insertAlertIfNew(db, {
      kind: 'bags_unsettled', depotId: c.depotId, routeId: c.route.id, openedAt: now,
      ...storedDetail({ code: 'bags_unsettled', vehicleName: c.vehicleName, date: c.date, bags: open }),
    });
    if (alert) {
      raised += 1;
      await notifyAlert(db, alert.id, now);
    }
  }
  return raised;
}
