import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import { vehicles } from '../../db/schema/index.ts';

export type VehicleRow = typeof vehicles.$inferSelect;

/** Inserts a vehicle. */
export const insertVehicle = async (db: Executor, values: typeof vehicles.$inferInsert) => (await db.insert(vehicles).values(values).returning())[0];

/** `GET /vehicles`: by name. */
export const VEHICLE_ORDER = sortKey<VehicleRow>([{ column: vehicles.name, part: 'text' }, { column: vehicles.id, part: 'uuid' }], (v) => [v.name, v.id]);

/** Vehicles by name, of one depot or all, one page at a time. */
export const listVehicles = (db: Executor, f: PageWindow & { depotId?: string }) =>
  db.select().from(vehicles)
    .where(and(f.depotId ? eq(vehicles.depotId, f.depotId) : undefined, pastKey(VEHICLE_ORDER, f.after)))
    .orderBy(...orderOf(VEHICLE_ORDER)).limit(f.limit);
