import { z } from 'zod';
import { CATEGORIES, DATE_KINDS, DISCARD_REASONS } from '../../domain/categories.ts';
import { check, kg, localDate, pageQuery, positiveKg, temperatureClass } from '../../http/schemas.ts';

/** `recalled`: a recall took the lot (its stock discarded with reason `recall`); it is never packed again. */
export const lotStatus = z.enum(['in_stock', 'on_hold', 'depleted', 'recalled']);

export const lotEventSchema = z.object({
  /** `ledger` entries change kilos; `event` entries (move, hold, release, check, freeze) record what happened beside them. */
  source: z.enum(['ledger', 'event']),
  kind: z.string(),
  at: z.string(),
  kg: z.number().optional(),
  reason: z.string().optional(),
  packingRunId: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
  /** Who wrote it: the user's id and name. */
  by: z.string().optional(),
  byName: z.string().optional(),
});

export const lotSchema = z.object({
  id: z.uuid(),
  /** The short code a volunteer matches the lot by (the stock screen, the picking list). */
  code: z.string(),
  intakeId: z.uuid(),
  donorId: z.uuid(),
  depotId: z.uuid(),
  category: z.enum(CATEGORIES),
  temperatureClass,
  dateKind: z.enum(DATE_KINDS),
  date: localDate.nullable(),
  storageUnitId: z.uuid(),
  receivedKg: z.number(),
  stockKg: z.number(),
  status: lotStatus,
  receivedAt: z.string(),
  receiptCelsius: z.number().optional(),
  /** When it was frozen: a known date, or (with `frozenOnKnown: false`) the day food received frozen came in, frozen by then at the latest. */
  frozenOn: localDate.optional(),
  /** False when `frozenOn` is only the day of receipt: labels say the freezing date is not known. */
  frozenOnKnown: z.boolean(),
  checkedOn: localDate.optional(),
  product: z.string().optional(),
  /** EU 1169/2011 Annex II codes; null: not stated at intake (unknown), `[]`: declared none. */
  allergens: z.array(z.string()).nullable(),
  batch: z.string().optional(),
  /** Received without packaging: packing it when perishable needs a valid hygiene passport. */
  unpackaged: z.boolean(),
  /**
   * The day the lot counts as expiring by, the same date /alerts and /stock go by: the
   * earliest of its use-by (none once frozen in time, except cold-smoked or gravad fish), its
   * best-before (after it a passed check is needed; eggs are never packed), and for food frozen
   * from chilled `frozenOn + FROZEN_SHELF_DAYS`. Null when no date limits it.
   */
  packableUntil: localDate.nullable(),
});

export const lotDetailSchema = lotSchema.extend({ events: z.array(lotEventSchema) });

export const listLotsQuery = z.strictObject({
  depotId: z.uuid().optional(),
  status: lotStatus.optional(),
  category: z.enum(CATEGORIES).optional(),
  temperatureClass: temperatureClass.optional(),
  storageUnitId: z.uuid().optional(),
  donorId: z.uuid().optional(),
  /** Lots whose `packableUntil` is before this local date (a frozen lot by its frozen shelf life, not its original date). */
  expiringBefore: localDate.optional(),
  ...pageQuery,
});

const note = z.string().trim().min(1).max(500);

export const discardBody = z.strictObject({ kg: positiveKg, reason: z.enum(DISCARD_REASONS), note: note.optional() });
export const adjustmentBody = z.strictObject({
  kg: kg.refine((v) => v !== 0, check('notZero')).refine((v) => Math.abs(v) <= 5000, check('adjustLimit', 5000)),
  reason: note,
});
export const moveBody = z.strictObject({ storageUnitId: z.uuid() });
export const freezeBody = z.strictObject({ storageUnitId: z.uuid() });
export const checkBody = z.strictObject({ passed: z.boolean(), note: note.optional() });
/** A release needs its note: the corrective action taken (an own-check record). */
export const releaseBody = z.strictObject({ note });
