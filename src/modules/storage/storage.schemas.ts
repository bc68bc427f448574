import { z } from 'zod';
import { csvLocale } from '../../http/csv.ts';
import { check, dateWindow, instant, localDate, positiveKg, temperatureClass } from '../../http/schemas.ts';

export const storageUnitSchema = z.object({
  id: z.uuid(),
  depotId: z.uuid(),
  name: z.string(),
  temperatureClass,
  capacityKg: z.number(),
  stockKg: z.number(),
  /** Own-check readings expected per day (0: not monitored); a missed one raises a `reading_missed` alert. */
  readingsPerDay: z.number().int(),
});

export const createStorageUnitBody = z.strictObject({
  depotId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  temperatureClass,
  capacityKg: positiveKg.refine((v) => v <= 1_000_000, check('atMostKg', 1_000_000)),
  readingsPerDay: z.number().int().min(0).max(24).default(1),
});

export const temperatureReadingBody = z.strictObject({
  celsius: z.number().finite().min(-80).max(80),
  /** When the thermometer was read; defaults to now. */
  at: instant.optional(),
});

export const temperatureReadingSchema = z.object({
  id: z.uuid(),
  storageUnitId: z.uuid(),
  celsius: z.number(),
  at: z.string(),
  excursion: z.boolean(),
  warning: z.boolean(),
  /** The alert an excursion opened. */
  alertId: z.uuid().optional(),
  /** How many lots the excursion put on hold. */
  heldLots: z.number().int(),
});

export const lotSummarySchema = z.object({
  id: z.uuid(),
  /** The lot's short code, as the picking list shows it. */
  code: z.string(),
  depotId: z.uuid(),
  category: z.string(),
  product: z.string().optional(),
  temperatureClass,
  dateKind: z.string(),
  date: localDate.nullable(),
  storageUnitId: z.uuid(),
  stockKg: z.number(),
  /** As on the lot: the day it counts as expiring by (a frozen lot by its frozen shelf life); null when no date limits it. */
  packableUntil: localDate.nullable(),
});

export const alertSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  storageUnitId: z.uuid().optional(),
  storageUnitName: z.string().optional(),
  celsius: z.number().optional(),
  /** What happened, in the reader's language (`Accept-Language: fi`: Finnish). */
  detail: z.string(),
  openedAt: z.string(),
  /** Lots this alert holds that still wait for a release or a discard. */
  heldLots: z.array(lotSummarySchema),
});

export const alertsSchema = z.object({
  items: z.array(alertSchema),
  /** Every lot on hold with stock, whatever held it. */
  holds: z.array(lotSummarySchema),
  /** Lots whose `packableUntil` falls today or in the next 2 days. */
  expiringSoon: z.array(lotSummarySchema),
  /** Lots past best-before that wait for a check (none yet, or older than BEST_BEFORE_CHECK_DAYS); eggs are not listed: they are never packed after it. */
  needsBestBeforeCheck: z.array(lotSummarySchema),
  /** Frozen units whose latest reading is between −18 °C and −15 °C. */
  warnings: z.array(z.object({ storageUnitId: z.uuid(), storageUnitName: z.string(), celsius: z.number(), at: z.string() })),
});

export const stockSchema = z.object({
  depotId: z.uuid().optional(),
  totalKg: z.number(),
  onHoldKg: z.number(),
  byCategory: z.array(z.object({ category: z.string(), kg: z.number(), lots: z.number().int() })),
  byTemperatureClass: z.array(z.object({ temperatureClass, kg: z.number(), lots: z.number().int() })),
  byUnit: z.array(storageUnitSchema.extend({ freeKg: z.number() })),
  expiringSoon: z.array(lotSummarySchema),
});

export const readingsQuery = dateWindow(z.strictObject({
  /** First local day (Europe/Helsinki) of the records, inclusive. */
  from: localDate.optional(),
  /** Last local day, inclusive. */
  to: localDate.optional(),
  locale: csvLocale,
}));

export const readingRecordSchema = temperatureReadingSchema.omit({ alertId: true, heldLots: true }).extend({
  /** Who recorded it (the volunteer's name). */
  recordedBy: z.string().optional(),
});

export const readingRecordsSchema = z.object({
  storageUnit: z.object({ id: z.uuid(), name: z.string(), temperatureClass, readingsPerDay: z.number().int() }),
  items: z.array(readingRecordSchema),
});
