/**
 * The food-safety rules of DESIGN.md ("Domain and rules" and "Cold chain all the way to the
 * household"), after the Finnish Food Authority's guidance on food aid (Ruokavirasto
 * *Ruoka-apuohje* 931/04.02.00.01/2022), EU 2021/382, EU 2021/1374 and the hygiene decree
 * MMMa 318/2021, as pure predicates. A failed rule is a
 * {@link Violation} with a stable `rule` code the HTTP layer puts in its 422/409 answer,
 * and a message a warehouse volunteer can act on.
 */
import { type Category, type DateKind, type TemperatureClass, USUAL_CLASS, coldness } from './categories.ts';
import { addDays, isValidLocalDate, type LocalDate } from './dates.ts';
import { MAX_INTAKE_LINE_G } from './weight.ts';
import type { Text } from '../i18n/messages.ts';

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
  | 'receipt_celsius_missing'
  | 'invalid_temperature'
  | 'frozen_on_not_frozen'
  | 'frozen_on_in_future'
  | 'frozen_after_use_by'
  | 'unit_class_mismatch'
  | 'freeze_not_chilled'
  | 'freeze_after_use_by'
  | 'on_hold'
  | 'no_stock'
  | 'best_before_unchecked'
  | 'best_before_check_expired'
  | 'eggs_past_best_before'
  | 'frozen_shelf_life_over';

/** `message` is a catalogue text: the HTTP layer puts it into the caller's language. */
export type Violation = { rule: SafetyRule; message: Text };
/** The answer of every rule: fine, or the first rule broken. */
export type Verdict = { ok: true } | ({ ok: false } & Violation);

