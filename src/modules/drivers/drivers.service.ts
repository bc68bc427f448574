import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { localDate } from '../../domain/dates.ts';
import { actualLoads, completionTimeVerdict, navigationLegs, stopChange, stopNavigationUrl } from '../../domain/driver-route.ts';
import { badRequest, conflict, notFound, unprocessable } from '../../errors.ts';
import { catalogues, type BagLine, type Messages } from '../../i18n/messages.ts';
import { keysetPage } from '../../db/cursor.ts';
import type { Actor } from '../auth/actor.ts';
import { recordDelivery } from '../reservations/dispatch.service.ts';
import { newestPublishedVersions, type PlanRow, type RouteRow, type StopRow } from '../route-plans/route-plans.repo.ts';
import { toRouteDto, toStopDto, toStopSite } from '../route-plans/route-plans.service.ts';
import {
  correctionsOfStops, currentStopOfTask, dispatchedBagsOf, DRIVER_ROUTE_ORDER, findRoute, findStopForUpdate, previousPublishedStops, reservationsByIds, routesOfDriver, sitesByIds, stopsOfRoutes, updateStop, userName, vehiclesByIds,
} from './drivers.repo.ts';
import type { CompletedStopDto, DriverRouteDto, completeStopBody, skipStopBody } from './drivers.schemas.ts';
import { renderRouteSheet } from './drivers.sheet.ts';
import { countByReason, leftBehindOf, recordRide } from './loading.service.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';

type ReservationRef = Awaited<ReturnType<typeof reservationsByIds>>[number];
type DispatchedBags = Awaited<ReturnType<typeof dispatchedBagsOf>>[number];
type TemperatureClass = DispatchedBags['temperatureClass'];
const COLDNESS: TemperatureClass[] = ['ambient', 'chilled', 'frozen'];

/**
 * What a delivery stop really carries: the bags dispatched for its reservations (a reservation
 * cancelled before the publish sent none), per type and temperature class, their weight, and
 * the coldest class on board for it. A stop without reservation ids keeps its planned count.
 */
function dispatchedLoad(stop: StopRow, reservations: ReservationRef[], dispatched: DispatchedBags[]) {
  const own = reservations.filter((x) => stop.reservationIds.includes(x.id));
  if (own.length === 0) {
    return { byType: stop.bagType ? [{ bagType: stop.bagType, bags: stop.bags }] : [], bags: stop.bags, grams: stop.grams, coldChain: undefined };
  }
  const by = new Map<string, BagLine>();
  let bags = 0;
  let grams = 0;
  for (const r of own) {
    for (const d of dispatched.filter((x) => x.reservationId === r.id)) {
      const line = by.get(`${r.bagType}|${d.temperatureClass}`) ?? { bagType: r.bagType, temperatureClass: d.temperatureClass, bags: 0 };
      line.bags += d.bags;
      by.set(`${r.bagType}|${d.temperatureClass}`, line);
      bags += d.bags;
      grams += d.grams;
    }
  }
  const byType = [...by.values()].sort((a, b) => a.bagType.localeCompare(b.bagType) || COLDNESS.indexOf(a.temperatureClass!) - COLDNESS.indexOf(b.temperatureClass!));
  const coldest = byType.map((l) => l.temperatureClass!).sort((a, b) => COLDNESS.indexOf(b) - COLDNESS.indexOf(a))[0];
  return { byType, bags, grams, coldChain: coldest === 'chilled' || coldest === 'frozen' ? coldest : undefined };
}

/**
 * The stop's task in words, English and Finnish, from the message catalogues: bag types by
 * their names and counts in the right number ("Toimita 1 leipäkassi, 2 ruokakassia (kylmä)"),
 * kilos rounded to a tenth as a driver reads them.
 */
export function describeStop(kind: StopRow['kind'], grams: number, bags: BagLine[], siteName: string) {
  const text = (m: Messages) => {
    if (kind === 'pickup') return m.stopTask.pickUp(Number(gramsToKg(grams).toFixed(1)), siteName);
    return bags.length === 0 ? m.stopTask.nothingToDeliver(siteName) : m.stopTask.deliver(bags, siteName);
  };
  return { action: text(catalogues.en), actionFi: text(catalogues.fi) };
}

