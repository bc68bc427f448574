import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { storageUnits } from '../../db/schema/index.ts';
import { gToKg, kgToG } from '../../http/schemas.ts';
import { requireSite } from '../sites/sites.service.ts';
import type { createStorageUnitBody } from './storage.schemas.ts';
import { listUnitsWithStock } from './storage.repo.ts';

export const toStorageUnitDto = (u: typeof storageUnits.$inferSelect, stockG: number) => ({
  id: u.id, depotId: u.depotId, name: u.name, temperatureClass: u.temperatureClass, capacityKg: gToKg(u.capacityG), stockKg: gToKg(stockG),
});

export async function createStorageUnit(db: Executor, body: z.infer<typeof createStorageUnitBody>) {
  await requireSite(db, body.depotId, 'depot');
  const [row] = await db.insert(storageUnits).values({
    depotId: body.depotId, name: body.name, temperatureClass: body.temperatureClass, capacityG: kgToG(body.capacityKg),
  }).returning();
  return toStorageUnitDto(row, 0);
}

export async function listStorageUnits(db: Executor, depotId?: string) {
  return (await listUnitsWithStock(db, { depotId })).map((r) => toStorageUnitDto(r.unit, r.stockG));
}
