/**
 * The food-safety rules of DESIGN.md ("Domain and rules"), after the Finnish Food
 * Authority's guidance on food aid and EU 2021/382, as pure predicates. A failed rule is a
 * {@link Violation} with a stable `rule` code the HTTP layer puts in its 422/409 answer,
 * and a message a warehouse volunteer can act on.
 */
import { type Category, type DateKind, type TemperatureClass, USUAL_CLASS, coldness } from './categories.ts';
import { isValidLocalDate, type LocalDate } from './dates.ts';
import { MAX_INTAKE_LINE_G } from './weight.ts';

/** Stable codes of the rules; clients may match on them, so extend, never rename. */
export type SafetyRule =
  | 'invalid_weight'
  | 'non_positive_kg'
  | 'line_too_heavy'
  | 'date_missing'
  | 'date_unexpected'
  | 'date_invalid'
  | 'use_by_past'
  | 'smoked_fish_past_use_by'
  | 'class_warmer_than_category'
  | 'receipt_too_warm'
  | 'invalid_temperature'
  | 'unit_class_mismatch'
  | 'freeze_not_chilled'
  | 'freeze_after_use_by'
  | 'on_hold'
  | 'no_stock'
  | 'best_before_unchecked';

export type Violation = { rule: SafetyRule; message: string };
/** The answer of every rule: fine, or the first rule broken. */
export type Verdict = { ok: true } | ({ ok: false } & Violation);

/** One line of an intake, in grams (the edge converted kg with `kgToGrams`). */
export type IntakeLine = {
  category: Category;
  weightG: number;
  temperatureClass: TemperatureClass;
  dateKind: DateKind;
  date?: LocalDate | null;
  /** Measured at receipt, °C; optional because not every line is measured. */
  receiptCelsius?: number | null;
};

/**
 * A lot as the packing rules see it. `frozenOn` is the local date it was frozen: the
 * freeze date, or the intake date for a lot received frozen. `passedCheckOn` is the local
 * date of the latest passed best-before check (a failed check discards the lot).
 */
export type StockLot = {
  category: Category;
  temperatureClass: TemperatureClass;
  dateKind: DateKind;
  date: LocalDate | null;
  onHold: boolean;
  stockG: number;
  frozenOn: LocalDate | null;
  passedCheckOn: LocalDate | null;
};

/** Warmest reading still fine, °C: above it a chilled unit is in excursion. */
export const CHILLED_MAX_C = 6;
/** Above this a frozen unit is in excursion, °C. */
export const FROZEN_MAX_C = -15;
/** Frozen food belongs at −18 °C or colder; between this and {@link FROZEN_MAX_C} is a warning. */
export const FROZEN_TARGET_C = -18;

const OK: Verdict = { ok: true };

/**
 * Every rule an intake line breaks, in a fixed order (the line itself, its date, its
 * temperature, its unit), so a form can show them all at once. Empty means the line may
 * become a lot. A use-by date equal to `today` is still fine: it may be eaten today.
 *
 * @example intakeLineViolations({ category: 'dairy', weightG: 12_000, temperatureClass: 'chilled',
 *   dateKind: 'use_by', date: '2026-03-28' }, { today: '2026-03-29', unitClass: 'chilled' })
 *   // [{ rule: 'use_by_past', message: ... }]
 */
