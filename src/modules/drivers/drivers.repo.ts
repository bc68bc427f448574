import { and, asc, eq, exists, gte, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { alerts, bagEvents, bags, reservations, routePlans, routeStops, routes, sites, stopCorrections, users, vehicles } from '../../db/schema/index.ts';

/** The plan drivers see for its day: published, and no newer published version of the same day. */
const isCurrentPublished = sql`${routePlans.status} = 'published' and not exists (
  select 1 from route_plans newer where newer.depot_id = ${routePlans.depotId} and newer.date = ${routePlans.date}
    and newer.status = 'published' and newer.version > ${routePlans.version})`;

/** A driver's routes of a day by start. */
export const DRIVER_ROUTE_ORDER = sortKey<{ route: typeof routes.$inferSelect }>(
  [{ column: routes.start, part: 'instant' }, { column: routes.id, part: 'uuid' }], (r) => [r.route.start, r.route.id],
);

export const routesOfDriver = (ex: Executor, driverId: string, date: string, w: PageWindow) =>
  ex.select({ route: routes, plan: routePlans }).from(routes)
    .innerJoin(routePlans, eq(routePlans.id, routes.planId))
    .where(and(eq(routes.driverId, driverId), eq(routePlans.date, date), isCurrentPublished, pastKey(DRIVER_ROUTE_ORDER, w.after)))
    .orderBy(...orderOf(DRIVER_ROUTE_ORDER)).limit(w.limit);

/** A route with its plan, and whether that plan is the current published one. */
export async function findRoute(ex: Executor, id: string) {
  const [row] = await ex.select({ route: routes, plan: routePlans, current: sql<boolean>`(${isCurrentPublished})` })
    .from(routes).innerJoin(routePlans, eq(routePlans.id, routes.planId)).where(eq(routes.id, id));
  return row;
}

export const stopsOfRoutes = (ex: Executor, routeIds: string[]) =>
  routeIds.length === 0 ? Promise.resolve([]) : ex.select().from(routeStops).where(inArray(routeStops.routeId, routeIds)).orderBy(routeStops.routeId, routeStops.seq);

export async function findStopForUpdate(ex: Executor, routeId: string, stopId: string) {
  const [row] = await ex.select().from(routeStops).where(and(eq(routeStops.id, stopId), eq(routeStops.routeId, routeId))).for('update');
  return row;
}

export async function updateStop(ex: Executor, id: string, set: Partial<typeof routeStops.$inferInsert>) {
  const [row] = await ex.update(routeStops).set(set).where(eq(routeStops.id, id)).returning();
  return row;
}

export const sitesByIds = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : ex.select().from(sites).where(inArray(sites.id, ids));

export const vehiclesByIds = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : ex.select().from(vehicles).where(inArray(vehicles.id, ids));

export const reservationsByIds = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : ex.select({ id: reservations.id, bagType: reservations.bagType, bags: reservations.bags, status: reservations.status })
    .from(reservations).where(inArray(reservations.id, ids));

/**
 * The bags that go or went out for these reservations, by reservation and temperature class:
 * reserved (to load), dispatched (on board) or since delivered. Bags that stayed behind at the
 * loading (past their date, held, recalled) or were cancelled are not counted.
 */
export const dispatchedBagsOf = (ex: Executor, reservationIds: string[]) =>
  reservationIds.length === 0 ? Promise.resolve([]) : ex.select({
    reservationId: bags.reservationId, temperatureClass: bags.temperatureClass,
    bags: sql<number>`count(*)::int`.mapWith(Number), grams: sql<number>`sum(${bags.weightG})::bigint`.mapWith(Number),
  }).from(bags)
    .where(and(inArray(bags.reservationId, reservationIds), inArray(bags.status, ['reserved', 'dispatched', 'delivered'])))
    .groupBy(bags.reservationId, bags.temperatureClass);

/** The stop of a task in the current published plan of a day, locked: where a replaced plan's outcome also lands. */
export async function currentStopOfTask(ex: Executor, depotId: string, date: string, taskId: string) {
  const [row] = await ex.select({ stop: routeStops, route: routes, plan: routePlans }).from(routeStops)
    .innerJoin(routes, eq(routes.id, routeStops.routeId))
    .innerJoin(routePlans, eq(routePlans.id, routes.planId))
    .where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date), eq(routeStops.taskId, taskId), isCurrentPublished))
    .for('update', { of: routeStops });
  return row;
}

