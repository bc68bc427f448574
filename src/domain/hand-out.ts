/**
 * The day a packed bag may be handed out until (`handOutBy`): the earliest limit of what is
 * in it. A sealed bag cannot be checked again, so every limit the lot rules apply later
 * (use-by, frozen shelf life, an expiring best-before check) is fixed into the bag when it is
 * packed, and reservations, loading and deliveries go by this one date.
 */
import type { Category, DateKind, TemperatureClass } from './categories.ts';
import { addDays, type LocalDate } from './dates.ts';
import { bestBeforeLimit, DEFAULT_FOOD_POLICY, effectiveUseBy, type FoodPolicy, frozenShelfEnd } from './food-safety.ts';

/**
 * How many days after receipt undated food may be handed out, by category. The sources give no
 * figure (Ruoka-apuohje 931/04.02.00.01/2022 only asks that food has enough shelf life left to
 * be transported and handed out within it), so these are Kassi's decisions:
 * - `bread` 2: unpackaged bakery bread carries no date; shops donate it at the end of its sale
 *   day, and it stays good for the next day's distribution, not for a week.
 * - `fruit_veg` 4: loose produce donated is already at the end of its shelf life in the shop;
 *   four days covers the next distribution day of a point that distributes twice a week.
 * - `dairy`, `eggs` 2: these are dated by law (1169/2011, 2022/2258); an undated one is an
 *   unlabelled leftover and goes out at once.
 * - `meat`, `minced_meat`, `fish`, `smoked_fish`, `ready_meals` 1: perishable by nature and
 *   dated by law; an undated one (entered before use-by was required) goes out the next day.
 * - `dry_goods` 180: dry food without a date (flour, rice, pasta repacked) keeps for months.
 * - `frozen` and any lot kept frozen: the frozen shelf life (`FoodPolicy.frozenShelfDays`).
 * - `non_food` null: soap and the like have no hand-out limit.
 */
export const UNDATED_SHELF_DAYS: Readonly<Record<Category, number | null>> = {
  bread: 2,
  fruit_veg: 4,
  dairy: 2,
  eggs: 2,
  meat: 1,
  minced_meat: 1,
  fish: 1,
  smoked_fish: 1,
  ready_meals: 1,
  dry_goods: 180,
  frozen: null,
  non_food: null,
};

/**
 * A lot as the hand-out rules see it. `frozenOn`: when it was frozen (the freeze, or receipt
 * for a lot received frozen); `passedCheckOn`: the latest passed best-before check;
 * `receivedOn`: the local day it was received.
 */
export type HandOutLot = {
  category: Category;
  temperatureClass: TemperatureClass;
  dateKind: DateKind;
  date: LocalDate | null;
  frozenOn: LocalDate | null;
  passedCheckOn: LocalDate | null;
  receivedOn: LocalDate;
};

/**
 * The last day a lot packed on `packedOn` may be handed out from a bag, or null when nothing
 * limits it (non-food). The earliest of:
 * - its use-by, unless it was frozen in time (cold-smoked or gravad fish keep theirs frozen);
 * - `frozenOn + frozenShelfDays` for food frozen from chilled;
 * - for best-before food: past its date at packing, the passed check's expiry
 *   (`passedCheckOn + bestBeforeCheckDays`) and never past its `bestBeforeLimit`; not yet past, the best-before itself, since nobody
 *   checks it again inside the sealed bag (eggs: never past their best-before, 2022/2258);
 * - for undated food, its shelf life from receipt ({@link UNDATED_SHELF_DAYS}), or the frozen
 *   shelf life for undated food kept frozen.
 *
 * @example lotHandOutBy({ category: 'dairy', temperatureClass: 'chilled', dateKind: 'use_by', date: '2026-12-08',
 *   frozenOn: null, passedCheckOn: null, receivedOn: '2026-12-05' }, '2026-12-06') // '2026-12-08'
 */
export function lotHandOutBy(lot: HandOutLot, packedOn: LocalDate, policy: FoodPolicy = DEFAULT_FOOD_POLICY): LocalDate | null {
  const limits: (LocalDate | null)[] = [effectiveUseBy(lot), frozenShelfEnd(lot, policy)];
  if (lot.dateKind === 'best_before' && lot.date !== null) {
    const past = packedOn > lot.date && lot.category !== 'eggs';
    limits.push(past ? addDays(lot.passedCheckOn ?? lot.date, policy.bestBeforeCheckDays) : lot.date, past ? bestBeforeLimit(lot) : null);
  }
  if (lot.dateKind === 'none') {
    if (lot.temperatureClass === 'frozen' || lot.category === 'frozen') {
      limits.push(addDays(lot.frozenOn ?? lot.receivedOn, policy.frozenShelfDays));
    } else {
      const days = UNDATED_SHELF_DAYS[lot.category];
      if (days !== null) limits.push(addDays(lot.receivedOn, days));
    }
  }
  return earliest(limits);
}

/**
 * A bag's `handOutBy`: the earliest {@link lotHandOutBy} over its contents, or null when no
 * content limits it (a hygiene bag).
 *
 * @example bagHandOutBy([milkUseBy8Dec, breadReceived6Dec], '2026-12-06') // '2026-12-08'
 */
export function bagHandOutBy(contents: readonly HandOutLot[], packedOn: LocalDate, policy: FoodPolicy = DEFAULT_FOOD_POLICY): LocalDate | null {
  return earliest(contents.map((lot) => lotHandOutBy(lot, packedOn, policy)));
}

/**
 * Whether a bag may still be handed out on `day` (the delivery's local day). The hand-out day
 * itself is fine; a bag without a limit always is.
 *
 * @example mayHandOut({ handOutBy: '2026-12-08' }, '2026-12-08') // true; ... '2026-12-09' // false
 */
export function mayHandOut(bag: { handOutBy: LocalDate | null }, day: LocalDate): boolean {
  return bag.handOutBy === null || bag.handOutBy >= day;
}

function earliest(dates: readonly (LocalDate | null)[]): LocalDate | null {
  let out: LocalDate | null = null;
  for (const d of dates) if (d !== null && (out === null || d < out)) out = d;
  return out;
}
