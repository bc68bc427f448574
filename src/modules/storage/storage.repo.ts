import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { alerts, lots, storageUnits, temperatureReadings, users } from '../../db/schema/index.ts';

/** Units by name. */
export const UNIT_ORDER = sortKey<{ unit: typeof storageUnits.$inferSelect }>(
  [{ column: storageUnits.name, part: 'text' }, { column: storageUnits.id, part: 'uuid' }], (r) => [r.unit.name, r.unit.id],
);

/** Units with the kilos they hold now (the sum of their lots' stock): all of them, or one page (`limit`, `after`). */
export function listUnitsWithStock(db: Executor, filter: { depotId?: string; id?: string } & Partial<PageWindow> = {}) {
  const q = db.select({
    unit: storageUnits,
    stockG: sql<number>`coalesce((select sum(l.stock_g) from ${lots} l where l.storage_unit_id = ${storageUnits}.id), 0)`.mapWith(Number),
  }).from(storageUnits)
    .where(and(
      filter.id ? eq(storageUnits.id, filter.id) : filter.depotId ? eq(storageUnits.depotId, filter.depotId) : undefined,
      pastKey(UNIT_ORDER, filter.after),
    ))
    .orderBy(...orderOf(UNIT_ORDER)).$dynamic();
  return filter.limit === undefined ? q : q.limit(filter.limit);
}

/**
 * Lots with stock of a depot (or all depots) whose date falls in [from, to], or, frozen from
 * chilled, whose frozen shelf life (`frozen_on + shelfDays`) ends then: the candidates for
 * "expiring soon".
 */
export function lotsDatedBetween(db: Executor, depotId: string | undefined, from: string, to: string, shelfDays: number, limit = 500) {
  return db.select().from(lots).where(and(
    depotId ? eq(lots.depotId, depotId) : undefined, gt(lots.stockG, 0),
    or(
      and(ne(lots.dateKind, 'none'), gte(lots.date, from), lte(lots.date, to)),
      and(eq(lots.temperatureClass, 'frozen'), sql`${lots.frozenOn} + ${shelfDays}::int between ${from}::date and ${to}::date`),
    ),
  )).orderBy(asc(lots.date), asc(lots.receivedAt)).limit(limit);
}

/** Lots with stock past their best-before date on `today`: the candidates for "needs a best-before check". */
export function lotsPastBestBefore(db: Executor, depotId: string | undefined, today: string, limit = 500) {
  return db.select().from(lots).where(and(
    depotId ? eq(lots.depotId, depotId) : undefined, gt(lots.stockG, 0), eq(lots.dateKind, 'best_before'), lt(lots.date, today),
  )).orderBy(asc(lots.date), asc(lots.receivedAt)).limit(limit);
}

export function heldLots(db: Executor, depotId?: string) {
  return db.select().from(lots).where(and(depotId ? eq(lots.depotId, depotId) : undefined, eq(lots.onHold, true), gt(lots.stockG, 0)))
    .orderBy(asc(lots.receivedAt));
}

/** Kilos with stock grouped by one lot column, for the stock view. */
export function stockBy(db: Executor, by: 'category' | 'temperatureClass', depotId?: string) {
  const column = lots[by];
  return db.select({
    key: column,
    g: sql<number>`sum(${lots.stockG})`.mapWith(Number),
    lots: sql<number>`count(*)`.mapWith(Number),
    heldG: sql<number>`coalesce(sum(${lots.stockG}) filter (where ${lots.onHold}), 0)`.mapWith(Number),
  }).from(lots).where(and(depotId ? eq(lots.depotId, depotId) : undefined, gt(lots.stockG, 0))).groupBy(column).orderBy(asc(column));
}

/** The latest reading of each unit (by when it was read), for "is this unit in excursion now". */
export async function latestReadings(db: Executor, unitIds: string[]) {
  if (unitIds.length === 0) return new Map<string, { at: Date; celsius: number; excursion: boolean }>();
  const rows = await db.selectDistinctOn([temperatureReadings.storageUnitId], {
    unitId: temperatureReadings.storageUnitId, at: temperatureReadings.at, celsius: temperatureReadings.celsius, excursion: temperatureReadings.excursion,
  }).from(temperatureReadings).where(inArray(temperatureReadings.storageUnitId, unitIds))
    .orderBy(temperatureReadings.storageUnitId, desc(temperatureReadings.at), desc(temperatureReadings.createdAt));
  return new Map(rows.map((r) => [r.unitId, { at: r.at, celsius: r.celsius, excursion: r.excursion }]));
}

/** The unit's open excursion alert, if any (one at a time: a new excursion reading joins it). */
export async function openExcursion(db: Executor, unitId: string) {
  const [row] = await db.select().from(alerts).where(and(eq(alerts.storageUnitId, unitId), eq(alerts.kind, 'excursion'), isNull(alerts.closedAt)))
    .orderBy(asc(alerts.openedAt)).limit(1);
  return row;
}

/**
 * A frozen unit's readings back to (and including) its last one at −18 °C or colder before
 * `at`: enough to find where the current warm run began.
 */
export function readingsSinceLastCold(db: Executor, unitId: string, at: Date) {
  return db.select({ at: temperatureReadings.at, celsius: temperatureReadings.celsius }).from(temperatureReadings).where(and(
    eq(temperatureReadings.storageUnitId, unitId), lte(temperatureReadings.at, at),
    sql`${temperatureReadings.at} >= coalesce((select max(r.at) from ${temperatureReadings} r
      where r.storage_unit_id = ${unitId} and r.at <= ${at} and r.celsius <= -18), '-infinity'::timestamptz)`,
  )).orderBy(desc(temperatureReadings.at)).limit(2000);
}

/** Own-check records in time order (the thermometer's time, then id). */
export const READING_ORDER = sortKey<{ reading: typeof temperatureReadings.$inferSelect }>(
  // Readings of one instant in the order they were entered (a test clock, or two typed for one time).
  [{ column: toMs(temperatureReadings.at), part: 'instant' }, { column: toMs(temperatureReadings.createdAt), part: 'instant' }, { column: temperatureReadings.id, part: 'uuid' }],
  (r) => [r.reading.at, r.reading.createdAt, r.reading.id],
);

/** A unit's own-check records over [from, to), oldest first, with who recorded each, one page at a time. */
export function readingsOfUnit(db: Executor, unitId: string, from: Date | undefined, to: Date | undefined, w: PageWindow) {
  return db.select({ reading: temperatureReadings, by: users.name }).from(temperatureReadings)
    .leftJoin(users, eq(users.id, temperatureReadings.recordedBy))
    .where(and(
      eq(temperatureReadings.storageUnitId, unitId),
      from ? gte(temperatureReadings.at, from) : undefined,
      to ? lt(temperatureReadings.at, to) : undefined,
      pastKey(READING_ORDER, w.after),
    )).orderBy(...orderOf(READING_ORDER)).limit(w.limit);
}

/** A unit's alerts open at some time in [from, to), oldest first, with who closed each. */
export function alertsOfUnit(db: Executor, unitId: string, from: Date | undefined, to: Date | undefined) {
  return db.select({ alert: alerts, by: users.name }).from(alerts)
    .leftJoin(users, eq(users.id, alerts.resolvedBy))
    .where(and(
      eq(alerts.storageUnitId, unitId),
      to ? lt(alerts.openedAt, to) : undefined,
      from ? or(isNull(alerts.closedAt), gte(alerts.closedAt, from)) : undefined,
    )).orderBy(asc(alerts.openedAt), asc(alerts.id));
}
