import { and, eq, gte, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alerts, distributionDays, reservations, shiftSignups, shifts, sites, storageUnits, temperatureReadings, users } from '../../db/schema/index.ts';

/** Active users of these roles (optionally bound to one point). */
export const usersWithRoles = (db: Executor, roles: (typeof users.$inferSelect.role)[], pointId?: string) =>
  db.select({ id: users.id, role: users.role, active: users.active, hygienePassportUntil: users.hygienePassportUntil }).from(users)
    .where(and(inArray(users.role, roles), eq(users.active, true), pointId ? eq(users.pointId, pointId) : undefined));

/** Points distributing on this weekday that have no live reservation for the date. */
export const pointsWithoutReservation = (db: Executor, weekday: string, date: string) =>
  db.selectDistinct({ id: sites.id, name: sites.name }).from(sites)
    .innerJoin(distributionDays, eq(distributionDays.pointId, sites.id))
    .where(and(
      eq(sites.kind, 'point'), eq(distributionDays.weekday, weekday),
      sql`not exists (select 1 from ${reservations} r where r.point_id = ${sites.id} and r.date = ${date} and r.status <> 'cancelled')`,
    ));

/** Shifts (not cancelled) starting in `[from, to)`, with their site's name. */
export const shiftsStartingBetween = (db: Executor, from: Date, to: Date) =>
  db.select({ shift: shifts, siteName: sites.name }).from(shifts).innerJoin(sites, eq(sites.id, shifts.siteId))
    .where(and(gte(shifts.start, from), lt(shifts.start, to), isNull(shifts.cancelledAt)));

export const signedUpUsers = (db: Executor, shiftIds: string[]) =>
  shiftIds.length === 0 ? Promise.resolve([]) : db.select({ shiftId: shiftSignups.shiftId, userId: shiftSignups.userId }).from(shiftSignups)
    .where(and(inArray(shiftSignups.shiftId, shiftIds), isNull(shiftSignups.cancelledAt)));

/** Warehouse volunteers signed up for a warehouse or packing shift at the depot that is on at `at`. */
export const onShiftAt = (db: Executor, depotId: string, at: Date) =>
  db.selectDistinct({ id: shiftSignups.userId }).from(shiftSignups)
    .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
    .where(and(
      eq(shifts.siteId, depotId), inArray(shifts.kind, ['warehouse', 'packing']), isNull(shifts.cancelledAt), isNull(shiftSignups.cancelledAt),
      lte(shifts.start, at), sql`${shifts.end} > ${at}`,
    ));

export async function findAlert(db: Executor, id: string) {
  const [row] = await db.select({ alert: alerts, unit: storageUnits, celsius: temperatureReadings.celsius }).from(alerts)
    .leftJoin(storageUnits, eq(storageUnits.id, alerts.storageUnitId))
    .leftJoin(temperatureReadings, eq(temperatureReadings.id, alerts.readingId))
    .where(eq(alerts.id, id));
  return row;
}

/** Alerts still open that were opened since `since` (missed readings raised by the own-check schedule among them). */
export const openAlertsSince = (db: Executor, since: Date) =>
  db.select({ id: alerts.id }).from(alerts).where(and(isNull(alerts.closedAt), gte(alerts.openedAt, since)));
