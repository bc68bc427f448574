import { and, asc, count, eq, gt, gte, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { bagContents, bagEvents, bags, ledgerEntries, lots, packingRunLots, packingRuns, storageUnits, users } from '../../db/schema/index.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import type { BagType, Category, TemperatureClass } from '../../domain/categories.ts';
import type { LocalDate } from '../../domain/dates.ts';

/**
 * Lots of a depot with stock that a bag of these categories takes, on hold or not: the planner
 * skips what the rules forbid and says why (the held ones too) when the run comes up short.
 */
export function packableLots(db: Executor, depotId: string, categories: readonly Category[]) {
  return db.select().from(lots).where(and(
    eq(lots.depotId, depotId), gt(lots.stockG, 0), inArray(lots.category, [...categories]),
  ));
}

/** The last day of a user's hygiene passport, or null when none is on record. */
export async function hygienePassportUntil(db: Executor, userId: string): Promise<LocalDate | null> {
  const [row] = await db.select({ until: users.hygienePassportUntil }).from(users).where(eq(users.id, userId));
  return row?.until ?? null;
}

/** A depot's first unit of a class, by when it was added: where a run's bags go when no unit is named. */
export async function firstUnitOfClass(db: Executor, depotId: string, temperatureClass: TemperatureClass) {
  const [unit] = await db.select().from(storageUnits).where(and(eq(storageUnits.depotId, depotId), eq(storageUnits.temperatureClass, temperatureClass)))
    .orderBy(asc(storageUnits.createdAt), asc(storageUnits.id)).limit(1);
  return unit;
}

export async function insertRun(db: Executor, run: typeof packingRuns.$inferInsert) {
  return (await db.insert(packingRuns).values(run).returning())[0];
}

export async function insertRunLots(db: Executor, rows: (typeof packingRunLots.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(packingRunLots).values(rows);
}

export type BagRow = typeof bags.$inferSelect;
export type ContentRow = Awaited<ReturnType<typeof contentsOfBags>>[number];

/** Rows per INSERT of bag contents: three parameters each, well under PostgreSQL's 65,535. */
const CONTENT_CHUNK = 5000;

/**
 * Bags with their contents and their first `bag_events` row (packed → in_stock). The bags'
 * ids come with the rows, so each bag's contents are written against the right bag.
 */
export async function insertBags(
  db: Executor, rows: (typeof bags.$inferInsert & { id: string })[], contents: (typeof bagContents.$inferInsert)[], createdBy: string, at: Date,
): Promise<BagRow[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(bags).values(rows).returning();
  for (let i = 0; i < contents.length; i += CONTENT_CHUNK) await db.insert(bagContents).values(contents.slice(i, i + CONTENT_CHUNK));
  await db.insert(bagEvents).values(inserted.map((b) => ({ bagId: b.id, fromStatus: null, toStatus: 'in_stock', reason: 'packed', at, createdBy })));
  return inserted;
}

const contentColumns = {
  bagId: bagContents.bagId, lotId: bagContents.lotId, grams: bagContents.grams, category: lots.category, product: lots.product,
  allergens: lots.allergens, batch: lots.batch, dateKind: lots.dateKind, date: lots.date, frozenOn: lots.frozenOn, frozenOnKnown: lots.frozenOnKnown,
  temperatureClass: lots.temperatureClass,
};

/** What went into these bags, with each lot's product facts (labels, recalls, the picking list). */
export function contentsOfBags(db: Executor, bagIds: string[]) {
  const q = db.select(contentColumns).from(bagContents).innerJoin(lots, eq(lots.id, bagContents.lotId));
  return bagIds.length === 0 ? q.where(sql`false`) : q.where(inArray(bagContents.bagId, bagIds));
}

/** Bags by id, in no particular order. */
export const findBagsById = (db: Executor, ids: string[]) => db.select().from(bags).where(inArray(bags.id, ids));

/** Locks bags (`for update`) in id order, so two requests locking the same bags cannot deadlock. */
export const lockBagsById = (tx: Executor, ids: string[]) => tx.select().from(bags).where(inArray(bags.id, ids)).orderBy(bags.id).for('update');

/** Locks one bag (`for update`). */
export const lockBagRow = async (tx: Executor, id: string) => (await tx.select().from(bags).where(eq(bags.id, id)).for('update'))[0];

/** Puts bags into another storage unit. */
export async function setBagsUnit(tx: Executor, ids: string[], storageUnitId: string) {
  await tx.update(bags).set({ storageUnitId }).where(inArray(bags.id, ids));
}

/** Changes a bag's fields; with `fromStatus`, only while the bag has that status. */
export async function updateBag(tx: Executor, id: string, set: Partial<typeof bags.$inferInsert>, fromStatus?: BagRow['status']) {
  await tx.update(bags).set(set).where(fromStatus ? and(eq(bags.id, id), eq(bags.status, fromStatus)) : eq(bags.id, id));
}

/** Records bag events. */
export async function insertBagEvents(tx: Executor, rows: typeof bagEvents.$inferInsert | (typeof bagEvents.$inferInsert)[]) {
  await tx.insert(bagEvents).values(Array.isArray(rows) ? rows : [rows]);
}

export type RunRow = typeof packingRuns.$inferSelect;

export async function findRun(db: Executor, id: string) {
  const [run] = await db.select().from(packingRuns).where(eq(packingRuns.id, id));
  if (!run) return undefined;
  const [runBags, runLots] = await Promise.all([
    db.select().from(bags).where(eq(bags.packingRunId, id)),
    lotsOfRuns(db, [id]),
  ]);
  return { run, bags: runBags, lots: runLots, contents: await contentsOfBags(db, runBags.map((b) => b.id)) };
}

/**
 * The lots of these runs in the order the run picked them (FEFO, or as named): the order of
 * their `pack` ledger entries, written in pick order. Each comes with what a volunteer finds
 * it by on the shelf: product, category, date and the storage unit it is in now.
 */
export const lotsOfRuns = (db: Executor, runIds: string[]) =>
  runIds.length === 0 ? Promise.resolve([]) : db.select({
    packingRunId: packingRunLots.packingRunId, lotId: packingRunLots.lotId, grams: packingRunLots.grams,
    category: lots.category, product: lots.product, batch: lots.batch, dateKind: lots.dateKind, date: lots.date, frozenOn: lots.frozenOn, frozenOnKnown: lots.frozenOnKnown,
    storageUnitId: lots.storageUnitId, storageUnitName: storageUnits.name,
  }).from(packingRunLots)
    .innerJoin(lots, eq(lots.id, packingRunLots.lotId))
    .innerJoin(storageUnits, eq(storageUnits.id, lots.storageUnitId))
    .where(inArray(packingRunLots.packingRunId, runIds))
    .orderBy(asc(packingRunLots.packingRunId), sql`(select min(e.id) from ${ledgerEntries} e
      where e.packing_run_id = ${packingRunLots.packingRunId} and e.lot_id = ${packingRunLots.lotId})`, asc(packingRunLots.lotId));

export type RunLotRow = Awaited<ReturnType<typeof lotsOfRuns>>[number];

/** Runs and bags newest first. */
export const RUN_ORDER = sortKey<RunRow>(
  [{ column: packingRuns.packedAt, part: 'instant', desc: true }, { column: packingRuns.id, part: 'uuid', desc: true }], (r) => [r.packedAt, r.id],
);
export const BAG_ORDER = sortKey<BagRow>(
  [{ column: bags.packedAt, part: 'instant', desc: true }, { column: bags.id, part: 'uuid', desc: true }], (b) => [b.packedAt, b.id],
);

/** `from`/`to` bound `packedAt` (a local day). */
export interface RunFilter extends PageWindow {
  from?: Date;
  to?: Date;
  depotId?: string;
  bagType?: string;
}

export const listRunRows = (db: Executor, f: RunFilter) => db.select().from(packingRuns).where(and(
  f.depotId ? eq(packingRuns.depotId, f.depotId) : undefined,
  f.bagType ? eq(packingRuns.bagType, f.bagType) : undefined,
  f.from ? gte(packingRuns.packedAt, f.from) : undefined,
  f.to ? lt(packingRuns.packedAt, f.to) : undefined,
  pastKey(RUN_ORDER, f.after),
)).orderBy(...orderOf(RUN_ORDER)).limit(f.limit);

export interface BagFilter extends PageWindow {
  bagId?: string;
  storageUnitId?: string;
  depotId?: string;
  bagType?: string;
  temperatureClass?: BagRow['temperatureClass'];
  status?: BagRow['status'];
  reservationId?: string;
  packingRunId?: string;
}

export const listBagRows = (db: Executor, f: BagFilter) => db.select().from(bags).where(and(
  f.bagId ? eq(bags.id, f.bagId) : undefined,
  f.storageUnitId ? eq(bags.storageUnitId, f.storageUnitId) : undefined,
  f.depotId ? eq(bags.depotId, f.depotId) : undefined,
  f.bagType ? eq(bags.bagType, f.bagType) : undefined,
  f.temperatureClass ? eq(bags.temperatureClass, f.temperatureClass) : undefined,
  f.status ? eq(bags.status, f.status) : undefined,
  f.reservationId ? eq(bags.reservationId, f.reservationId) : undefined,
  f.packingRunId ? eq(bags.packingRunId, f.packingRunId) : undefined,
  pastKey(BAG_ORDER, f.after),
)).orderBy(...orderOf(BAG_ORDER)).limit(f.limit);

const availableOn = (depotId: string, bagType: BagType, date: LocalDate) => and(
  eq(bags.depotId, depotId), eq(bags.bagType, bagType), eq(bags.status, 'in_stock'),
  or(isNull(bags.handOutBy), gte(bags.handOutBy, date)),
);

/**
 * Bags free to reserve for delivery on `date` (today, for what is on the shelf now): in stock,
 * of the class asked (any class when omitted), and not past their hand-out date on that date.
 */
export async function countAvailableBags(db: Executor, depotId: string, bagType: BagType, date: LocalDate, temperatureClass?: TemperatureClass | null) {
  const [row] = await db.select({ n: count() }).from(bags).where(and(
    availableOn(depotId, bagType, date), temperatureClass ? eq(bags.temperatureClass, temperatureClass) : undefined,
  ));
  return row?.n ?? 0;
}

/** The same count per bag class, in one query. */
export async function countAvailableBagsByClass(db: Executor, depotId: string, bagType: BagType, date: LocalDate) {
  const rows = await db.select({ temperatureClass: bags.temperatureClass, n: count() }).from(bags)
    .where(availableOn(depotId, bagType, date)).groupBy(bags.temperatureClass);
  return new Map(rows.map((r) => [r.temperatureClass, r.n]));
}