async function toDriverRoutes(ex: Executor, rows: { route: RouteRow; plan: PlanRow }[]): Promise<DriverRouteDto[]> {
  const stops = await stopsOfRoutes(ex, rows.map((r) => r.route.id));
  const corrections = await correctionsOfStops(ex, stops.filter((s) => s.status === 'done').map((s) => s.id));
  const previous = new Map<string, Awaited<ReturnType<typeof previousPublishedStops>>>();
  for (const plan of new Map(rows.map((r) => [r.plan.id, r.plan])).values()) {
    if (plan.status === 'published' && plan.version > 1) previous.set(plan.id, await previousPublishedStops(ex, plan.depotId, plan.date, plan.version));
  }
  const siteIds = [...new Set([...stops.map((s) => s.siteId), ...rows.map((r) => r.plan.depotId)])];
  const sites = new Map((await sitesByIds(ex, siteIds)).map((s) => [s.id, s]));
  const vehicles = new Map((await vehiclesByIds(ex, [...new Set(rows.map((r) => r.route.vehicleId))])).map((v) => [v.id, v]));
  const reservationIds = [...new Set(stops.flatMap((s) => s.reservationIds))];
  const reservations = await reservationsByIds(ex, reservationIds);
  const dispatched = await dispatchedBagsOf(ex, reservationIds);
  const leftBehind = new Map<string, Awaited<ReturnType<typeof leftBehindOf>>>();
  for (const { route } of rows) leftBehind.set(route.id, route.loadedAt ? await leftBehindOf(ex, stops.filter((s) => s.routeId === route.id)) : []);
  return rows.map(({ route, plan }) => {
    const own = stops.filter((s) => s.routeId === route.id);
    const base = toRouteDto(route, own, corrections);
    const depot = sites.get(plan.depotId)!;
    const vehicle = vehicles.get(route.vehicleId)!;
    const loads = own.map((s) => (s.kind === 'delivery' ? dispatchedLoad(s, reservations, dispatched) : undefined));
    const after = actualLoads(own, loads);
    const points = [depot, ...own.map((s) => sites.get(s.siteId)!), depot];
    const legs = navigationLegs(points).map((l) => ({ fromSeq: l.from, toSeq: l.to, url: l.url }));
    const prev = previous.get(plan.id);
    const change = (s: StopRow) => (prev ? stopChange(prev.stops.find((p) => p.taskId === s.taskId), { ...s, driverId: route.driverId }) : undefined);
    return {
      ...base,
      planId: plan.id, planVersion: plan.version, replacesVersion: prev?.version, date: plan.date,
      vehicle: { id: vehicle.id, name: vehicle.name, refrigerated: vehicle.refrigerated },
      depot: toStopSite(depot),
      stops: own.map((s, i) => {
        const site = sites.get(s.siteId)!;
        const load = loads[i];
        return {
          ...base.stops[i],
          ...(load ? { bags: load.bags, kg: gramsToKg(load.grams) } : {}),
          loadBagsAfter: after[i].loadBagsAfter, loadKgAfter: gramsToKg(after[i].loadGAfter),
          site: toStopSite(site), ...describeStop(s.kind, s.grams, load?.byType ?? [], site.name), bagsByType: load?.byType ?? [], coldChain: load?.coldChain,
          navigationUrl: stopNavigationUrl(site),
          change: change(s),
        };
      }),
      mapUrl: legs[0]?.url ?? stopNavigationUrl(depot),
      navigation: legs,
      sheetUrl: `/routes/${route.id}/sheet`,
      leftBehind: countByReason(leftBehind.get(route.id)!),
      bagsLeftBehind: leftBehind.get(route.id)!,
    };
  });
}

/** The driver's own routes of a day, from the current published plan of each depot. */
export async function myRoutes(ex: Executor, actor: Actor, q: { date?: string; limit: number; cursor?: string }, now: Date) {
  const { page, nextCursor } = await keysetPage(q, DRIVER_ROUTE_ORDER, (w) => routesOfDriver(ex, actor.id, q.date ?? localDate(now), w));
  return { items: await toDriverRoutes(ex, page), nextCursor };
}

/**
 * A route a caller may see: a coordinator any route; a driver only their own route of the
 * current published plan (anything else is 404, so other drivers' routes are not revealed).
 */
