import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { distributionDays, organisations, pickupSchedules, routePlans, routes, routeStops, sites } from '../../db/schema/index.ts';
import { isRegisteredPoint } from '../../domain/organisations.ts';

export type SiteRow = typeof sites.$inferSelect;

export const findSite = async (db: Executor, id: string) => (await db.select().from(sites).where(eq(sites.id, id)))[0];

export const findSites = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as SiteRow[]) : db.select().from(sites).where(inArray(sites.id, ids));

/** `GET /sites`: depots, then donors, then points, each by name. */
export const SITE_ORDER = sortKey<SiteRow>(
  [{ column: sites.kind, part: 'text' }, { column: sites.name, part: 'text' }, { column: sites.id, part: 'uuid' }], (s) => [s.kind, s.name, s.id],
);

export const listSites = (db: Executor, f: PageWindow & { kind?: SiteRow['kind'] }) =>
  db.select().from(sites).where(and(f.kind ? eq(sites.kind, f.kind) : undefined, pastKey(SITE_ORDER, f.after))).orderBy(...orderOf(SITE_ORDER)).limit(f.limit);

/** Every depot's id and place: what `servingDepot` chooses from. */
export const listDepotLocations = (db: Executor) =>
  db.select({ id: sites.id, lat: sites.lat, lon: sites.lon }).from(sites).where(eq(sites.kind, 'depot')).orderBy(asc(sites.id));

/** A donor's schedules in the order they were added. */
export const PICKUP_SCHEDULE_ORDER = sortKey<typeof pickupSchedules.$inferSelect>(
  [{ column: toMs(pickupSchedules.createdAt), part: 'instant' }, { column: pickupSchedules.id, part: 'uuid' }], (p) => [p.createdAt, p.id],
);

export const listPickupSchedules = (db: Executor, donorId: string, w: PageWindow) =>
  db.select().from(pickupSchedules).where(and(eq(pickupSchedules.donorId, donorId), pastKey(PICKUP_SCHEDULE_ORDER, w.after)))
    .orderBy(...orderOf(PICKUP_SCHEDULE_ORDER)).limit(w.limit);

export const DISTRIBUTION_DAY_ORDER = sortKey<typeof distributionDays.$inferSelect>(
  [{ column: distributionDays.weekday, part: 'text' }, { column: distributionDays.start, part: 'text' }, { column: distributionDays.id, part: 'uuid' }],
  (d) => [d.weekday, d.start, d.id],
);

export const listDistributionDays = (db: Executor, pointId: string, w: PageWindow) =>
  db.select().from(distributionDays).where(and(eq(distributionDays.pointId, pointId), pastKey(DISTRIBUTION_DAY_ORDER, w.after)))
    .orderBy(...orderOf(DISTRIBUTION_DAY_ORDER)).limit(w.limit);

/** The sites on a driver's routes dated `fromDate` or later: whose contacts the driver may call. */
export async function siteIdsOnDriversRoutes(db: Executor, driverId: string, fromDate: string) {
  const rows = await db.selectDistinct({ siteId: routeStops.siteId }).from(routeStops)
    .innerJoin(routes, eq(routes.id, routeStops.routeId)).innerJoin(routePlans, eq(routePlans.id, routes.planId))
    .where(and(eq(routes.driverId, driverId), gte(routePlans.date, fromDate)));
  return new Set(rows.map((r) => r.siteId));
}

/**
 * Of these points, the ids of those run by an organisation with a food-aid registration
 * (see `isRegisteredPoint`), in one query.
 */
export async function registeredPointIds(db: Executor, points: readonly { id: string; organisationId: string | null }[]): Promise<Set<string>> {
  const orgIds = [...new Set(points.flatMap((p) => (p.organisationId ? [p.organisationId] : [])))];
  const orgs = orgIds.length === 0 ? [] : await db.select({ id: organisations.id, foodAidRegisteredOn: organisations.foodAidRegisteredOn })
    .from(organisations).where(inArray(organisations.id, orgIds));
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return new Set(points.filter((p) => isRegisteredPoint({ organisation: p.organisationId ? byId.get(p.organisationId) : null })).map((p) => p.id));
}