/** One line of an intake, in grams (the edge converted kg with `kgToGrams`). */
export type IntakeLine = {
  category: Category;
  weightG: number;
  temperatureClass: TemperatureClass;
  dateKind: DateKind;
  date?: LocalDate | null;
  /** Measured at receipt, °C; required on chilled and frozen lines. */
  receiptCelsius?: number | null;
  /** The donor's freezing date, on a frozen line (EU 2021/1374: frozen on or before its use-by). */
  frozenOn?: LocalDate | null;
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

/**
 * Storage limits, °C, from the hygiene decree MMMa 318/2021 (Maa- ja metsätalousministeriön
 * asetus elintarvikehygieniasta), its annex on the storage temperatures of perishable food
 * (the same figures as its predecessor MMMa 1367/2011): minced meat at most +4 °C; fresh
 * fishery products, raw fish preparations and vacuum or gas packed processed fishery
 * products (cold-smoked, gravad) 0…+3 °C; other perishable food at most +6 °C; frozen food
 * −18 °C or colder, with a brief rise to −15 °C allowed in storage and transport.
 */
export const CHILLED_MAX_C = 6;
/** `fish` and `smoked_fish`: MMMa 318/2021, fishery products 0…+3 °C. */
export const FISH_MAX_C = 3;
/** `minced_meat` (minced meat, raw meat preparations): MMMa 318/2021, at most +4 °C. */
export const MINCED_MEAT_MAX_C = 4;
/** Above this a frozen unit is in excursion at once, °C (MMMa 318/2021: brief rise to −15 °C). */
export const FROZEN_MAX_C = -15;
/** Frozen food belongs at −18 °C or colder (MMMa 318/2021); warmer is a warning, and an excursion after 24 h. */
export const FROZEN_TARGET_C = -18;

/**
 * The network's food-safety settings. `frozenShelfDays`: how long a lot frozen from chilled
 * (by the donor or by `freeze`) may be handed out after its freezing date. No figure is given
 * in Ruokavirasto's *Ruoka-apuohje* or on its page "Ruoka-apu ja hävikkiruoka" (they say:
 * freeze by the use-by date, mark the freezing date, hand out frozen); the default 60 days
 * follows the proposal of the Finnish Grocery Trade Association (PTY) for frozen food aid,
 * as DESIGN.md records it. `bestBeforeCheckDays`: a passed best-before check (package intact,
 * look, smell) is good for this many days after the day it was done, then it is redone.
 */
export type FoodPolicy = { frozenShelfDays: number; bestBeforeCheckDays: number };
export const FROZEN_SHELF_DAYS = 60;
export const BEST_BEFORE_CHECK_DAYS = 7;
export const DEFAULT_FOOD_POLICY: FoodPolicy = Object.freeze({ frozenShelfDays: FROZEN_SHELF_DAYS, bestBeforeCheckDays: BEST_BEFORE_CHECK_DAYS });

/**
 * The warmest a chilled lot of `category` may be kept, °C (see {@link CHILLED_MAX_C}).
 *
 * @example chilledMaxC('smoked_fish') // 3; chilledMaxC('minced_meat') // 4; chilledMaxC('dairy') // 6
 */
export function chilledMaxC(category: Category): number {
  if (category === 'fish' || category === 'smoked_fish') return FISH_MAX_C;
  if (category === 'minced_meat') return MINCED_MEAT_MAX_C;
  return CHILLED_MAX_C;
}

/**
 * The warmest a lot may be kept, °C, or null when no limit applies (ambient food).
 *
 * @example maxCelsius({ category: 'fish', temperatureClass: 'chilled' }) // 3
 * @example maxCelsius({ category: 'fish', temperatureClass: 'frozen' }) // -15
 */
export function maxCelsius(lot: { category: Category; temperatureClass: TemperatureClass }): number | null {
  if (lot.temperatureClass === 'chilled') return chilledMaxC(lot.category);
  if (lot.temperatureClass === 'frozen') return FROZEN_MAX_C;
  return null;
}

const OK: Verdict = { ok: true };

/**
 * Every rule an intake line breaks, in a fixed order (the line itself, its date, its
 * temperature, its unit), so a form can show them all at once. Empty means the line may
 * become a lot. A use-by date equal to the day is still fine: it may be eaten that day.
 * The use-by date is held against the later of `today` (the server's day) and `receivedOn`
 * (the intake's day), so a backdated intake cannot bring food past its use-by into stock.
 * A frozen line with the donor's `frozenOn` on or before its use-by is accepted after that
 * date (EU 2021/1374 lets shops freeze meat on its use-by), except cold-smoked or gravad fish.
 * Food past its best-before comes in (it is checked before packing), except eggs: no check
 * unlocks them, so eggs past best-before (against the same day as use-by) are refused at the door.
 *
 * @example intakeLineViolations({ category: 'dairy', weightG: 12_000, temperatureClass: 'chilled',
 *   dateKind: 'use_by', date: '2026-03-28', receiptCelsius: 4 }, { today: '2026-03-29', unitClass: 'chilled' })
 *   // [{ rule: 'use_by_past', message: ... }]
 */
export function intakeLineViolations(
  line: IntakeLine,
  ctx: { today: LocalDate; receivedOn?: LocalDate; unitClass: TemperatureClass },
): Violation[] {
  const found: Violation[] = [];
  const add = (rule: SafetyRule, message: Text) => found.push({ rule, message });

  if (!Number.isSafeInteger(line.weightG)) {
    add('invalid_weight', (m) => m.wholeGrams());
  } else if (line.weightG <= 0) {
    add('non_positive_kg', (m) => m.nonPositiveKg());
  } else if (line.weightG > MAX_INTAKE_LINE_G) {
    add('line_too_heavy', (m) => m.lineTooHeavy(MAX_INTAKE_LINE_G / 1000));
  }

  const date = line.date ?? null;
  const frozenOn = line.frozenOn ?? null;
  const reference = ctx.receivedOn !== undefined && ctx.receivedOn > ctx.today ? ctx.receivedOn : ctx.today;
  const frozenInTime = line.temperatureClass === 'frozen' && frozenOn !== null && date !== null && frozenOn <= date;
  if (line.dateKind === 'none') {
    if (date !== null) add('date_unexpected', (m) => m.dateUnexpected());
  } else if (date === null) {
    add('date_missing', (m) => m.dateMissing(line.dateKind));
  } else if (!isValidLocalDate(date)) {
    add('date_invalid', (m) => m.dateInvalid(date));
  } else if (line.dateKind === 'use_by' && date < reference) {
    if (line.category === 'smoked_fish') {
      add('smoked_fish_past_use_by', (m) => m.smokedFishPastUseByIntake(date));
    } else if (!frozenInTime) {
      add('use_by_past', (m) => m.useByPastIntake(date));
    }
  } else if (line.dateKind === 'best_before' && line.category === 'eggs' && date < reference) {
    // No check unlocks eggs past best-before (see `packability`): taken in, they could only be discarded.
    add('eggs_past_best_before', (m) => m.eggsPastBestBeforeIntake(date));
  }
  if (frozenOn !== null) {
    if (!isValidLocalDate(frozenOn)) add('date_invalid', (m) => m.dateInvalid(frozenOn));
    else if (line.temperatureClass !== 'frozen') add('frozen_on_not_frozen', (m) => m.frozenOnNotFrozen());
    else if (frozenOn > ctx.today) add('frozen_on_in_future', (m) => m.frozenOnInFuture(frozenOn));
    else if (line.dateKind === 'use_by' && date !== null && isValidLocalDate(date) && frozenOn > date) {
      add('frozen_after_use_by', (m) => m.frozenAfterUseBy(frozenOn, date));
    }
  }

  const usual = USUAL_CLASS[line.category];
  if (coldness(line.temperatureClass) < coldness(usual)) {
    add('class_warmer_than_category', (m) => m.classWarmerThanCategory(line.category, usual, line.temperatureClass));
  }
  const celsius = line.receiptCelsius ?? null;
  const limit = maxCelsius(line);
  if (celsius === null) {
    if (limit !== null) add('receipt_celsius_missing', (m) => m.receiptCelsiusMissing(line.temperatureClass));
  } else if (!Number.isFinite(celsius)) {
    add('invalid_temperature', (m) => m.invalidTemperature());
  } else if (limit !== null && celsius > limit) {
    add('receipt_too_warm', (m) => m.receiptTooWarm(line.temperatureClass, line.category, celsius, limit));
  }

  if (ctx.unitClass !== line.temperatureClass) {
    add('unit_class_mismatch', (m) => m.unitClassMismatch(line.temperatureClass, ctx.unitClass));
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
export function checkIntakeLine(line: IntakeLine, ctx: { today: LocalDate; receivedOn?: LocalDate; unitClass: TemperatureClass }): Verdict {
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
    return { ok: false, rule: 'freeze_not_chilled', message: (m) => m.freezeNotChilled(lot.temperatureClass) };
  }
  if (lot.dateKind === 'use_by' && lot.date !== null && ctx.today > lot.date) {
    return { ok: false, rule: 'freeze_after_use_by', message: (m) => m.freezeAfterUseBy(lot.date!) };
  }
  if (ctx.unitClass !== 'frozen') {
    return { ok: false, rule: 'unit_class_mismatch', message: (m) => m.frozenLotWrongUnit(ctx.unitClass) };
  }
  return { ok: true, frozenOn: ctx.today };
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
 * The last day a lot frozen from chilled food may be handed out, or null for other lots:
 * `frozenOn + frozenShelfDays` (see {@link FoodPolicy}). Food that is frozen by nature
 * (category `frozen`) carries its own best-before instead.
 *
 * @example frozenShelfEnd({ category: 'dairy', temperatureClass: 'frozen', frozenOn: '2026-03-01' }) // '2026-04-30'
 */
export function frozenShelfEnd(
  lot: Pick<StockLot, 'category' | 'temperatureClass' | 'frozenOn'>,
  policy: FoodPolicy = DEFAULT_FOOD_POLICY,
): LocalDate | null {
  if (lot.temperatureClass !== 'frozen' || lot.frozenOn === null || USUAL_CLASS[lot.category] !== 'chilled') return null;
  return addDays(lot.frozenOn, policy.frozenShelfDays);
}

/**
 * Whether a lot may go into a bag on `onDate`: not on hold, with stock, not past an
 * effective use-by (see {@link effectiveUseBy}), not past the frozen shelf life of food
 * frozen from chilled (see {@link frozenShelfEnd}), and, if past its best-before date, only
 * with a passed check recorded on or after that date and not older than
 * `policy.bestBeforeCheckDays`. Eggs are never packed after their best-before: no check
 * unlocks them. All dates are inclusive: food is packable on the day itself.
 *
 * @example packability({ ...lot, dateKind: 'best_before', date: '2026-03-28', passedCheckOn: null }, '2026-03-29')
 *   // { ok: false, rule: 'best_before_unchecked', ... }
 */
export function packability(lot: StockLot, onDate: LocalDate, policy: FoodPolicy = DEFAULT_FOOD_POLICY): Verdict {
  if (lot.onHold) return { ok: false, rule: 'on_hold', message: (m) => m.lotOnHold() };
  if (lot.stockG <= 0) return { ok: false, rule: 'no_stock', message: (m) => m.lotNoStock() };
  const useBy = effectiveUseBy(lot);
  if (useBy !== null && onDate > useBy) {
    return lot.category === 'smoked_fish'
      ? { ok: false, rule: 'smoked_fish_past_use_by', message: (m) => m.smokedFishPastUseBy(useBy) }
      : { ok: false, rule: 'use_by_past', message: (m) => m.useByPast(useBy) };
  }
  const shelfEnd = frozenShelfEnd(lot, policy);
  if (shelfEnd !== null && onDate > shelfEnd) {
    return { ok: false, rule: 'frozen_shelf_life_over', message: (m) => m.frozenShelfLifeOver(lot.frozenOn!, shelfEnd) };
  }
  if (lot.dateKind === 'best_before' && lot.date !== null && onDate > lot.date) {
    if (lot.category === 'eggs') {
      return { ok: false, rule: 'eggs_past_best_before', message: (m) => m.eggsPastBestBefore(lot.date!) };
    }
    if (lot.passedCheckOn === null || lot.passedCheckOn < lot.date) {
      return { ok: false, rule: 'best_before_unchecked', message: (m) => m.bestBeforeUnchecked(lot.date!) };
    }
    if (onDate > addDays(lot.passedCheckOn, policy.bestBeforeCheckDays)) {
      return {
        ok: false, rule: 'best_before_check_expired',
        message: (m) => m.bestBeforeCheckExpired(lot.passedCheckOn!, policy.bestBeforeCheckDays),
      };
    }
  }
  return OK;
}

function isFrozenInTime(lot: Pick<StockLot, 'temperatureClass' | 'date' | 'frozenOn'>): boolean {
  return lot.temperatureClass === 'frozen' && lot.frozenOn !== null && lot.date !== null && lot.frozenOn <= lot.date;
}
