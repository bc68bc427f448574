import { z } from 'zod';
import { BAG_TYPES } from '../../domain/categories.ts';
import { localDate, positiveKg } from '../../http/schemas.ts';

export const bagType = z.enum(BAG_TYPES);

export const createPackingRunBody = z.strictObject({
  depotId: z.uuid(),
  bagType,
  bagCount: z.number().int().min(1).max(1000),
  /** Weight of one bag; defaults to the bag type's target. FEFO runs fill every bag to it. */
  targetKg: positiveKg.refine((v) => v <= 50, 'must be at most 50 kg').optional(),
  /** FEFO runs: pack the full bags the stock allows instead of refusing with 409. */
  allowPartial: z.boolean().optional(),
  /** Lots and kilos named by the volunteer; without them FEFO chooses. */
  lots: z.array(z.strictObject({ lotId: z.uuid(), kg: positiveKg })).min(1).max(100).optional(),
});

export const bagSchema = z.object({ id: z.uuid(), weightKg: z.number(), earliestUseBy: localDate.optional() });

export const packingRunSchema = z.object({
  id: z.uuid(),
  depotId: z.uuid(),
  bagType,
  requestedBags: z.number().int(),
  bagCount: z.number().int(),
  packedAt: z.string(),
  totalKg: z.number(),
  bags: z.array(bagSchema),
  lots: z.array(z.object({ lotId: z.uuid(), kg: z.number() })),
});

export const bagsAvailableQuery = z.strictObject({ depotId: z.uuid(), bagType });
export const bagsAvailableSchema = z.object({ depotId: z.uuid(), bagType, available: z.number().int() });
