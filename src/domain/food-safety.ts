/**
 * The food-safety rules (listed with their sources in docs/food-safety.md), after the Finnish
 * Food Authority's guidance on food aid (Ruokavirasto *Ruoka-apuohje* 931/04.02.00.01/2022), EU 2021/382, EU 2021/1374 and the hygiene decree
 * MMMa 318/2021, as pure predicates. A failed rule is a
 * {@link Violation} with a stable `rule` code the HTTP layer puts in its 422/409 answer,
 * and a message a warehouse volunteer can act on.
 */
import {
  type Category, type DateKind, type TemperatureClass, UNDATED_CATEGORIES, USE_BY_CATEGORIES, USUAL_CLASS, coldness,
} from './categories.ts';
import { addDays, isValidLocalDate, type LocalDate } from './dates.ts';
import { MAX_INTAKE_LINE_G, gramsToKg } from './weight.ts';
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
  | 'frozen_shelf_life_over'
  | 'use_by_required'
  | 'date_kind_required'
  | 'frozen_on_required'
  | 'best_before_too_old';

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
 * as docs/food-safety.md records it. `bestBeforeCheckDays`: a passed best-before check (package intact,
 * look, smell) is good for this many days after the day it was done, then it is redone.
 */
export type FoodPolicy = { frozenShelfDays: number; bestBeforeCheckDays: number };
export const FROZEN_SHELF_DAYS = 60;
export const BEST_BEFORE_CHECK_DAYS = 7;
export const DEFAULT_FOOD_POLICY: FoodPolicy = Object.freeze({ frozenShelfDays: FROZEN_SHELF_DAYS, bestBeforeCheckDays: BEST_BEFORE_CHECK_DAYS });

/**
 * How many days past its best-before date food may still be taken in, checked and packed, by
 * category (inclusive: on `date + days` it still may, the day after it may not). A
 * best-before is about quality, not safety, and food past it may be donated if it is checked
 * (EU 2021/382, 852/2004 Annex II ch. Va; EFSA BIOHAZ 2020, PRP 16; Ruoka-apuohje
 * 931/04.02.00.01/2022), but no Finnish or EU source gives a limit, and past some age a
 * check cannot tell: so these figures are Kassi's, after WRAP/FSA/Defra's *Surplus food
 * redistribution labelling guide* (2017, updated 2020), which gives indicative times past
 * best-before for the categories it covers, taking the cautious end where it gives a range:
 * - `bread` 7: WRAP, packed bread and bakery 2 days to 1 week, with a check for mould (the
 *   best-before check is that check).
 * - `fruit_veg` 14: WRAP, uncut fresh produce 1 day to 2 weeks; the check decides sooner.
 * - `dry_goods` 180: WRAP gives ambient packets 1 month to 3 years by kind (crisps 1 month,
 *   dried pasta 3 years); Food Banks Canada's table gives boxed or bagged food 6–12 months.
 *   Six months is the cautious end of both for a category that lumps them; a stale packet
 *   fails the check sooner.
 * - `frozen` 90: WRAP: frozen food kept frozen stays safe for months past its best-before
 *   but loses quality; three months keeps it worth handing out. Any lot kept frozen goes by
 *   this figure (see {@link bestBeforeMaxDaysPast}).
 * - `dairy` 3: WRAP does not cover chilled food, and chilled food spoils by growth, not
 *   staleness: three days covers a yoghurt or cheese donated on its date to the next
 *   distribution, no more.
 * - `eggs` 0: never past their best-before (2022/2258, 853/2004 Annex III section X).
 * - `meat`, `minced_meat`, `fish`, `smoked_fish`, `ready_meals` 0: these carry a use-by
 *   ({@link USE_BY_CATEGORIES}); one entered as best-before before that rule is never packed past it.
 * - `non_food` null: soap and the like have no food-safety limit.
 */
export const BEST_BEFORE_MAX_DAYS_PAST: Readonly<Record<Category, number | null>> = {
  bread: 7,
  fruit_veg: 14,
  dry_goods: 180,
  frozen: 90,
  dairy: 3,
  eggs: 0,
  meat: 0,
  minced_meat: 0,
  fish: 0,
  smoked_fish: 0,
  ready_meals: 0,
  non_food: null,
};

/**
 * The most days a lot may be past its best-before (see {@link BEST_BEFORE_MAX_DAYS_PAST}):
 * by its category, or by `frozen` for any lot kept frozen (frozen bread keeps like frozen
 * food), except eggs and the use-by categories, which are never past it. Null: no limit.
 *
 * @example bestBeforeMaxDaysPast({ category: 'bread', temperatureClass: 'frozen' }) // 90
 */
export function bestBeforeMaxDaysPast(lot: { category: Category; temperatureClass: TemperatureClass }): number | null {
  const own = BEST_BEFORE_MAX_DAYS_PAST[lot.category];
  if (lot.temperatureClass === 'frozen' && own !== 0) return BEST_BEFORE_MAX_DAYS_PAST.frozen;
  return own;
}

