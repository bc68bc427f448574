import { asc, eq, sql } from 'drizzle-orm';
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
