/**
 * FEFO, first expiry first out: which lots a packing run takes when nobody names them.
 * Use-by food goes before best-before food before undated food, earliest date first,
 * then the oldest intake, then the id so that the same stock always gives the same picks.
 */
import { type BagType, bagTakes } from './categories.ts';
import type { LocalDate } from './dates.ts';
import { DEFAULT_FOOD_POLICY, type FoodPolicy, packability, type SafetyRule, type StockLot } from './food-safety.ts';

/** A lot as FEFO sees it: the packing facts plus what orders it. */
export type FefoLot = StockLot & { id: string; receivedAt: Date };
/** Grams taken from one lot. */
export type LotPick = { lotId: string; grams: number };
export type FefoPick = { picks: LotPick[]; pickedG: number; shortfallG: number };

const KIND_RANK = { use_by: 0, best_before: 1, none: 2 } as const;

/**
 * Compares two lots in FEFO order, for `Array.prototype.sort` and for callers that merge
 * sorted lists. Ties on every field fall back to the id, so the order is total.
 *
 * @example [b, a].sort(compareFefo) // a first if a's use-by is earlier
 */
export function compareFefo(a: FefoLot, b: FefoLot): number {
  return (
    KIND_RANK[a.dateKind] - KIND_RANK[b.dateKind] ||
    compareNullableLast(a.date, b.date) ||
    a.receivedAt.getTime() - b.receivedAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * Returns the lots in FEFO order as a new array; the input is left as it was.
 *
 * @example orderFefo([{ id: 'b', dateKind: 'none', ... }, { id: 'a', dateKind: 'use_by', date: '2026-03-30', ... }])
 *   // [a, b]
 */
export function orderFefo<T extends FefoLot>(lots: readonly T[]): T[] {
  return [...lots].sort(compareFefo);
}

/**
 * Picks `neededG` grams in FEFO order from the lots that a bag of `bagType` may take and
 * that are packable on `onDate`, taking from each lot at most its stock. When the stock
 * is short it takes everything usable and reports the `shortfallG`; deciding whether that
 * is acceptable is the caller's business.
 *
 * @example // lot a holds 3 kg, lot b 10 kg, a expires first:
 * pickFefo([b, a], 5_000, { onDate: '2026-03-29', bagType: 'food' })
 *   // { picks: [{ lotId: 'a', grams: 3000 }, { lotId: 'b', grams: 2000 }], pickedG: 5000, shortfallG: 0 }
 */
export function pickFefo(
  lots: readonly FefoLot[],
  neededG: number,
  opts: { onDate: LocalDate; bagType: BagType; policy?: FoodPolicy; takes?: (lot: FefoLot) => boolean },
): FefoPick {
  if (!Number.isSafeInteger(neededG) || neededG < 0) {
    throw new RangeError(`needed grams must be a non-negative integer: ${neededG}`);
  }
  const picks: LotPick[] = [];
  let remaining = neededG;
  for (const lot of orderFefo(lots)) {
    if (remaining === 0) break;
    if (!bagTakes(opts.bagType, lot.category) || (opts.takes && !opts.takes(lot))) continue;
    if (!packability(lot, opts.onDate, opts.policy).ok) continue;
    const grams = Math.min(lot.stockG, remaining);
    picks.push({ lotId: lot.id, grams });
    remaining -= grams;
  }
  return { picks, pickedG: neededG - remaining, shortfallG: remaining };
}

/** Grams a bag type could take but the rules keep out, per rule. */
export type UnusableStock = { rule: SafetyRule; grams: number }[];

/**
 * Why stock that a bag of `bagType` would take cannot be packed on `onDate`: the grams of
 * every such lot that {@link packability} refuses, summed per rule, largest first. This is
 * what a packing run that comes up short says besides "0 kg usable".
 *
 * @example unusableStock([bread12kgPastBestBefore], { onDate: '2026-03-29', bagType: 'bread' })
 *   // [{ rule: 'best_before_unchecked', grams: 12_000 }]
 */
export function unusableStock(
  lots: readonly FefoLot[],
  opts: { onDate: LocalDate; bagType: BagType; policy?: FoodPolicy },
): UnusableStock {
  const by = new Map<SafetyRule, number>();
  for (const lot of lots) {
    if (lot.stockG <= 0 || !bagTakes(opts.bagType, lot.category)) continue;
    const verdict = packability(lot, opts.onDate, opts.policy ?? DEFAULT_FOOD_POLICY);
    if (!verdict.ok) by.set(verdict.rule, (by.get(verdict.rule) ?? 0) + lot.stockG);
  }
  return [...by].map(([rule, grams]) => ({ rule, grams })).sort((a, b) => b.grams - a.grams || a.rule.localeCompare(b.rule));
}

function compareNullableLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
