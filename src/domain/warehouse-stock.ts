/**
 * Small warehouse rules the shell needs beside food-safety, FEFO and packing: what state a
 * lot is in, whether a storage unit has room, how a stored lot looks to the packing rules,
 * and what counts as "expiring soon". Pure: dates and instants are arguments.
 */
import { addDays, localDate, type LocalDate } from './dates.ts';
import type { FefoLot } from './fefo.ts';
import { bestBeforeLimit, DEFAULT_FOOD_POLICY, effectiveUseBy, type FoodPolicy, frozenShelfEnd, type StockLot } from './food-safety.ts';

export type LotStatus = 'in_stock' | 'on_hold' | 'depleted' | 'recalled';

/**
 * A stored lot as the warehouse rules see it (a row of `lots`, grams inside): the packing
 * rules' view of a lot, with the row's own check date in place of `passedCheckOn`.
 */
export type StoredLot = Omit<StockLot, 'passedCheckOn'> & {
  id: string;
  checkedOn: LocalDate | null;
  receivedAt: Date;
};

/**
 * The status clients filter by: a lot a recall took is `recalled` (for good); a lot without
 * stock is `depleted` whatever else is true (nothing is left to hold), otherwise `on_hold`
 * while held for review, else `in_stock`.
 *
 * @example lotStatus({ stockG: 0, onHold: true }) // 'depleted'
 * @example lotStatus({ stockG: 0, onHold: false, recallId: 'r1' }) // 'recalled'
 */
export function lotStatus(lot: { stockG: number; onHold: boolean; recallId?: string | null }): LotStatus {
  if (lot.recallId) return 'recalled';
  if (lot.stockG <= 0) return 'depleted';
  return lot.onHold ? 'on_hold' : 'in_stock';
}

/**
 * Whether `addG` more grams fit a unit holding `stockG` of `capacityG`. Filling a unit
 * exactly to its capacity is allowed; the refusal carries the free grams so the answer can
 * tell the volunteer how much still fits (never negative, even for an overfull unit).
 *
 * @example roomFor(1_500_000, 1_499_000, 1_000) // { ok: true }
 * @example roomFor(1_500_000, 1_499_000, 1_001) // { ok: false, freeG: 1000 }
 */
export function roomFor(capacityG: number, stockG: number, addG: number): { ok: true } | { ok: false; freeG: number } {
  return stockG + addG <= capacityG ? { ok: true } : { ok: false, freeG: Math.max(0, capacityG - stockG) };
}

/**
 * The lot as FEFO and the packing rules see it. A lot received frozen counts as frozen on
 * the day it arrived (it was frozen by then), which is what lets frozen meat with a use-by
 * date be handed out later; a lot frozen here keeps the date its freeze recorded.
 *
 * @example packingView({ ...lot, temperatureClass: 'frozen', frozenOn: null,
 *   receivedAt: new Date('2026-03-02T08:00:00Z') }).frozenOn // '2026-03-02'
 */
export function packingView(lot: StoredLot): FefoLot {
  const frozenOn = lot.frozenOn ?? (lot.temperatureClass === 'frozen' ? localDate(lot.receivedAt) : null);
  return {
    id: lot.id,
    category: lot.category,
    temperatureClass: lot.temperatureClass,
    dateKind: lot.dateKind,
    date: lot.date,
    onHold: lot.onHold,
    stockG: lot.stockG,
    frozenOn,
    passedCheckOn: lot.checkedOn,
    receivedAt: lot.receivedAt,
  };
}

/**
 * The date that makes a lot "expiring soon", or null: the earliest of its effective use-by
 * (frozen-in-time lots have none), its best-before date, and the end of the frozen shelf life
 * of food frozen from chilled (see `frozenShelfEnd`). Best-before food is not refused after
 * the date, but it needs a check then, so the warehouse wants to see it coming.
 *
 * @example expiryDate({ ...lot, dateKind: 'best_before', date: '2026-03-30' }) // '2026-03-30'
 */
export function expiryDate(lot: StoredLot, policy: FoodPolicy = DEFAULT_FOOD_POLICY): LocalDate | null {
  const view = packingView(lot);
  const dates = [lot.dateKind === 'best_before' ? lot.date : effectiveUseBy(view), frozenShelfEnd(view, policy)];
  return dates.reduce<LocalDate | null>((a, d) => (d !== null && (a === null || d < a) ? d : a), null);
}

/**
 * Whether a lot with stock expires from `today` to `today + days` inclusive (the "next 2
 * days" of the stock view). Dates already past are not "expiring": they are expired, and
 * other rules keep them out of bags.
 *
 * @example isExpiringSoon({ ...lot, dateKind: 'use_by', date: '2026-03-31' }, '2026-03-29') // true
 */
export function isExpiringSoon(lot: StoredLot, today: LocalDate, days = 2, policy: FoodPolicy = DEFAULT_FOOD_POLICY): boolean {
  if (lot.stockG <= 0) return false;
  const date = expiryDate(lot, policy);
  return date !== null && date >= today && date <= addDays(today, days);
}

/**
 * Whether a lot waits for a best-before check before it can be packed: it has stock, its
 * best-before date is past on `today`, and it has no passed check on or after that date, or
 * that check is older than `policy.bestBeforeCheckDays`. Eggs and lots past their
 * `bestBeforeLimit` are left out: no check unlocks them, they are discarded.
 *
 * @example needsBestBeforeCheck({ ...bread, dateKind: 'best_before', date: '2026-03-27', checkedOn: null }, '2026-03-29') // true
 */
export function needsBestBeforeCheck(lot: StoredLot, today: LocalDate, policy: FoodPolicy = DEFAULT_FOOD_POLICY): boolean {
  if (lot.stockG <= 0 || lot.dateKind !== 'best_before' || lot.date === null || today <= lot.date || lot.category === 'eggs') return false;
  const limit = bestBeforeLimit(lot);
  if (limit !== null && today > limit) return false;
  return lot.checkedOn === null || lot.checkedOn < lot.date || today > addDays(lot.checkedOn, policy.bestBeforeCheckDays);
}