async function visibleRoute(ex: Executor, actor: Actor, routeId: string) {
  const row = await findRoute(ex, routeId);
  if (!row) throw notFound('route');
  if (actor.role !== 'coordinator' && (row.route.driverId !== actor.id || !row.current)) throw notFound('route');
  return row;
}

export async function routeSheet(ex: Executor, actor: Actor, routeId: string): Promise<string> {
  const row = await visibleRoute(ex, actor, routeId);
  const [route] = await toDriverRoutes(ex, [row]);
  return renderRouteSheet(route, { driverName: await userName(ex, row.route.driverId), planVersion: row.plan.version });
}

/**
 * The stop whose outcome is being recorded, locked, with its route and plan. A driver records
 * on their own routes of a published plan — also one a newer version replaced while the phone
 * was offline, so the outcome is kept; a coordinator on any published route (to record what a
 * driver could not). Not before the route's local day.
 */
async function stopToRecord(tx: Executor, actor: Actor, routeId: string, stopId: string, completedAt: string | undefined, now: Date) {
  const row = await findRoute(tx, routeId);
  if (!row || (actor.role !== 'coordinator' && row.route.driverId !== actor.id)) throw notFound('route');
  if (row.plan.status !== 'published') throw conflict('plan_not_published', (m) => m.planNotPublished());
  const at = completedAt ? new Date(completedAt) : now;
  const verdict = completionTimeVerdict(row.plan.date, at, now);
  if (!verdict.ok && verdict.rule === 'in_future') throw badRequest('completed_in_future', verdict.message);
  if (!verdict.ok && verdict.rule === 'after_route_day') throw unprocessable('completed_after_route_day', verdict.message, { date: row.plan.date, stopId });
  if (!verdict.ok) throw unprocessable('route_day_not_started', verdict.message, { date: row.plan.date });
  const stop = await findStopForUpdate(tx, routeId, stopId);
  if (!stop) throw notFound('stop');
  return { ...row, stop, at };
}

type Recorded = Awaited<ReturnType<typeof stopToRecord>>;

/**
 * For a stop of a replaced plan: the newest version, and the same task in it. When that task
 * is still planned and this outcome leaves nothing to do there (a pickup, or a delivery whose
 * reservations are now all delivered), it is completed too, so its driver does not go again.
 */
async function carryOver(tx: Executor, rec: Recorded, outcome: StopRow, actor: Actor): Promise<CompletedStopDto['planChanged']> {
  if (rec.current) return undefined;
  const newest = (await newestPublishedVersions(tx, [rec.plan])).get(`${rec.plan.depotId}/${rec.plan.date}`) ?? rec.plan.version;
  const found = await currentStopOfTask(tx, rec.plan.depotId, rec.plan.date, outcome.taskId);
  if (!found) return { currentVersion: newest };
  let stop = found.stop;
  if (stop.status === 'planned' && outcome.status === 'done') {
    const open = stop.kind === 'delivery' && (await reservationsByIds(tx, stop.reservationIds)).some((r) => r.status !== 'delivered');
    if (!open) {
      stop = await updateStop(tx, stop.id, {
        status: 'done', gCollected: outcome.gCollected, bagsDelivered: outcome.bagsDelivered, note: outcome.note, completedAt: outcome.completedAt, completedBy: actor.id,
      });
    }
  }
  return { currentVersion: newest, current: { routeId: found.route.id, stopId: stop.id, driverId: found.route.driverId ?? undefined, status: stop.status } };
}

/**
 * Records a stop's outcome. A delivery hands over bags: the reservations' bags become
 * delivered (a short count returns the rest, see `recordDelivery`). A pickup records the
 * kilos as an expected weight (the warehouse intake later weighs them). Idempotent by
 * outcome, whatever the Idempotency-Key: completing a done stop again with the same outcome
 * (a phone that sent it offline and again after the sync) answers it again and changes
 * nothing; another outcome is 409 with the stop as it stands. A skipped stop can still be
 * done (the driver came back later).
 */