export const userName = async (ex: Executor, id: string | null) =>
  id ? (await ex.select({ name: users.name }).from(users).where(eq(users.id, id)))[0]?.name : undefined;

/**
 * The stops of the published version just before `version` of a day (the one drivers saw
 * before a re-plan), with their route's driver: what each stop of the current plan is
 * compared with.
 */
export async function previousPublishedStops(ex: Executor, depotId: string, date: string, version: number) {
  const [prev] = await ex.select({ id: routePlans.id, version: routePlans.version }).from(routePlans)
    .where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date), eq(routePlans.status, 'published'), sql`${routePlans.version} < ${version}`))
    .orderBy(sql`${routePlans.version} desc`).limit(1);
  if (!prev) return undefined;
  const stops = await ex.select({ taskId: routeStops.taskId, driverId: routes.driverId, arrival: routeStops.arrival, bags: routeStops.bags, grams: routeStops.grams })
    .from(routeStops).innerJoin(routes, eq(routes.id, routeStops.routeId)).where(eq(routes.planId, prev.id));
  return { version: prev.version, stops };
}

/** The corrections of these stops, oldest first. */
export const correctionsOfStops = (ex: Executor, stopIds: string[]) =>
  stopIds.length === 0 ? Promise.resolve([] as (typeof stopCorrections.$inferSelect)[])
    : ex.select().from(stopCorrections).where(inArray(stopCorrections.stopId, stopIds)).orderBy(stopCorrections.createdAt, stopCorrections.correctedAt);

export async function insertCorrection(ex: Executor, row: typeof stopCorrections.$inferInsert) {
  const [out] = await ex.insert(stopCorrections).values(row).returning();
  return out;
}

/** How many bags went out for these reservations (each dispatched once): the most a delivery stop can have handed over. */
export async function bagsSentOut(ex: Executor, reservationIds: string[]) {
  if (reservationIds.length === 0) return 0;
  const [row] = await ex.select({ n: sql<number>`count(distinct ${bagEvents.bagId})::int`.mapWith(Number) }).from(bagEvents)
    .where(and(inArray(bagEvents.reservationId, reservationIds), eq(bagEvents.toStatus, 'dispatched')));
  return row?.n ?? 0;
}

/** The delivered bags of a reservation, locked. */
export const deliveredBagsOf = (ex: Executor, reservationId: string) =>
  ex.select({ id: bags.id, handOutBy: bags.handOutBy, temperatureClass: bags.temperatureClass }).from(bags)
    .where(and(eq(bags.reservationId, reservationId), eq(bags.status, 'delivered'))).orderBy(bags.id).for('update');

/**
 * Bags that came back from a delivery of these reservations (returned to stock or discarded
 * when it was recorded, or taken back by a correction) and are still there: in stock and not
 * reserved again, or discarded. Locked; a correction may deliver them after all.
 */
export async function bagsBackFrom(ex: Executor, reservationIds: string[]) {
  if (reservationIds.length === 0) return [];
  const rows = await ex.selectDistinctOn([bags.id], { id: bags.id, status: bags.status, reservationId: bagEvents.reservationId }).from(bagEvents)
    .innerJoin(bags, eq(bags.id, bagEvents.bagId))
    .where(and(
      inArray(bagEvents.reservationId, reservationIds), inArray(bagEvents.fromStatus, ['dispatched', 'delivered']), inArray(bagEvents.toStatus, ['in_stock', 'discarded']),
      sql`(${bags.status} = 'discarded' or (${bags.status} = 'in_stock' and ${bags.reservationId} is null))`,
    )).orderBy(bags.id);
  if (rows.length > 0) await ex.select({ id: bags.id }).from(bags).where(inArray(bags.id, rows.map((r) => r.id))).for('update');
  return rows as { id: string; status: 'in_stock' | 'discarded'; reservationId: string }[];
}

/** Delivers bags that had come back, on the stop's delivery, with a bag event each (history is appended, never rewritten). */
export async function redeliverBags(ex: Executor, input: { bags: { id: string; status: string; reservationId: string }[]; at: Date; actorId: string }) {
  for (const b of input.bags) {
    await ex.update(bags).set({ status: 'delivered', statusAt: input.at, reservationId: b.reservationId }).where(eq(bags.id, b.id));
    await ex.insert(bagEvents).values({ bagId: b.id, fromStatus: b.status, toStatus: 'delivered', reservationId: b.reservationId, reason: 'corrected', at: input.at, createdBy: input.actorId });
  }
}

