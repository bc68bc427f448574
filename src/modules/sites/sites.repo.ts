import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { distributionDays, pickupSchedules, sites } from '../../db/schema/index.ts';

export type SiteRow = typeof sites.$inferSelect;

export const findSite = async (db: Executor, id: string) => (await db.select().from(sites).where(eq(sites.id, id)))[0];

export const findSites = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as SiteRow[]) : db.select().from(sites).where(inArray(sites.id, ids));

export const listSites = (db: Executor, kind?: SiteRow['kind']) =>
  db.select().from(sites).where(kind ? eq(sites.kind, kind) : undefined).orderBy(asc(sites.kind), asc(sites.name));

/** Every depot's id and place: what `servingDepot` chooses from. */
export const listDepotLocations = (db: Executor) =>
  db.select({ id: sites.id, lat: sites.lat, lon: sites.lon }).from(sites).where(eq(sites.kind, 'depot')).orderBy(asc(sites.id));

export const listPickupSchedules = (db: Executor, donorId: string) =>
  db.select().from(pickupSchedules).where(eq(pickupSchedules.donorId, donorId)).orderBy(asc(pickupSchedules.createdAt));

export const listDistributionDays = (db: Executor, pointId: string) =>
  db.select().from(distributionDays).where(eq(distributionDays.pointId, pointId)).orderBy(asc(distributionDays.weekday), asc(distributionDays.start));
