import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { TemperatureClass } from '../../domain/categories.ts';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { servingDepot } from '../../domain/serving-depot.ts';
import { listDepotLocations } from '../sites/sites.repo.ts';
import { acceptedOffersOn, skippedTaskIds } from '../donors/donors.repo.ts';
import {
  distributionDays, pickupSchedules, reservations, routePlans, routeStops, routes, sites, users, vehicles,
} from '../../db/schema/index.ts';

export type PlanRow = typeof routePlans.$inferSelect;
export type RouteRow = typeof routes.$inferSelect;
export type StopRow = typeof routeStops.$inferSelect;

/**
 * Serialises everything that creates a plan version of one (depot, date): the version number
 * is read and written under this transaction-scoped lock, so concurrent requests and several
 * nightly workers never collide on `route_plans_version_uq`.
 */
export async function lockPlanDay(ex: Executor, depotId: string, date: string) {
  await ex.execute(sql`select pg_advisory_xact_lock(hashtext('kassi.route-plan'), hashtext(${`${depotId}/${date}`}))`);
}

export async function maxVersion(ex: Executor, depotId: string, date: string): Promise<number> {
  const [row] = await ex.select({ v: sql<number | null>`max(${routePlans.version})` }).from(routePlans)
    .where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date)));
  return Number(row?.v ?? 0);
}

/** The newest version of a day's plan, whatever its status. */
export async function newestPlanOfDay(ex: Executor, depotId: string, date: string): Promise<PlanRow | undefined> {
  const [row] = await ex.select().from(routePlans).where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date))).orderBy(sql`${routePlans.version} desc`).limit(1);
  return row;
}

export async function insertPlan(ex: Executor, row: typeof routePlans.$inferInsert): Promise<PlanRow> {
  const [plan] = await ex.insert(routePlans).values(row).returning();
  return plan;
}

export async function findPlan(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<PlanRow | undefined> {
  const q = ex.select().from(routePlans).where(eq(routePlans.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function updatePlan(ex: Executor, id: string, set: Partial<typeof routePlans.$inferInsert>) {
  await ex.update(routePlans).set(set).where(eq(routePlans.id, id));
}

/** Published plans of a day, newest version first: the first is the one drivers see. */
export const publishedPlansOfDay = (ex: Executor, depotId: string, date: string) =>
  ex.select().from(routePlans)
    .where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date), eq(routePlans.status, 'published')))
    .orderBy(sql`${routePlans.version} desc`);

/**
 * The newest published version of each day (depot, date) of the given plans, keyed
 * `depotId/date`, in one query: whether a listed published plan is superseded.
 */
export async function newestPublishedVersions(ex: Executor, plans: { depotId: string; date: string }[]): Promise<Map<string, number>> {
  if (plans.length === 0) return new Map();
  const rows = await ex.select({ depotId: routePlans.depotId, date: routePlans.date, version: sql<number>`max(${routePlans.version})`.mapWith(Number) })
    .from(routePlans)
    .where(and(
      eq(routePlans.status, 'published'),
      inArray(routePlans.depotId, [...new Set(plans.map((p) => p.depotId))]),
      inArray(routePlans.date, [...new Set(plans.map((p) => p.date))]),
    ))
    .groupBy(routePlans.depotId, routePlans.date);
  return new Map(rows.map((r) => [`${r.depotId}/${r.date}`, r.version]));
}

/** Plans newest first: the latest day, its latest version. */
export const PLAN_ORDER = sortKey<PlanRow>([
  { column: routePlans.date, part: 'date', desc: true }, { column: routePlans.version, part: 'int', desc: true }, { column: routePlans.id, part: 'uuid', desc: true },
], (p) => [p.date, p.version, p.id]);

/** Plans by depot and date, one page at a time. */
export const listPlans = (ex: Executor, f: PageWindow & { depotId?: string; date?: string }) =>
  ex.select().from(routePlans)
    .where(and(f.depotId ? eq(routePlans.depotId, f.depotId) : undefined, f.date ? eq(routePlans.date, f.date) : undefined, pastKey(PLAN_ORDER, f.after)))
    .orderBy(...orderOf(PLAN_ORDER)).limit(f.limit);

export async function routesOfPlans(ex: Executor, planIds: string[]) {
  if (planIds.length === 0) return { routes: [] as RouteRow[], stops: [] as StopRow[] };
  const routeRows = await ex.select().from(routes).where(inArray(routes.planId, planIds)).orderBy(asc(routes.start), asc(routes.id));
  const stopRows = routeRows.length === 0 ? [] : await ex.select().from(routeStops)
    .where(inArray(routeStops.routeId, routeRows.map((r) => r.id))).orderBy(asc(routeStops.routeId), asc(routeStops.seq));
  return { routes: routeRows, stops: stopRows };
}

export const listDepots = (ex: Executor) => ex.select({ id: sites.id }).from(sites).where(eq(sites.kind, 'depot')).orderBy(asc(sites.id));

export const planExistsForDay = async (ex: Executor, depotId: string, date: string) =>
  (await ex.select({ id: routePlans.id }).from(routePlans)
    .where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date))).limit(1)).length > 0;

