import { and, asc, eq, gt, inArray, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import { alerts, ledgerEntries, lotEvents, lots, storageUnits, users } from '../../db/schema/index.ts';
import type { PageWindow } from '../../db/cursor.ts';

export type LotRow = typeof lots.$inferSelect;
export type LedgerKind = (typeof ledgerEntries.$inferInsert)['kind'];

export async function findLot(db: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<LotRow | undefined> {
  const q = db.select().from(lots).where(eq(lots.id, id));
  return (await (opts.forUpdate ? q.for('update') : q))[0];
}

/**
 * Takes grams off a lot's stock only if that much is there: one conditional UPDATE, so two
 * concurrent takes cannot both succeed on the same grams (the second re-reads the row
 * after the first commits). Returns the updated lot, or undefined when the stock is short.
 */
export async function takeStock(db: Executor, lotId: string, grams: number, opts: { notOnHold?: boolean } = {}) {
  const [row] = await db.update(lots).set({ stockG: sql`${lots.stockG} - ${grams}` })
    .where(and(eq(lots.id, lotId), sql`${lots.stockG} >= ${grams}`, opts.notOnHold ? eq(lots.onHold, false) : undefined))
    .returning();
  return row as LotRow | undefined;
}

export async function addStock(db: Executor, lotId: string, grams: number) {
  const [row] = await db.update(lots).set({ stockG: sql`${lots.stockG} + ${grams}` }).where(eq(lots.id, lotId)).returning();
  return row as LotRow | undefined;
}

export type LedgerInsert = typeof ledgerEntries.$inferInsert;
export async function insertLedger(db: Executor, entries: LedgerInsert[]) {
  if (entries.length > 0) await db.insert(ledgerEntries).values(entries);
}

export type LotEventInsert = typeof lotEvents.$inferInsert;
export async function insertLotEvents(db: Executor, events: LotEventInsert[]) {
  if (events.length > 0) await db.insert(lotEvents).values(events);
}

/** A storage unit locked for the rest of the transaction, so two writes cannot both fill its last free kilos. */
export async function lockUnit(db: Executor, unitId: string) {
  return (await db.select().from(storageUnits).where(eq(storageUnits.id, unitId)).for('update'))[0];
}

export async function unitStockG(db: Executor, unitId: string): Promise<number> {
  const [row] = await db.select({ g: sql<number>`coalesce(sum(${lots.stockG}), 0)`.mapWith(Number) }).from(lots).where(eq(lots.storageUnitId, unitId));
  return row?.g ?? 0;
}

/** The stock of several units in one query; a unit without lots is absent (0). */
export async function unitsStockG(db: Executor, unitIds: string[]): Promise<Map<string, number>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db.select({ unitId: lots.storageUnitId, g: sql<number>`coalesce(sum(${lots.stockG}), 0)`.mapWith(Number) })
    .from(lots).where(inArray(lots.storageUnitId, unitIds)).groupBy(lots.storageUnitId);
  return new Map(rows.map((r) => [r.unitId, r.g]));
}

/** `GET /lots`: newest intake first. */
export const LOT_ORDER = sortKey<LotRow>(
  [{ column: lots.receivedAt, part: 'instant', desc: true }, { column: lots.id, part: 'uuid', desc: true }], (l) => [l.receivedAt, l.id],
);

export interface LotFilter extends PageWindow {
  depotId?: string;
  status?: 'in_stock' | 'on_hold' | 'depleted' | 'recalled';
  category?: string;
  temperatureClass?: 'ambient' | 'chilled' | 'frozen';
  storageUnitId?: string;
  /**
   * Narrows to the lots that may expire before `before`: dated before it, or frozen with a
   * frozen shelf life (`frozen_on + frozenShelfDays`) ending before it. A superset: the
   * service keeps those whose `expiryDate` is before it.
   */
  expiring?: { before: string; frozenShelfDays: number };
  donorId?: string;
}

export function listLots(db: Executor, f: LotFilter) {
  const where: (SQL | undefined)[] = [
    f.depotId ? eq(lots.depotId, f.depotId) : undefined,
    f.category ? eq(lots.category, f.category) : undefined,
    f.temperatureClass ? eq(lots.temperatureClass, f.temperatureClass) : undefined,
    f.storageUnitId ? eq(lots.storageUnitId, f.storageUnitId) : undefined,
    f.donorId ? eq(lots.donorId, f.donorId) : undefined,
    f.expiring ? or(
      lt(lots.date, f.expiring.before),
      and(eq(lots.temperatureClass, 'frozen'), sql`coalesce(${lots.frozenOn}, (${lots.receivedAt} at time zone 'Europe/Helsinki')::date)
        + ${f.expiring.frozenShelfDays}::int < ${f.expiring.before}::date`),
    ) : undefined,
    f.status === 'depleted' ? eq(lots.stockG, 0) : undefined,
    f.status === 'recalled' ? isNotNull(lots.recallId) : undefined,
    f.status === 'on_hold' ? and(gt(lots.stockG, 0), eq(lots.onHold, true)) : undefined,
    f.status === 'in_stock' ? and(gt(lots.stockG, 0), eq(lots.onHold, false)) : undefined,
    pastKey(LOT_ORDER, f.after),
  ];
  return db.select().from(lots).where(and(...where)).orderBy(...orderOf(LOT_ORDER)).limit(f.limit);
}

export function ledgerOfLot(db: Executor, lotId: string) {
  return db.select().from(ledgerEntries).where(eq(ledgerEntries.lotId, lotId)).orderBy(asc(ledgerEntries.at), asc(ledgerEntries.id));
}

/** Names of the users who wrote a lot's history, by id. */
export async function userNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function eventsOfLot(db: Executor, lotId: string) {
  return db.select().from(lotEvents).where(eq(lotEvents.lotId, lotId)).orderBy(asc(lotEvents.at), asc(lotEvents.id));
}

export function lotsByIds(db: Executor, ids: string[]) {
  return ids.length === 0 ? Promise.resolve([] as LotRow[]) : db.select().from(lots).where(inArray(lots.id, ids));
}

/** Whether an excursion of a frozen unit ever held this lot (its use-by stopped counting only while frozen). */
export async function heldByFreezerExcursion(db: Executor, lotId: string): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(lotEvents)
    .innerJoin(alerts, sql`${alerts.id}::text = ${lotEvents.data}->>'alertId'`)
    .innerJoin(storageUnits, eq(storageUnits.id, alerts.storageUnitId))
    .where(and(eq(lotEvents.lotId, lotId), eq(lotEvents.kind, 'hold'), eq(storageUnits.temperatureClass, 'frozen')));
  return (row?.n ?? 0) > 0;
}

/** Puts a lot in another storage unit; returns the updated lot. */
export async function moveToUnit(db: Executor, lotId: string, storageUnitId: string): Promise<LotRow> {
  const [row] = await db.update(lots).set({ storageUnitId }).where(eq(lots.id, lotId)).returning();
  return row;
}

/** Makes a lot frozen as of `frozenOn` in the given freezer; returns the updated lot. */
export async function putInFreezer(db: Executor, lotId: string, frozenOn: string, storageUnitId: string): Promise<LotRow> {
  const [row] = await db.update(lots).set({ temperatureClass: 'frozen', frozenOn, storageUnitId }).where(eq(lots.id, lotId)).returning();
  return row;
}

/** Records a passed best-before check on a lot; returns the updated lot. */
export async function markChecked(db: Executor, lotId: string, checkedOn: string): Promise<LotRow> {
  const [row] = await db.update(lots).set({ checkedOn }).where(eq(lots.id, lotId)).returning();
  return row;
}

/** Takes a lot off hold; returns the updated lot. */
export async function releaseFromHold(db: Executor, lotId: string): Promise<LotRow> {
  const [row] = await db.update(lots).set({ onHold: false }).where(eq(lots.id, lotId)).returning();
  return row;
}
