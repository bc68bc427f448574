import { and, asc, count, eq, gt, gte, inArray, isNull, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { bagEvents, bags, lots, packingRunLots, packingRuns } from '../../db/schema/index.ts';
import type { BagType, Category } from '../../domain/categories.ts';
import type { LocalDate } from '../../domain/dates.ts';

/** Lots of a depot that could go into a bag of these categories now: with stock and not on hold. */
export function packableLots(db: Executor, depotId: string, categories: readonly Category[]) {
  return db.select().from(lots).where(and(
    eq(lots.depotId, depotId), gt(lots.stockG, 0), eq(lots.onHold, false), inArray(lots.category, [...categories]),
  ));
}

export async function insertRun(db: Executor, run: typeof packingRuns.$inferInsert) {
  return (await db.insert(packingRuns).values(run).returning())[0];
}

export async function insertRunLots(db: Executor, rows: (typeof packingRunLots.$inferInsert)[]) {
  if (rows.length > 0) await db.insert(packingRunLots).values(rows);
}

/** Bags and their first `bag_events` row (packed → in_stock), in one round trip each. */
export async function insertBags(db: Executor, rows: (typeof bags.$inferInsert)[], createdBy: string, at: Date) {
  if (rows.length === 0) return [];
  const inserted = await db.insert(bags).values(rows).returning({ id: bags.id, weightG: bags.weightG, earliestUseBy: bags.earliestUseBy });
  await db.insert(bagEvents).values(inserted.map((b) => ({ bagId: b.id, fromStatus: null, toStatus: 'in_stock', reason: 'packed', at, createdBy })));
  return inserted;
}

export async function findRun(db: Executor, id: string) {
  const [run] = await db.select().from(packingRuns).where(eq(packingRuns.id, id));
  if (!run) return undefined;
  const [runBags, runLots] = await Promise.all([
    db.select({ id: bags.id, weightG: bags.weightG, earliestUseBy: bags.earliestUseBy }).from(bags).where(eq(bags.packingRunId, id)).orderBy(asc(bags.id)),
    db.select().from(packingRunLots).where(eq(packingRunLots.packingRunId, id)),
  ]);
  return { run, bags: runBags, lots: runLots };
}

/**
 * Bags free to reserve for delivery on `date` (today, for what is on the shelf now): in stock,
 * and not past the earliest use-by of their contents on that date.
 */
export async function countAvailableBags(db: Executor, depotId: string, bagType: BagType, date: LocalDate) {
  const [row] = await db.select({ n: count() }).from(bags).where(and(
    eq(bags.depotId, depotId), eq(bags.bagType, bagType), eq(bags.status, 'in_stock'),
    or(isNull(bags.earliestUseBy), gte(bags.earliestUseBy, date)),
  ));
  return row?.n ?? 0;
}
