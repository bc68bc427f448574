import type { Executor } from '../../db/client.ts';
import { localDate } from '../../domain/dates.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { gToKg, kgToG } from '../../http/schemas.ts';
import type { Actor } from '../../plugins/access.ts';
import { recordDelivery } from '../reservations/dispatch.service.ts';
import { toRouteDto, toStopDto } from '../route-plans/route-plans.service.ts';
import type { RouteRow, StopRow, PlanRow } from '../route-plans/route-plans.repo.ts';
import {
  findRoute, findStopForUpdate, reservationsByIds, routesOfDriver, sitesByIds, stopsOfRoutes, updateStop, userName, vehiclesByIds,
} from './drivers.repo.ts';
import type { DriverRouteDto, completeStopBody } from './drivers.schemas.ts';
import { renderRouteSheet } from './drivers.sheet.ts';
import type { z } from 'zod';

type SiteRow = Awaited<ReturnType<typeof sitesByIds>>[number];

const siteRef = (s: SiteRow) => ({
  id: s.id, name: s.name, municipality: s.municipality, address: s.address, lat: s.lat, lon: s.lon, contact: s.contact ?? undefined,
});

/** Kilos as a driver reads them: "about 60 kg", "12.5 kg". */
const kgText = (g: number) => `${Number(gToKg(g).toFixed(1))} kg`;

function bagsByType(stop: StopRow, reservations: { id: string; bagType: string; bags: number }[]) {
  const by = new Map<string, number>();
  for (const r of reservations.filter((x) => stop.reservationIds.includes(x.id))) by.set(r.bagType, (by.get(r.bagType) ?? 0) + r.bags);
  if (by.size === 0 && stop.bagType) by.set(stop.bagType, stop.bags);
  return [...by].sort(([a], [b]) => a.localeCompare(b)).map(([bagType, bags]) => ({ bagType, bags }));
}

/** The stop's task in words, English and Finnish. */
export function describeStop(kind: StopRow['kind'], grams: number, bags: { bagType: string; bags: number }[], siteName: string) {
  if (kind === 'pickup') {
    return { action: `Pick up about ${kgText(grams)} from ${siteName}`, actionFi: `Nouda noin ${kgText(grams)}: ${siteName}` };
  }
  const en = bags.map((b) => `${b.bags} ${b.bagType} bag${b.bags === 1 ? '' : 's'}`).join(', ');
  const fi = bags.map((b) => `${b.bags} kassia (${b.bagType})`).join(', ');
  return { action: `Deliver ${en} to ${siteName}`, actionFi: `Toimita ${fi}: ${siteName}` };
}

/** A link that opens depot → stops in order → depot in Google Maps (the app on a phone). */
export function mapUrl(depot: { lat: number; lon: number }, stops: { lat: number; lon: number }[]): string {
  const ll = (p: { lat: number; lon: number }) => `${p.lat},${p.lon}`;
  const params = new URLSearchParams({ api: '1', origin: ll(depot), destination: ll(depot), travelmode: 'driving' });
  if (stops.length > 0) params.set('waypoints', stops.map(ll).join('|'));
  return `https://www.google.com/maps/dir/?${params.toString()}`;
}

async function toDriverRoutes(ex: Executor, rows: { route: RouteRow; plan: PlanRow }[]): Promise<DriverRouteDto[]> {
  const stops = await stopsOfRoutes(ex, rows.map((r) => r.route.id));
  const siteIds = [...new Set([...stops.map((s) => s.siteId), ...rows.map((r) => r.plan.depotId)])];
  const sites = new Map((await sitesByIds(ex, siteIds)).map((s) => [s.id, s]));
  const vehicles = new Map((await vehiclesByIds(ex, [...new Set(rows.map((r) => r.route.vehicleId))])).map((v) => [v.id, v]));
  const reservations = await reservationsByIds(ex, [...new Set(stops.flatMap((s) => s.reservationIds))]);
  return rows.map(({ route, plan }) => {
    const own = stops.filter((s) => s.routeId === route.id);
    const base = toRouteDto(route, own);
    const depot = sites.get(plan.depotId)!;
    const vehicle = vehicles.get(route.vehicleId)!;
    return {
      ...base,
      planId: plan.id, date: plan.date,
      vehicle: { id: vehicle.id, name: vehicle.name, refrigerated: vehicle.refrigerated },
      depot: siteRef(depot),
      stops: own.map((s, i) => {
        const site = sites.get(s.siteId)!;
        const bags = s.kind === 'delivery' ? bagsByType(s, reservations) : [];
        return { ...base.stops[i], site: siteRef(site), ...describeStop(s.kind, s.grams, bags, site.name), bagsByType: bags };
      }),
      mapUrl: mapUrl(depot, own.map((s) => sites.get(s.siteId)!)),
      sheetUrl: `/routes/${route.id}/sheet`,
    };
  });
}