export function intakeLineViolations(
  line: IntakeLine,
  ctx: { today: LocalDate; unitClass: TemperatureClass },
): Violation[] {
  const found: Violation[] = [];
  const add = (rule: SafetyRule, message: string) => found.push({ rule, message });

  if (!Number.isSafeInteger(line.weightG)) {
    add('invalid_weight', 'weight must be a whole number of grams');
  } else if (line.weightG <= 0) {
    add('non_positive_kg', 'weight must be more than 0 kg');
  } else if (line.weightG > MAX_INTAKE_LINE_G) {
    add('line_too_heavy', `one line may weigh at most ${MAX_INTAKE_LINE_G / 1000} kg`);
  }

  const date = line.date ?? null;
  if (line.dateKind === 'none') {
    if (date !== null) add('date_unexpected', 'a line without a date kind must not have a date');
  } else if (date === null) {
    add('date_missing', `a ${line.dateKind} line needs its date`);
  } else if (!isValidLocalDate(date)) {
    add('date_invalid', `not a date YYYY-MM-DD: ${date}`);
  } else if (line.dateKind === 'use_by' && date < ctx.today) {
    add('use_by_past', `use-by date ${date} is past: it may not enter food aid`);
  }

  const usual = USUAL_CLASS[line.category];
  if (coldness(line.temperatureClass) < coldness(usual)) {
    add('class_warmer_than_category', `${line.category} must be kept ${usual} or colder, not ${line.temperatureClass}`);
  }
  const celsius = line.receiptCelsius ?? null;
  if (celsius !== null && !Number.isFinite(celsius)) {
    add('invalid_temperature', 'the temperature at receipt must be a number of °C');
  } else if (celsius !== null && receiptTooWarm(line.temperatureClass, celsius)) {
    const limit = line.temperatureClass === 'chilled' ? CHILLED_MAX_C : FROZEN_MAX_C;
    add('receipt_too_warm', `${line.temperatureClass} food measured ${celsius} °C at receipt; the limit is ${limit} °C`);
  }

  if (ctx.unitClass !== line.temperatureClass) {
    add('unit_class_mismatch', `${line.temperatureClass} food cannot be stored in a ${ctx.unitClass} unit`);
  }
  return found;
}

/**
 * Whether an intake line may become a lot; the first broken rule otherwise, which is what
 * the 422 answer names. See {@link intakeLineViolations} for the full list.
 *
 * @example checkIntakeLine({ category: 'bread', weightG: 3_000, temperatureClass: 'frozen',
 *   dateKind: 'best_before', date: '2026-04-02' }, { today: '2026-03-29', unitClass: 'frozen' })
 *   // { ok: true } — frozen bread is colder than usual, which is allowed
 */
export function checkIntakeLine(line: IntakeLine, ctx: { today: LocalDate; unitClass: TemperatureClass }): Verdict {
  const [first] = intakeLineViolations(line, ctx);
  return first ? { ok: false, ...first } : OK;
}

/**
 * Whether a chilled lot may be frozen today into a unit of `unitClass`. Freezing stops the
 * use-by clock only if it happens on or before the use-by date, so on success the verdict
 * carries `frozenOn` for the service to record on the lot.
 *
 * @example checkFreeze({ temperatureClass: 'chilled', dateKind: 'use_by', date: '2026-10-25' },
 *   { today: '2026-10-25', unitClass: 'frozen' }) // { ok: true, frozenOn: '2026-10-25' }
 */
export function checkFreeze(
  lot: Pick<StockLot, 'temperatureClass' | 'dateKind' | 'date'>,
  ctx: { today: LocalDate; unitClass: TemperatureClass },
): { ok: true; frozenOn: LocalDate } | ({ ok: false } & Violation) {
  if (lot.temperatureClass !== 'chilled') {
    return { ok: false, rule: 'freeze_not_chilled', message: `only chilled lots are frozen; this one is ${lot.temperatureClass}` };
  }
  if (lot.dateKind === 'use_by' && lot.date !== null && ctx.today > lot.date) {
    return { ok: false, rule: 'freeze_after_use_by', message: `use-by date ${lot.date} is past: too late to freeze` };
  }
  if (ctx.unitClass !== 'frozen') {
    return { ok: false, rule: 'unit_class_mismatch', message: `a frozen lot cannot be stored in a ${ctx.unitClass} unit` };
  }
  return { ok: true, frozenOn: ctx.today };
}

