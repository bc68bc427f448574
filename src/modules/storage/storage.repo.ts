import { and, asc, eq, gt, gte, lte, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { lots, storageUnits } from '../../db/schema/index.ts';

/** Units with the kilos they hold now (the sum of their lots' stock). */
export function listUnitsWithStock(db: Executor, filter: { depotId?: string; id?: string } = {}) {
  return db.select({
    unit: storageUnits,
    stockG: sql<number>`coalesce((select sum(l.stock_g) from ${lots} l where l.storage_unit_id = ${storageUnits}.id), 0)`.mapWith(Number),
  }).from(storageUnits)
    .where(filter.id ? eq(storageUnits.id, filter.id) : filter.depotId ? eq(storageUnits.depotId, filter.depotId) : undefined)
    .orderBy(asc(storageUnits.name));
}

/** Lots with stock of a depot (or all depots) whose date falls in [from, to]: the candidates for "expiring soon". */
export function lotsDatedBetween(db: Executor, depotId: string | undefined, from: string, to: string, limit = 500) {
  return db.select().from(lots).where(and(
    depotId ? eq(lots.depotId, depotId) : undefined, gt(lots.stockG, 0), ne(lots.dateKind, 'none'), gte(lots.date, from), lte(lots.date, to),
  )).orderBy(asc(lots.date), asc(lots.receivedAt)).limit(limit);
}

export function heldLots(db: Executor, depotId?: string) {
  return db.select().from(lots).where(and(depotId ? eq(lots.depotId, depotId) : undefined, eq(lots.onHold, true), gt(lots.stockG, 0)))
    .orderBy(asc(lots.receivedAt));
}

/** Kilos with stock grouped by one lot column, for the stock view. */
export function stockBy(db: Executor, column: typeof lots.category | typeof lots.temperatureClass, depotId?: string) {
  return db.select({
    key: column,
    g: sql<number>`sum(${lots.stockG})`.mapWith(Number),
    lots: sql<number>`count(*)`.mapWith(Number),
    heldG: sql<number>`coalesce(sum(${lots.stockG}) filter (where ${lots.onHold}), 0)`.mapWith(Number),
  }).from(lots).where(and(depotId ? eq(lots.depotId, depotId) : undefined, gt(lots.stockG, 0))).groupBy(column).orderBy(asc(column));
}