/** The driver's own routes of a day, from the current published plan of each depot. */
export async function myRoutes(ex: Executor, actor: Actor, date: string | undefined, now: Date) {
  const rows = await routesOfDriver(ex, actor.id, date ?? localDate(now));
  return { items: await toDriverRoutes(ex, rows) };
}

/**
 * A route a caller may see: a coordinator any route; a driver only their own route of the
 * current published plan (anything else is 404, so other drivers' routes are not revealed).
 */
async function visibleRoute(ex: Executor, actor: Actor, routeId: string) {
  const row = await findRoute(ex, routeId);
  if (!row) throw notFound('Route');
  if (actor.role !== 'coordinator' && (row.route.driverId !== actor.id || !row.current)) throw notFound('Route');
  return row;
}

export async function routeSheet(ex: Executor, actor: Actor, routeId: string): Promise<string> {
  const row = await visibleRoute(ex, actor, routeId);
  const [route] = await toDriverRoutes(ex, [row]);
  return renderRouteSheet(route, { driverName: await userName(ex, row.route.driverId), planVersion: row.plan.version });
}

/**
 * Records a stop's outcome. A delivery hands over bags: the reservations' bags become
 * delivered (a short count returns the rest, see `recordDelivery`). A pickup records the
 * kilos as an expected weight (the warehouse intake later weighs them). Completing a done stop
 * again with the same outcome answers it again; another outcome is 409.
 */
export async function completeStop(
  tx: Executor, actor: Actor, routeId: string, stopId: string, body: z.infer<typeof completeStopBody>, now: Date,
) {
  const row = await findRoute(tx, routeId);
  if (!row || row.route.driverId !== actor.id || !row.current) throw notFound('Route');
  const stop = await findStopForUpdate(tx, routeId, stopId);
  if (!stop) throw notFound('Stop');
  if (stop.kind === 'pickup' && body.bagsDelivered !== undefined) throw unprocessable('not_a_delivery', 'bagsDelivered applies to a delivery stop; this is a pickup');
  if (stop.kind === 'delivery' && body.kgCollected !== undefined) throw unprocessable('not_a_pickup', 'kgCollected applies to a pickup stop; this is a delivery');

  if (stop.status === 'done') {
    const same = stop.kind === 'pickup'
      ? body.kgCollected === undefined || kgToG(body.kgCollected) === stop.gCollected
      : body.bagsDelivered === undefined || body.bagsDelivered === stop.bagsDelivered;
    if (!same) throw conflict('stop_already_completed', 'This stop was already completed with another outcome', { stop: toStopDto(stop) });
    return toStopDto(stop);
  }
  if (stop.kind === 'pickup') {
    const gCollected = body.kgCollected === undefined ? stop.grams : kgToG(body.kgCollected);
    return toStopDto(await updateStop(tx, stop.id, { status: 'done', gCollected, note: body.note ?? null, completedAt: now }));
  }
  // Reservations cancelled before the publish were never dispatched; ones a coordinator already
  // recorded as delivered are done. The driver's count is for the rest.
  const reservations = await reservationsByIds(tx, stop.reservationIds);
  const open = reservations.filter((r) => r.status === 'dispatched').map((r) => r.id).sort();
  const result = open.length > 0
    ? await recordDelivery(tx, { reservationIds: open, bagsDelivered: body.bagsDelivered, now, actor: { id: actor.id }, reason: body.note ?? null })
    : { bagsDelivered: body.bagsDelivered ?? 0, bagsReturnedToStock: 0, bagsDiscarded: 0 };
  const updated = await updateStop(tx, stop.id, { status: 'done', bagsDelivered: result.bagsDelivered, note: body.note ?? null, completedAt: now });
  return { ...toStopDto(updated), bagsReturnedToStock: result.bagsReturnedToStock, bagsDiscarded: result.bagsDiscarded };
}
