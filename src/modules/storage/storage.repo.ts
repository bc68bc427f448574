import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { alerts, bagContents, bagEvents, bags, lotEvents, lots, storageUnits, temperatureReadings, users } from '../../db/schema/index.ts';
import { LATE_ENTRY_MS } from '../../domain/excursions.ts';
import { FROZEN_TARGET_C } from '../../domain/food-safety.ts';

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
 * A frozen unit's readings back to (and including) its last one at `FROZEN_TARGET_C` (−18 °C) or colder before
 * `at`: enough to find where the current warm run began.
 */
export function readingsSinceLastCold(db: Executor, unitId: string, at: Date) {
  return db.select({ at: temperatureReadings.at, celsius: temperatureReadings.celsius }).from(temperatureReadings).where(and(
    eq(temperatureReadings.storageUnitId, unitId), lte(temperatureReadings.at, at),
    sql`${temperatureReadings.at} >= coalesce((select max(r.at) from ${temperatureReadings} r
      where r.storage_unit_id = ${unitId} and r.at <= ${at} and r.celsius <= ${FROZEN_TARGET_C}), '-infinity'::timestamptz)`,
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

export type StorageUnitRow = typeof storageUnits.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;

/** Creates a storage unit; returns its row. */
export async function insertStorageUnit(db: Executor, values: typeof storageUnits.$inferInsert): Promise<StorageUnitRow> {
  const [row] = await db.insert(storageUnits).values(values).returning();
  return row;
}

/** A storage unit by id. */
export async function findUnit(db: Executor, unitId: string): Promise<StorageUnitRow | undefined> {
  const [unit] = await db.select().from(storageUnits).where(eq(storageUnits.id, unitId));
  return unit;
}

/** The lots with stock in a unit, with what a reading judges them by. */
export const stockedLotsOfUnit = (db: Executor, unitId: string) =>
  db.select({ id: lots.id, category: lots.category, temperatureClass: lots.temperatureClass })
    .from(lots).where(and(eq(lots.storageUnitId, unitId), sql`${lots.stockG} > 0`));

/** Records an own-check temperature reading; returns its row. */
export async function insertReading(db: Executor, values: typeof temperatureReadings.$inferInsert) {
  const [row] = await db.insert(temperatureReadings).values(values).returning();
  return row;
}

/** Opens an alert; returns its row. */
export async function insertAlert(db: Executor, values: typeof alerts.$inferInsert): Promise<AlertRow> {
  const [row] = await db.insert(alerts).values(values).returning();
  return row;
}

/** Opens these alerts, skipping any already open for the same unit and day (the unique index). */
export async function insertAlertsOnce(db: Executor, values: (typeof alerts.$inferInsert)[]) {
  await db.insert(alerts).values(values).onConflictDoNothing();
}

/** Puts these lots on hold; returns their ids. */
export const holdLotIds = (db: Executor, lotIds: string[]) =>
  db.update(lots).set({ onHold: true }).where(inArray(lots.id, lotIds)).returning({ id: lots.id });

/** Puts these lots on hold; returns the updated lots. */
export const holdLots = (db: Executor, lotIds: string[]) =>
  db.update(lots).set({ onHold: true }).where(inArray(lots.id, lotIds)).returning();

/** Closed alerts, the latest closed first. */
export const CLOSED_ALERT_ORDER = sortKey<{ alert: AlertRow }>(
  [{ column: toMs(alerts.closedAt), part: 'instant', desc: true }, { column: alerts.id, part: 'uuid', desc: true }], (r) => [r.alert.closedAt!, r.alert.id],
);

/** Open alerts, the oldest first. */
export const OPEN_ALERT_ORDER = sortKey<{ alert: AlertRow }>(
  [{ column: toMs(alerts.openedAt), part: 'instant' }, { column: alerts.id, part: 'uuid' }], (r) => [r.alert.openedAt, r.alert.id],
);

/**
 * One page of alerts, open (in {@link OPEN_ALERT_ORDER}) or closed in [closedFrom, closedTo)
 * (in {@link CLOSED_ALERT_ORDER}), of a depot or all, with their unit, the reading that opened
 * them and the name of who closed them.
 */
export function alertsPage(db: Executor, f: { closed: boolean; closedFrom?: Date; closedTo?: Date; depotId?: string }, w: PageWindow) {
  const order = f.closed ? CLOSED_ALERT_ORDER : OPEN_ALERT_ORDER;
  const where = f.closed
    ? and(isNotNull(alerts.closedAt), f.closedFrom ? gte(alerts.closedAt, f.closedFrom) : undefined, f.closedTo ? lt(alerts.closedAt, f.closedTo) : undefined)
    : isNull(alerts.closedAt);
  return db
    .select({ alert: alerts, unit: storageUnits, celsius: temperatureReadings.celsius, resolvedByName: users.name })
    .from(alerts)
    .leftJoin(storageUnits, eq(storageUnits.id, alerts.storageUnitId))
    .leftJoin(temperatureReadings, eq(temperatureReadings.id, alerts.readingId))
    .leftJoin(users, eq(users.id, alerts.resolvedBy))
    .where(and(where, f.depotId ? or(eq(storageUnits.depotId, f.depotId), eq(alerts.depotId, f.depotId)) : undefined, pastKey(order, w.after)))
    .orderBy(...orderOf(order)).limit(w.limit);
}

/** The `hold` events of these lots, each with the alert it names. */
export const holdEventsOfLots = (db: Executor, lotIds: string[]) =>
  db.select({ lotId: lotEvents.lotId, alertId: sql<string>`${lotEvents.data}->>'alertId'` })
    .from(lotEvents)
    .where(and(eq(lotEvents.kind, 'hold'), inArray(lotEvents.lotId, lotIds)));

/** How many distinct lots each of these alerts has held (released or not); an alert that held none is absent. */
export const lotsHeldPerAlert = (db: Executor, alertIds: string[]) =>
  db.select({ alertId: sql<string>`${lotEvents.data}->>'alertId'`, n: sql<number>`count(distinct ${lotEvents.lotId})`.mapWith(Number) })
    .from(lotEvents).where(and(eq(lotEvents.kind, 'hold'), inArray(sql`${lotEvents.data}->>'alertId'`, alertIds))).groupBy(sql`${lotEvents.data}->>'alertId'`);

/** How many distinct bags each of these alerts has held (released or not); an alert that held none is absent. */
export const bagsHeldPerAlert = (db: Executor, alertIds: string[]) =>
  db.select({ alertId: bagEvents.alertId, n: sql<number>`count(distinct ${bagEvents.bagId})`.mapWith(Number) })
    .from(bagEvents).where(and(eq(bagEvents.toStatus, 'held'), inArray(bagEvents.alertId, alertIds))).groupBy(bagEvents.alertId);

/** The excursion alert whose hold a held bag waits on: the one named by its latest `held` event. */
// Written with the table's own name: drizzle leaves columns unqualified in a one-table select.
const holdingAlert = sql`(select e.alert_id from ${bagEvents} e where e.bag_id = "bags"."id" and e.to_status = 'held' order by e.at desc limit 1)`;

/** Every held bag, with the alert that holds it. */
export const heldBagsWithAlert = (db: Executor) =>
  db.select({
    id: bags.id, bagType: bags.bagType, temperatureClass: bags.temperatureClass, reservationId: bags.reservationId, storageUnitId: bags.storageUnitId,
    alertId: sql<string>`${holdingAlert}`,
  }).from(bags).where(eq(bags.status, 'held'));

/** The latest reading of each unit of a depot (or all), with its unit. */
export const latestReadingsWithUnits = (db: Executor, depotId?: string) =>
  db.selectDistinctOn([temperatureReadings.storageUnitId], { reading: temperatureReadings, unit: storageUnits })
    .from(temperatureReadings)
    .innerJoin(storageUnits, eq(storageUnits.id, temperatureReadings.storageUnitId))
    .where(depotId ? eq(storageUnits.depotId, depotId) : undefined)
    .orderBy(temperatureReadings.storageUnitId, desc(temperatureReadings.at), desc(temperatureReadings.createdAt));

/** The monitored units that existed before `start`, each with how many readings were entered on time in [start, end). */
export const monitoredUnitsWithReadings = (db: Executor, start: Date, end: Date) =>
  db.select({
    unit: storageUnits,
    readings: sql<number>`(select count(*) from ${temperatureReadings} r where r.storage_unit_id = "storage_units"."id"
      and r.at >= ${start} and r.at < ${end} and r.entered_at - r.at <= ${`${LATE_ENTRY_MS} milliseconds`}::interval)`.mapWith(Number),
  }).from(storageUnits).where(and(sql`${storageUnits.readingsPerDay} > 0`, lt(storageUnits.createdAt, start)));

/** How many lots an alert still holds (on hold, with stock). */
// Written with the table's own name: drizzle leaves columns unqualified in a one-table select.
const lotsStillHeld = sql<number>`(select count(distinct l.id) from ${lotEvents} e join ${lots} l on l.id = e.lot_id
  where e.kind = 'hold' and e.data->>'alertId' = "alerts"."id"::text and l.on_hold and l.stock_g > 0)`.mapWith(Number);

/** How many bags an alert still holds (status `held`, held last by this alert). */
const bagsStillHeld = sql<number>`(select count(*) from ${bags} where "bags"."status" = 'held'
  and ${holdingAlert} = "alerts"."id")`.mapWith(Number);

/** An alert locked for the rest of the transaction, with how many lots and bags it still holds. */
export async function lockAlertWithHolds(db: Executor, id: string) {
  const [row] = await db.select({ alert: alerts, lotsStillHeld, bagsStillHeld }).from(alerts).where(eq(alerts.id, id)).for('update');
  return row;
}

/** How many lots with stock a unit holds. */
export async function stockedLotCount(db: Executor, unitId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(lots)
    .where(and(eq(lots.storageUnitId, unitId), gt(lots.stockG, 0)));
  return row.n;
}

/** How many bags wait in a unit (in stock, reserved or held). */
export async function waitingBagCount(db: Executor, unitId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(bags)
    .where(and(eq(bags.storageUnitId, unitId), inArray(bags.status, ['in_stock', 'reserved', 'held'])));
  return row.n;
}

/** Closes an alert with its corrective action; returns the closed alert. */
export async function closeAlert(db: Executor, id: string, close: { closedAt: Date; action: AlertRow['action']; note: string | null; resolvedBy: string }): Promise<AlertRow> {
  const [row] = await db.update(alerts).set(close).where(eq(alerts.id, id)).returning();
  return row;
}

type WaitingStatus = 'in_stock' | 'reserved';

/** The bags waiting in a unit with one of these statuses. */
export const bagsInUnitWithStatus = (db: Executor, unitId: string, statuses: WaitingStatus[]) =>
  db.select({ id: bags.id, status: bags.status, temperatureClass: bags.temperatureClass, reservationId: bags.reservationId })
    .from(bags).where(and(eq(bags.storageUnitId, unitId), inArray(bags.status, statuses)));

/** Those of these bags still waiting at the depot (in stock or reserved). */
export const waitingBagsByIds = (db: Executor, bagIds: string[]) =>
  db.select({ id: bags.id, status: bags.status, temperatureClass: bags.temperatureClass, reservationId: bags.reservationId })
    .from(bags).where(and(inArray(bags.id, bagIds), inArray(bags.status, ['in_stock', 'reserved'])));

/** The category and class of every lot in these bags, by bag. */
export const contentClassesOfBags = (db: Executor, bagIds: string[]) =>
  db.select({ bagId: bagContents.bagId, category: lots.category, temperatureClass: lots.temperatureClass })
    .from(bagContents).innerJoin(lots, eq(lots.id, bagContents.lotId)).where(inArray(bagContents.bagId, bagIds));

/** Moves those of these bags still waiting (in stock or reserved) to `held`; returns the ids it moved. */
export const moveBagsToHeld = (db: Executor, bagIds: string[], at: Date) =>
  db.update(bags).set({ status: 'held', statusAt: at })
    .where(and(inArray(bags.id, bagIds), inArray(bags.status, ['in_stock', 'reserved']))).returning({ id: bags.id });

/** Records bag events (none for an empty list). */
export async function insertBagEvents(db: Executor, events: (typeof bagEvents.$inferInsert)[]) {
  if (events.length > 0) await db.insert(bagEvents).values(events);
}

/** A lot's hold, move and freeze events, the latest first. */
export const holdAndMoveEventsOfLot = (db: Executor, lotId: string) =>
  db.select({ kind: lotEvents.kind, at: lotEvents.at }).from(lotEvents)
    .where(and(eq(lotEvents.lotId, lotId), inArray(lotEvents.kind, ['hold', 'move', 'freeze']))).orderBy(desc(lotEvents.at), desc(lotEvents.id));

/** A bag's events, the latest first. */
export const eventsOfBag = (db: Executor, bagId: string) =>
  db.select({ toStatus: bagEvents.toStatus, reason: bagEvents.reason, at: bagEvents.at }).from(bagEvents)
    .where(eq(bagEvents.bagId, bagId)).orderBy(desc(bagEvents.at));

/** Opens an alert unless one like it is already open (a unique index); returns it, or undefined when it was there. */
export async function insertAlertIfNew(db: Executor, values: typeof alerts.$inferInsert): Promise<AlertRow | undefined> {
  const [row] = await db.insert(alerts).values(values).onConflictDoNothing().returning();
  return row;
}
