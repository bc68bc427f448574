import { z } from 'zod';
import { ALLERGENS, CATEGORIES, DATE_KINDS, REFUSAL_REASONS } from '../../domain/categories.ts';
import { check, instant, localDate, pageQuery, positiveKg, temperatureClass } from '../../http/schemas.ts';
import { lotSchema } from '../lots/lots.schemas.ts';
import { MAX_INTAKE_LINE_G, gramsToKg } from '../../domain/weight.ts';

/** The heaviest line or refusal, kg (`MAX_INTAKE_LINE_G`). */
const MAX_LINE_KG = gramsToKg(MAX_INTAKE_LINE_G);

/**
 * One weighed line. The shape is checked here (400), a weight too: 0, −5 or 10²⁰ kg is a
 * typo, not food. The food-safety rules (dates, classes, temperatures, units) are checked
 * by the domain and answered 422 naming the line and the rule.
 */
export const intakeLineBody = z.strictObject({
  category: z.enum(CATEGORIES),
  kg: positiveKg.refine((v) => v <= MAX_LINE_KG, check('atMostKg', MAX_LINE_KG)),
  temperatureClass,
  dateKind: z.enum(DATE_KINDS),
  date: localDate.nullable().optional(),
  storageUnitId: z.uuid(),
  /** Required on chilled and frozen lines (422 `receipt_celsius_missing` naming the line). */
  receiptCelsius: z.number().finite().min(-80).max(80).nullable().optional(),
  /** A frozen line: the donor's freezing date, on or before its use-by (EU 2021/1374). */
  frozenOn: localDate.nullable().optional(),
  /** Product name from the package, for labels and recalls. */
  product: z.string().trim().min(1).max(200).optional(),
  /**
   * EU 1169/2011 Annex II allergen codes; an unknown code is 400. Left out: the allergens are
   * not known (labels then say to check the packages); `[]`: the package declares none.
   */
  allergens: z.array(z.enum(ALLERGENS)).max(ALLERGENS.length).optional(),
  batch: z.string().trim().min(1).max(100).optional(),
  /** Received without packaging (loose bread, loose vegetables, unwrapped food); default false. */
  unpackaged: z.boolean().optional(),
});

/** Food turned away at the door: recorded for the reports, never stock. */
export const refusalBody = z.strictObject({
  category: z.enum(CATEGORIES),
  kg: positiveKg.refine((v) => v <= MAX_LINE_KG, check('atMostKg', MAX_LINE_KG)),
  reason: z.enum(REFUSAL_REASONS),
  note: z.string().trim().min(1).max(500).optional(),
});

/**
 * A delivery: the lines taken in and what was refused at the door. Either may be empty, not
 * both: a delivery refused whole is still recorded (its refusals go to the donor's depot).
 */
export const createIntakeBody = z.strictObject({
  donorId: z.uuid(),
  /** When the food was weighed in; defaults to now. */
  receivedAt: instant.optional(),
  lines: z.array(intakeLineBody).max(200),
  refusals: z.array(refusalBody).max(200).optional(),
}).refine((b) => b.lines.length > 0 || (b.refusals?.length ?? 0) > 0, { ...check('lineOrRefusal'), path: ['lines'] });

export const intakeSchema = z.object({
  id: z.uuid(),
  donorId: z.uuid(),
  depotId: z.uuid(),
  receivedAt: z.string(),
  totalKg: z.number(),
  lots: z.array(lotSchema),
  /** What was turned away with this delivery (never stock). */
  refusals: z.array(refusalBody.extend({ id: z.uuid() })),
  kgRefused: z.number(),
});

export const listIntakesQuery = z.strictObject({
  depotId: z.uuid().optional(),
  donorId: z.uuid().optional(),
  /** Intakes weighed in on this local (Europe/Helsinki) day. */
  day: localDate.optional(),
  ...pageQuery,
});