export async function completeStop(
  tx: Executor, actor: Actor, routeId: string, stopId: string, body: z.infer<typeof completeStopBody>, now: Date,
): Promise<CompletedStopDto> {
  const rec = await stopToRecord(tx, actor, routeId, stopId, body.completedAt, now);
  const { stop, at } = rec;
  if (stop.kind === 'pickup' && body.bagsDelivered !== undefined) throw unprocessable('not_a_delivery', (m) => m.notADelivery());
  if (stop.kind === 'delivery' && body.kgCollected !== undefined) throw unprocessable('not_a_pickup', (m) => m.notAPickup());

  if (stop.status === 'done') {
    const same = stop.kind === 'pickup'
      ? body.kgCollected === undefined || kgToGrams(body.kgCollected) === stop.gCollected
      : body.bagsDelivered === undefined || body.bagsDelivered === stop.bagsDelivered;
    if (!same) throw conflict('stop_already_completed', (m) => m.stopAlreadyCompleted(), { stop: toStopDto(stop) });
    return { ...toStopDto(stop), planChanged: await carryOver(tx, rec, stop, actor) };
  }
  const done = { status: 'done' as const, note: body.note ?? null, skipReason: null, completedAt: at, completedBy: actor.id };
  if (stop.kind === 'pickup') {
    const updated = await updateStop(tx, stop.id, { ...done, gCollected: body.kgCollected === undefined ? stop.grams : kgToGrams(body.kgCollected) });
    return { ...toStopDto(updated), planChanged: await carryOver(tx, rec, updated, actor) };
  }
  // Reservations cancelled before the publish were never dispatched; ones a coordinator already
  // recorded as delivered are done. The driver's count is for the rest.
  const reservations = await reservationsByIds(tx, stop.reservationIds);
  // Bags not yet loaded never reach a point: the route's loading dispatches them (or discards those past their date).
  if (reservations.some((r) => r.status === 'held')) throw conflict('route_not_loaded', (m) => m.routeNotLoaded(), { stopId: stop.id });
  const open = reservations.filter((r) => r.status === 'dispatched').map((r) => r.id).sort();
  const classes = [...new Set((await dispatchedBagsOf(tx, open)).map((b) => b.temperatureClass))];
  const result = open.length > 0
    ? await recordDelivery(tx, {
      reservationIds: open, bagsDelivered: body.bagsDelivered, now: at, recordedAt: now, routeDate: rec.plan.date, actor: { id: actor.id }, reason: body.note ?? null, coldChainKept: body.coldChainKept,
    })
    : { bagsDelivered: body.bagsDelivered ?? 0, bagsReturnedToStock: 0, bagsDiscarded: 0 };
  const ride = result.bagsDelivered > 0
    ? await recordRide(tx, { route: rec.route, depotId: rec.plan.depotId, stop, classes, completedAt: at, now })
    : null;
  const updated = await updateStop(tx, stop.id, { ...done, bagsDelivered: result.bagsDelivered, rideMinutes: ride });
  return {
    ...toStopDto(updated), bagsReturnedToStock: result.bagsReturnedToStock, bagsDiscarded: result.bagsDiscarded,
    planChanged: await carryOver(tx, rec, updated, actor),
  };
}

/**
 * Records that a stop was not done, with the reason. Nothing is handed over: a delivery's
 * bags stay dispatched (they are in the van) until they are delivered on a later route or a
 * coordinator returns them with `POST /reservations/:id/deliveries`. Skipping again with the
 * same reason answers the stop again; a done stop, or another reason, is 409.
 */
export async function skipStop(
  tx: Executor, actor: Actor, routeId: string, stopId: string, body: z.infer<typeof skipStopBody>, now: Date,
): Promise<CompletedStopDto> {
  const rec = await stopToRecord(tx, actor, routeId, stopId, body.completedAt, now);
  const { stop, at } = rec;
  if (stop.status === 'done') throw conflict('stop_already_completed', (m) => m.stopDoneNotSkipped(), { stop: toStopDto(stop) });
  if (stop.status === 'skipped') {
    if (stop.skipReason !== body.reason) throw conflict('stop_already_skipped', (m) => m.stopSkippedOtherReason(), { stop: toStopDto(stop) });
    return { ...toStopDto(stop), planChanged: await carryOver(tx, rec, stop, actor) };
  }
  const updated = await updateStop(tx, stop.id, { status: 'skipped', skipReason: body.reason, note: body.note ?? null, completedAt: at, completedBy: actor.id });
  return { ...toStopDto(updated), planChanged: await carryOver(tx, rec, updated, actor) };
}
