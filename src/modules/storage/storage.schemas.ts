import { z } from 'zod';
import { positiveKg, temperatureClass } from '../../http/schemas.ts';

export const storageUnitSchema = z.object({
  id: z.uuid(),
  depotId: z.uuid(),
  name: z.string(),
  temperatureClass,
  capacityKg: z.number(),
  stockKg: z.number(),
});

export const createStorageUnitBody = z.strictObject({
  depotId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  temperatureClass,
  capacityKg: positiveKg.refine((v) => v <= 1_000_000, 'must be at most 1,000,000 kg'),
});

export const listStorageUnitsQuery = z.strictObject({ depotId: z.uuid().optional() });