/** Tasks of the day already done on a published route: a re-plan leaves them out. */
export async function doneTaskIds(ex: Executor, depotId: string, date: string): Promise<Set<string>> {
  const rows = await ex.selectDistinct({ taskId: routeStops.taskId }).from(routeStops)
    .innerJoin(routes, eq(routes.id, routeStops.routeId))
    .innerJoin(routePlans, eq(routePlans.id, routes.planId))
    .where(and(eq(routePlans.depotId, depotId), eq(routePlans.date, date), eq(routePlans.status, 'published'), eq(routeStops.status, 'done')));
  return new Set(rows.map((r) => r.taskId));
}

/**
 * Everything the planner reads for one depot and date: the pickups of the donors it serves
 * (`servingDepot`: set, only or nearest depot) and the deliveries. Deliveries are the reservations still
 * to be delivered: held ones, and dispatched ones too, so that re-planning a day after a
 * publish (a van broke down) still brings the bags that already left the shelf.
 */
export async function loadPlanningInput(ex: Executor, depotId: string, date: string) {
  const vehicleRows = await ex.select().from(vehicles).where(eq(vehicles.depotId, depotId)).orderBy(asc(vehicles.name), asc(vehicles.id));
  // Donors this depot serves: its own, and those without depotId that it is the only or nearest depot of.
  const depots = await listDepotLocations(ex);
  const donorRows = (await ex.select().from(sites).where(and(eq(sites.kind, 'donor'), eq(sites.active, true))))
    .filter((d) => servingDepot(d, depots)?.depotId === depotId);
  const scheduleRows = donorRows.length === 0 ? [] : await ex.select().from(pickupSchedules)
    .where(inArray(pickupSchedules.donorId, donorRows.map((d) => d.id))).orderBy(asc(pickupSchedules.id));
  const held = await ex.select({
    id: reservations.id, pointId: reservations.pointId, bagType: reservations.bagType, bags: reservations.bags,
    bagCount: sql<number>`(select count(*)::int from bags b where b.reservation_id = reservations.id and b.status in ('reserved', 'dispatched'))`,
    grams: sql<number>`(select coalesce(sum(b.weight_g), 0)::bigint from bags b where b.reservation_id = reservations.id and b.status in ('reserved', 'dispatched'))`,
    classes: sql<TemperatureClass[]>`(select coalesce(array_agg(distinct b.temperature_class), '{}') from bags b
      where b.reservation_id = reservations.id and b.status in ('reserved', 'dispatched'))`,
  }).from(reservations)
    .where(and(eq(reservations.depotId, depotId), eq(reservations.date, date), inArray(reservations.status, ['held', 'dispatched'])))
    .orderBy(asc(reservations.id));
  const pointIds = [...new Set(held.map((r) => r.pointId))];
  const pointRows = pointIds.length === 0 ? [] : await ex.select().from(sites).where(inArray(sites.id, pointIds));
  const dayRows = pointIds.length === 0 ? [] : await ex.select().from(distributionDays).where(inArray(distributionDays.pointId, pointIds));
  // What donors said: pickups they skipped are no stops, offers accepted for the day are one-off pickups.
  const skipped = await skippedTaskIds(ex, scheduleRows.map((s) => s.id), date);
  const offerRows = (await acceptedOffersOn(ex, depotId, date)).map(({ offer, outcome }) => ({
    id: offer.id, donorId: offer.donorId, grams: offer.grams, temperatureClass: offer.temperatureClass,
    windowStart: outcome.windowStart!, windowEnd: outcome.windowEnd!,
  }));
  const offerDonorIds = offerRows.map((o) => o.donorId).filter((id) => !donorRows.some((d) => d.id === id));
  const offerDonors = offerDonorIds.length === 0 ? [] : await ex.select().from(sites).where(inArray(sites.id, offerDonorIds));
  return {
    vehicles: vehicleRows, donors: [...donorRows, ...offerDonors], schedules: scheduleRows.filter((s) => !skipped.has(`pickup-${s.id}`)),
    offers: offerRows, held, points: pointRows, distributionDays: dayRows,
  };
}

export async function insertRoute(ex: Executor, row: typeof routes.$inferInsert): Promise<RouteRow> {
  const [r] = await ex.insert(routes).values(row).returning();
  return r;
}

export async function insertStops(ex: Executor, rows: (typeof routeStops.$inferInsert)[]) {
  if (rows.length > 0) await ex.insert(routeStops).values(rows);
}

export async function setRouteDriver(ex: Executor, routeId: string, driverId: string) {
  await ex.update(routes).set({ driverId }).where(eq(routes.id, routeId));
}

export const findUsers = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : ex.select({ id: users.id, role: users.role, active: users.active }).from(users).where(inArray(users.id, ids));

export const schedulesByIds = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : ex.select().from(pickupSchedules).where(inArray(pickupSchedules.id, ids));

export const vehiclesOf = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : ex.select().from(vehicles).where(inArray(vehicles.id, ids));
