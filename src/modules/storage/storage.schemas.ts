import { z } from 'zod';
import { csvLocale } from '../../i18n/csv.ts';
import { ALERT_ACTIONS } from '../../domain/excursions.ts';
import { check, dateWindow, instant, localDate, pageQuery, positiveKg, temperatureClass, displayName } from '../../http/schemas.ts';

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
  name: displayName(100),
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
  /** When it was typed in (the server's clock). */
  enteredAt: z.string(),
  /** Entered more than an hour after `at` ("kirjattu jälkikäteen"). */
  late: z.boolean(),
  /** The alert an excursion opened (or joined). */
  alertId: z.uuid().optional(),
  /** How many lots the excursion put on hold. */
  heldLots: z.number().int(),
  /** How many bags waiting in the unit the excursion put on hold. */
  heldBags: z.number().int(),
  /** The unit class's limit, °C (chilled +6, frozen −15; none for ambient). */
  limitC: z.number().optional(),
  /** Why it is an excursion: above the unit's limit, a freezer warm too long, or above some lots' own limits. */
  excursionReason: z.enum(['unit_limit', 'frozen_warm_too_long', 'lot_limit']).optional(),
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
  /** An alert about a route (`bags_unsettled`, `ride_too_long`): its depot, route and, for a ride, the stop. */
  depotId: z.uuid().optional(),
  routeId: z.uuid().optional(),
  stopId: z.uuid().optional(),
  openedAt: z.string(),
  /** Lots this alert holds that still wait for a release or a discard. */
  heldLots: z.array(lotSummarySchema),
  /** Bags this alert holds (status `held`) that still wait for a release or a discard. */
  heldBags: z.array(z.object({ id: z.uuid(), bagType: z.string(), temperatureClass, reservationId: z.uuid().optional(), storageUnitId: z.uuid().optional() })),
  /** When it was closed (`POST /alerts/:id/resolve`), with the corrective action, its note and who closed it. */
  closedAt: z.string().optional(),
  action: z.enum(ALERT_ACTIONS).optional(),
  note: z.string().optional(),
  resolvedBy: z.object({ id: z.uuid(), name: z.string() }).optional(),
});

export const alertsQuery = dateWindow(z.strictObject({
  depotId: z.uuid().optional(),
  /** `open` (default): the alerts waiting for a corrective action, oldest first; `closed`: those closed on the local days `from`..`to`, latest first. Either a page at a time. */
  status: z.enum(['open', 'closed']).default('open'),
  from: localDate.optional(),
  to: localDate.optional(),
  ...pageQuery,
}));

export const resolveAlertBody = z.strictObject({
  /** The corrective action: food moved to another unit, discarded, the unit repaired, checked and fine, or other (say what in `note`). */
  action: z.enum(ALERT_ACTIONS),
  note: z.string().trim().min(1).max(1000).optional(),
}).refine((b) => b.action !== 'other' || b.note, { ...check('noteForOther'), path: ['note'] });

export const resolvedAlertSchema = alertSchema.omit({ heldLots: true, heldBags: true, storageUnitName: true, celsius: true });

export const alertsSchema = z.object({
  items: z.array(alertSchema),
  /** The next page of `items` (the other lists are whole on every page). */
  nextCursor: z.string().optional(),
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
  /** A page of the JSON record (`nextCursor` for the next; the CSV holds every reading). */
  ...pageQuery,
}));

export const readingRecordSchema = temperatureReadingSchema.omit({ alertId: true, heldLots: true, heldBags: true, limitC: true, excursionReason: true }).extend({
  /** Who recorded it (the volunteer's name). */
  recordedBy: z.string().optional(),
});

export const readingRecordsSchema = z.object({
  storageUnit: z.object({ id: z.uuid(), name: z.string(), temperatureClass, readingsPerDay: z.number().int() }),
  items: z.array(readingRecordSchema),
  /** More readings of the period: pass it back as `cursor`. */
  nextCursor: z.string().optional(),
  /** The unit's alerts open at some time in the period, with the corrective action of each one closed. */
  alerts: z.array(alertSchema.omit({ heldLots: true, heldBags: true, storageUnitName: true, celsius: true })),
});
