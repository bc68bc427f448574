import { and, asc, eq, gte, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { distributionDays, organisations, pickupSchedules, routePlans, routes, routeStops, sites } from '../../db/schema/index.ts';
import { isRegisteredPoint } from '../../domain/organisations.ts';

export type SiteRow = typeof sites.$inferSelect;
export type PickupScheduleRow = typeof pickupSchedules.$inferSelect;
export type DistributionDayRow = typeof distributionDays.$inferSelect;

export const findSite = async (db: Executor, id: string) => (await db.select().from(sites).where(eq(sites.id, id)))[0];

/** A site's kind, if the site exists. */
export const findSiteKind = async (db: Executor, id: string) => (await db.select({ kind: sites.kind }).from(sites).where(eq(sites.id, id)))[0];

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

/** Inserts a site. */
export const insertSite = async (db: Executor, values: typeof sites.$inferInsert) => (await db.insert(sites).values(values).returning())[0];

/** Changes a site's fields and stamps `updatedAt`. */
export const updateSite = async (db: Executor, id: string, values: Partial<typeof sites.$inferInsert>, now: Date) =>
  (await db.update(sites).set({ ...values, updatedAt: now }).where(eq(sites.id, id)).returning())[0];

/** Inserts a donor's pickup schedule. */
export const insertPickupSchedule = async (db: Executor, values: typeof pickupSchedules.$inferInsert) => (await db.insert(pickupSchedules).values(values).returning())[0];

/** Locks a site's row (`for update`) until the transaction ends. */
export const lockSite = async (db: Executor, id: string) => {
  await db.select({ id: sites.id }).from(sites).where(eq(sites.id, id)).for('update');
};

/** The point's distribution day on this weekday with exactly these hours, if there is one. */
export const findSameDistributionDay = async (db: Executor, pointId: string, d: { weekday: string; start: string; end: string }) =>
  (await db.select({ id: distributionDays.id }).from(distributionDays).where(and(
    eq(distributionDays.pointId, pointId), eq(distributionDays.weekday, d.weekday), eq(distributionDays.start, d.start), eq(distributionDays.end, d.end),
  )))[0];

/** Inserts a point's distribution day. */
export const insertDistributionDay = async (db: Executor, values: typeof distributionDays.$inferInsert) => (await db.insert(distributionDays).values(values).returning())[0];
