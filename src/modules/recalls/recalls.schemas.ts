import { z } from 'zod';
import { BAG_STATUSES, RESERVATION_STATUSES } from '../../domain/reservations.ts';
import { csvLocale } from '../../i18n/csv.ts';
import { check, dateWindow, localDate } from '../../http/schemas.ts';

/** What a recall (or its read-only trace) matches by: one lot, a product and/or batch, or a donor over days. */
const matchFields = {
  lotId: z.uuid().optional(),
  donorId: z.uuid().optional(),
  /** Every lot of this product (case, accents and spaces aside; a word inside a name: `paisti` finds "Naudan paisti") and/or of this batch. */
  product: z.string().trim().min(1).max(200).optional(),
  batch: z.string().trim().min(1).max(100).optional(),
  /** Local dates (Helsinki), inclusive: lots received from `from` through `to` (required with donorId, optional with product or batch). */
  from: localDate.optional(),
  to: localDate.optional(),
};

export const recallQuery = dateWindow(z.strictObject({ ...matchFields, locale: csvLocale })).refine((q) => [q.lotId, q.donorId, q.product || q.batch].filter(Boolean).length === 1, { ...check('recallLotOrDonor'), path: ['lotId'] })
  .refine((q) => !q.donorId || (q.from && q.to), { ...check('recallDonorRange'), path: ['from'] })
  .refine((q) => !q.lotId || (!q.from && !q.to), { ...check('recallLotNoRange'), path: ['from'] });
export type RecallQuery = z.infer<typeof recallQuery>;

const bagStatus = z.enum(BAG_STATUSES);

export const recallSchema = z.object({
  lots: z.array(z.object({
    lotId: z.uuid(), code: z.string(), product: z.string().optional(), batch: z.string().optional(), donorId: z.uuid(), depotId: z.uuid(), category: z.string(), dateKind: z.string(), date: z.string().optional(),
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

/** What a recall matches by (one of lotId, product and/or batch, donorId; `from`/`to` with any but lotId), and why. */
export const startRecallBody = dateWindow(z.strictObject({
  ...matchFields,
  /** Why: the donor's or the authority's notice, as the points will read it. */
  reason: z.string().trim().min(1).max(1000),
})).refine((q) => [q.lotId, q.donorId, q.product || q.batch].filter(Boolean).length === 1, { ...check('recallOneCriterion'), path: ['lotId'] })
  .refine((q) => !q.lotId || (!q.from && !q.to), { ...check('recallLotNoRange'), path: ['from'] });

export const acknowledgeRecallBody = z.strictObject({
  /** What the point did: bags kept aside, households told, bags returned. */
  note: z.string().trim().min(1).max(1000),
});

const recallBagSchema = z.object({
  bagId: z.uuid(), code: z.string(), statusBefore: z.string(), reservationId: z.uuid().optional(), pointId: z.uuid().optional(),
  pointName: z.string().optional(), deliveryDate: localDate.optional(),
});

export const startedRecallSchema = z.object({
  id: z.uuid(),
  reason: z.string(),
  criteria: z.record(z.string(), z.string()),
  at: z.string(),
  /** The lots taken: marked recalled, their stock discarded with reason `recall` (`kgDiscarded`). Empty for a point's lead. */
  lots: z.array(z.object({
    lotId: z.uuid(), code: z.string(), category: z.string(), product: z.string().optional(), batch: z.string().optional(), donorId: z.uuid(),
    date: z.string().optional(), receivedAt: z.string(), kgDiscarded: z.number(),
  })),
  /** Bags that were at the depot (in stock, reserved or held): now `recalled`, never reserved, loaded or delivered. */
  withdrawn: z.array(recallBagSchema),
  /** Bags on a vehicle when the recall came: to bring back. */
  toBringBack: z.array(recallBagSchema),
  /** Bags already delivered, by point: the points are told and acknowledge. */
  delivered: z.array(recallBagSchema),
  /** The points that must act, each with its acknowledgement once its lead gave it. */
  points: z.array(z.object({
    pointId: z.uuid(), name: z.string(), bagsDelivered: z.number().int(), bagsDispatched: z.number().int(),
    acknowledgement: z.object({ note: z.string(), at: z.string(), by: z.string() }).optional(),
  })),
  pointsNotAcknowledged: z.number().int(),
});
