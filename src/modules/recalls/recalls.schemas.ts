import { z } from 'zod';
import { BAG_STATUSES, RESERVATION_STATUSES } from '../../domain/reservations.ts';
import { csvLocale } from '../../http/csv.ts';
import { check, dateWindow, localDate } from '../../http/schemas.ts';

export const recallQuery = dateWindow(z.strictObject({
  lotId: z.uuid().optional(),
  donorId: z.uuid().optional(),
  /** Every lot of this product (as written at intake, case-insensitive) and/or of this batch. */
  product: z.string().trim().min(1).max(200).optional(),
  batch: z.string().trim().min(1).max(100).optional(),
  /** Local dates (Helsinki), inclusive: lots received from `from` through `to`. */
  from: localDate.optional(),
  to: localDate.optional(),
  locale: csvLocale,
})).refine((q) => [q.lotId, q.donorId, q.product || q.batch].filter(Boolean).length === 1, { ...check('recallLotOrDonor'), path: ['lotId'] })
  .refine((q) => !q.donorId || (q.from && q.to), { ...check('recallDonorRange'), path: ['from'] })
  .refine((q) => !q.lotId || (!q.from && !q.to), { ...check('recallLotNoRange'), path: ['from'] });
export type RecallQuery = z.infer<typeof recallQuery>;

const bagStatus = z.enum(BAG_STATUSES);

export const recallSchema = z.object({
  lots: z.array(z.object({
    lotId: z.uuid(), donorId: z.uuid(), depotId: z.uuid(), category: z.string(), dateKind: z.string(), date: z.string().optional(),
    receivedAt: z.string(), receivedKg: z.number(), stockKg: z.number(), storageUnitId: z.uuid(),
  })),
  packingRuns: z.array(z.object({
    packingRunId: z.uuid(), lotId: z.uuid(), kg: z.number(), depotId: z.uuid(), bagType: z.string(), bagCount: z.number().int(), packedAt: z.string(),
  })),
  /** The bags whose recorded contents hold a recalled lot (`lotIds`: which of them); a bag without recorded contents, with its run's recalled lots. */
  bags: z.array(z.object({
    bagId: z.uuid(), packingRunId: z.uuid(), lotIds: z.array(z.uuid()), bagType: z.string(), weightKg: z.number(),
    earliestUseBy: z.string().optional(), status: bagStatus, statusAt: z.string(),
    reservationId: z.uuid().optional(), pointId: z.uuid().optional(), deliveryDate: z.string().optional(), deliveredAt: z.string().optional(),
  })),
  reservations: z.array(z.object({
    reservationId: z.uuid(), pointId: z.uuid(), date: z.string(), bagType: z.string(), bags: z.number().int(),
    status: z.enum(RESERVATION_STATUSES), bagsFromLots: z.number().int(), dispatchedAt: z.string().optional(), deliveredAt: z.string().optional(),
  })),
  points: z.array(z.object({
    pointId: z.uuid(), name: z.string(), municipality: z.string(), address: z.string(),
    bagsReserved: z.number().int(), bagsDispatched: z.number().int(), bagsDelivered: z.number().int(),
    firstDeliveredAt: z.string().optional(), lastDeliveredAt: z.string().optional(),
  })),
  /** Still at the depot: the lots' own stock, and bags not yet gone out (in stock or reserved). */
  inWarehouse: z.object({
    lots: z.array(z.object({ lotId: z.uuid(), stockKg: z.number(), storageUnitId: z.uuid(), onHold: z.boolean() })),
    bags: z.array(z.object({ bagId: z.uuid(), status: bagStatus, depotId: z.uuid(), reservationId: z.uuid().optional() })),
  }),
});
export type Recall = z.infer<typeof recallSchema>;