/**
 * The last day a best-before lot may be taken in, checked or packed, or null when nothing
 * limits it (not best-before, undated, or non-food).
 *
 * @example bestBeforeLimit({ category: 'dairy', temperatureClass: 'chilled', dateKind: 'best_before', date: '2026-03-10' }) // '2026-03-13'
 */
export function bestBeforeLimit(
  lot: { category: Category; temperatureClass: TemperatureClass; dateKind: DateKind; date: LocalDate | null },
): LocalDate | null {
  if (lot.dateKind !== 'best_before' || lot.date === null) return null;
  const days = bestBeforeMaxDaysPast(lot);
  return days === null ? null : addDays(lot.date, days);
}

/**
 * Whether a lot is easily perishable food (helposti pilaantuva elintarvike): food kept chilled
 * or frozen by its category or its class (MMMa 318/2021 sets storage temperatures for exactly
 * these). Bread, fruit and vegetables and dry goods kept at room temperature are not.
 *
 * @example isEasilyPerishable({ category: 'bread', temperatureClass: 'ambient' }) // false
 */
export function isEasilyPerishable(lot: { category: Category; temperatureClass: TemperatureClass }): boolean {
  return lot.temperatureClass !== 'ambient' || USUAL_CLASS[lot.category] !== 'ambient';
}

/**
 * The lots of a packing run that only a packer with a valid hygiene passport may pack:
 * unpackaged and easily perishable (Ruokavirasto's hygiene passport page: a hygiene passport
 * is required of whoever handles unpackaged, easily perishable food in a registered food
 * premises, which a food-aid depot is). Packaged food and ambient food need none.
 *
 * @example needingHygienePassport([{ id: 'a', category: 'meat', temperatureClass: 'chilled', unpackaged: true }]) // [that lot]
 */
export function needingHygienePassport<T extends { category: Category; temperatureClass: TemperatureClass; unpackaged: boolean }>(lots: readonly T[]): T[] {
  return lots.filter((l) => l.unpackaged && isEasilyPerishable(l));
}

/**
 * Whether a line of `category` received with `temperatureClass` must carry the donor's
 * freezing date: meat and fish received frozen (EU 2021/1374 amending 853/2004 Annex III
 * section I ch. VII: meat frozen for donation has its freezing date documented; Ruokavirasto,
 * "Ruoka-apu ja hävikkiruoka": the freezing date of a product frozen for food aid is marked).
 * Other chilled food received frozen is accepted without one, and its labels say the freezing
 * date is not known rather than printing the day it came in.
 *
 * @example needsFrozenOn('minced_meat', 'frozen') // true; needsFrozenOn('dairy', 'frozen') // false
 */
export function needsFrozenOn(category: Category, temperatureClass: TemperatureClass): boolean {
  return temperatureClass === 'frozen' && ['meat', 'minced_meat', 'fish', 'smoked_fish'].includes(category);
}

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
 * unlocks them, so eggs past best-before (against the same day as use-by) are refused at the door,
 * and food older than its category's {@link BEST_BEFORE_MAX_DAYS_PAST}, which could never be packed.
 * The date kind follows the category: the perishable ones need a use-by
 * ({@link USE_BY_CATEGORIES}), and only {@link UNDATED_CATEGORIES} may come undated. Meat and fish
 * received frozen need the donor's freezing date ({@link needsFrozenOn}).
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
    add('line_too_heavy', (m) => m.lineTooHeavy(gramsToKg(MAX_INTAKE_LINE_G)));
  }

  const date = line.date ?? null;
  const frozenOn = line.frozenOn ?? null;
  const reference = ctx.receivedOn !== undefined && ctx.receivedOn > ctx.today ? ctx.receivedOn : ctx.today;
  const frozenInTime = line.temperatureClass === 'frozen' && frozenOn !== null && date !== null && frozenOn <= date;
  if (USE_BY_CATEGORIES.includes(line.category) && line.dateKind !== 'use_by') {
    add('use_by_required', (m) => m.useByRequired(line.category));
  } else if (line.dateKind === 'none' && !UNDATED_CATEGORIES.includes(line.category)) {
    add('date_kind_required', (m) => m.dateKindRequired(line.category));
  }
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
  } else if (line.dateKind === 'best_before') {
    const limit = bestBeforeLimit({ ...line, date });
    if (limit !== null && limit < reference) add('best_before_too_old', (m) => m.bestBeforeTooOld(date, bestBeforeMaxDaysPast(line)!));
  }
  if (frozenOn === null && needsFrozenOn(line.category, line.temperatureClass)) {
    add('frozen_on_required', (m) => m.frozenOnRequired(line.category));
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
 * `policy.bestBeforeCheckDays`, and never past its {@link bestBeforeLimit}. Eggs are never
 * packed after their best-before: no check unlocks them. All dates are inclusive: food is
 * packable on the day itself.
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
    const limit = bestBeforeLimit(lot);
    if (limit !== null && onDate > limit) {
      return { ok: false, rule: 'best_before_too_old', message: (m) => m.bestBeforeTooOld(lot.date!, bestBeforeMaxDaysPast(lot)!) };
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