/**
 * Classifies a storage unit's temperature reading. An excursion puts the unit's lots on
 * hold; a warning (frozen unit warmer than −18 °C but not above −15 °C) is only shown.
 * Ambient units have no limit.
 *
 * @example classifyReading('frozen', -16) // { excursion: false, warning: true }
 */
export function classifyReading(unitClass: TemperatureClass, celsius: number): { excursion: boolean; warning: boolean } {
  if (!Number.isFinite(celsius)) throw new RangeError(`not a temperature: ${celsius}`);
  switch (unitClass) {
    case 'chilled':
      return { excursion: celsius > CHILLED_MAX_C, warning: false };
    case 'frozen':
      return { excursion: celsius > FROZEN_MAX_C, warning: celsius > FROZEN_TARGET_C && celsius <= FROZEN_MAX_C };
    case 'ambient':
      return { excursion: false, warning: false };
  }
}

/**
 * The use-by date that still limits when a lot may be handed out, or null when none does:
 * lots without a use-by, and lots frozen in time (frozen on or before their use-by),
 * whose use-by stops counting. Cold-smoked or gravad fish keeps its use-by even frozen.
 * Bags report the earliest of these over their contents.
 *
 * @example effectiveUseBy({ category: 'meat', temperatureClass: 'frozen', dateKind: 'use_by',
 *   date: '2026-03-29', frozenOn: '2026-03-29' }) // null
 */
export function effectiveUseBy(
  lot: Pick<StockLot, 'category' | 'temperatureClass' | 'dateKind' | 'date' | 'frozenOn'>,
): LocalDate | null {
  if (lot.dateKind !== 'use_by' || lot.date === null) return null;
  if (lot.category === 'smoked_fish') return lot.date;
  return isFrozenInTime(lot) ? null : lot.date;
}

/**
 * Whether a lot may go into a bag on `onDate`: not on hold, with stock, not past an
 * effective use-by (see {@link effectiveUseBy}), and, if past its best-before date, only
 * after a passed check recorded on or after that date. Both dates are inclusive: food is
 * packable on its use-by or best-before day itself.
 *
 * @example packability({ ...lot, dateKind: 'best_before', date: '2026-03-28', passedCheckOn: null }, '2026-03-29')
 *   // { ok: false, rule: 'best_before_unchecked', ... }
 */
export function packability(lot: StockLot, onDate: LocalDate): Verdict {
  if (lot.onHold) return { ok: false, rule: 'on_hold', message: 'the lot is on hold for review' };
  if (lot.stockG <= 0) return { ok: false, rule: 'no_stock', message: 'the lot has no stock left' };
  const useBy = effectiveUseBy(lot);
  if (useBy !== null && onDate > useBy) {
    return lot.category === 'smoked_fish'
      ? { ok: false, rule: 'smoked_fish_past_use_by', message: `cold-smoked or gravad fish past its use-by date ${useBy} never goes into a bag, even frozen` }
      : { ok: false, rule: 'use_by_past', message: `use-by date ${useBy} is past` };
  }
  if (lot.dateKind === 'best_before' && lot.date !== null && onDate > lot.date) {
    if (lot.passedCheckOn === null || lot.passedCheckOn < lot.date) {
      return { ok: false, rule: 'best_before_unchecked', message: `past best-before ${lot.date}: needs a passed check recorded on or after that date` };
    }
  }
  return OK;
}

function receiptTooWarm(temperatureClass: TemperatureClass, celsius: number): boolean {
  if (temperatureClass === 'chilled') return celsius > CHILLED_MAX_C;
  if (temperatureClass === 'frozen') return celsius > FROZEN_MAX_C;
  return false;
}

function isFrozenInTime(lot: Pick<StockLot, 'temperatureClass' | 'date' | 'frozenOn'>): boolean {
  return lot.temperatureClass === 'frozen' && lot.frozenOn !== null && lot.date !== null && lot.frozenOn <= lot.date;
}