/** The reason a loading discard is recorded with (a bag event from `reserved`): what `leftBehindBags` finds again. */
export const EXPIRED_AT_LOADING = 'expired';

/**
 * The bags of these reservations that did not go on board: held, recalled, or discarded at
 * loading past their date (a `reserved` → `discarded` event with reason {@link EXPIRED_AT_LOADING}).
 */
export function leftBehindBags(ex: Executor, reservationIds: string[]) {
  const expiredAtLoading = exists(ex.select({ one: sql`1` }).from(bagEvents).where(and(
    eq(bagEvents.bagId, bags.id), eq(bagEvents.fromStatus, 'reserved'), eq(bagEvents.toStatus, 'discarded'), eq(bagEvents.reason, EXPIRED_AT_LOADING),
  )));
  return ex.select({ id: bags.id, bagType: bags.bagType, temperatureClass: bags.temperatureClass, handOutBy: bags.handOutBy, status: bags.status, reservationId: bags.reservationId })
    .from(bags)
    .where(and(inArray(bags.reservationId, reservationIds), sql`(${bags.status} in ('held', 'recalled') or (${bags.status} = 'discarded' and ${expiredAtLoading}))`))
    .orderBy(asc(bags.handOutBy), asc(bags.id));
}

/** A route locked for the rest of the transaction. */
export async function lockRoute(ex: Executor, id: string) {
  const [row] = await ex.select().from(routes).where(eq(routes.id, id)).for('update');
  return row;
}

/** A route's row, without its plan. */
export async function routeById(ex: Executor, id: string) {
  const [row] = await ex.select().from(routes).where(eq(routes.id, id));
  return row;
}

/** The bags of these reservations that would go on board or stay behind (reserved, held, recalled), locked in id order. */
export const lockBagsToLoad = (ex: Executor, reservationIds: string[]) =>
  ex.select({ id: bags.id, status: bags.status, handOutBy: bags.handOutBy, reservationId: bags.reservationId })
    .from(bags).where(and(inArray(bags.reservationId, reservationIds), inArray(bags.status, ['reserved', 'held', 'recalled']))).orderBy(asc(bags.id)).for('update');

/** Discards those of these bags still reserved. */
export async function discardReservedBags(ex: Executor, bagIds: string[], at: Date) {
  await ex.update(bags).set({ status: 'discarded', statusAt: at }).where(and(inArray(bags.id, bagIds), eq(bags.status, 'reserved')));
}

/** Records a route's loading: when and by whom. */
export async function markRouteLoaded(ex: Executor, id: string, at: Date, by: string) {
  await ex.update(routes).set({ loadedAt: at, loadedBy: by }).where(eq(routes.id, id));
}

/** How many bags of these reservations went on board (dispatched or since delivered). */
export async function loadedBagCount(ex: Executor, reservationIds: string[]): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(bags)
    .where(and(inArray(bags.reservationId, reservationIds), inArray(bags.status, ['dispatched', 'delivered'])));
  return row.n;
}

/** How many bags of these reservations are still dispatched (neither delivered nor returned). */
export async function dispatchedBagCount(ex: Executor, reservationIds: string[]): Promise<number> {
  const [row] = await ex.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(bags)
    .where(and(inArray(bags.reservationId, reservationIds), eq(bags.status, 'dispatched')));
  return row.n;
}

/** A vehicle by id. */
export async function findVehicle(ex: Executor, id: string) {
  const [row] = await ex.select().from(vehicles).where(eq(vehicles.id, id));
  return row;
}

/** A site's name, by id. */
export async function siteName(ex: Executor, id: string) {
  const [row] = await ex.select({ name: sites.name }).from(sites).where(eq(sites.id, id));
  return row;
}

/**
 * Loaded routes of plans dated in [from, before) that have no `bags_unsettled` alert yet, with
 * their plan's date and depot and the vehicle's name.
 */
export const loadedRoutesWithoutUnsettledAlert = (ex: Executor, from: string, before: string) =>
  ex.select({ route: routes, date: routePlans.date, depotId: routePlans.depotId, vehicleName: vehicles.name })
    .from(routes)
    .innerJoin(routePlans, eq(routePlans.id, routes.planId))
    .innerJoin(vehicles, eq(vehicles.id, routes.vehicleId))
    .where(and(
      isNotNull(routes.loadedAt), lt(routePlans.date, before), gte(routePlans.date, from),
      sql`not exists (select 1 from ${alerts} a where a.kind = 'bags_unsettled' and a.route_id = ${routes.id})`,
    ));
