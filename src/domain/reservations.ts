/**
 * The rules of reserving, dispatching and delivering bags: which state changes exist, when
 * a point lead may still change a day's reservations, how a per-point daily cap is counted,
 * and how a delivered count splits over a stop's reservations and bags. Pure: the clock and
 * every row come in as arguments.
 */
import { type LocalDate, localDate, PLANNING_CUTOFF_TIME, planningCutoff, weekdayOf, type Weekday } from './dates.ts';
import type { Text } from '../i18n/messages.ts';
import type { TemperatureClass } from './categories.ts';
import { returnedBag } from './cold-chain.ts';
import { mayHandOut } from './hand-out.ts';

export const BAG_STATUSES = ['in_stock', 'reserved', 'dispatched', 'delivered', 'discarded', 'held', 'recalled'] as const;
export type BagStatus = (typeof BAG_STATUSES)[number];

export const RESERVATION_STATUSES = ['held', 'dispatched', 'delivered', 'cancelled'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Largest number of bags one reservation may ask for. */
export const MAX_BAGS_PER_RESERVATION = 1000;

/**
 * Every legal bag transition; anything absent is refused. A bag moves forward
 * `in_stock → reserved → dispatched → delivered`; a cancel puts a reserved bag back in stock,
 * a short delivery puts a dispatched one back (or discards it); any bag not yet delivered
 * may be discarded. An excursion holds a bag waiting at the depot (`held`: never reserved,
 * loaded or delivered) until it is released back to stock or its reservation, or discarded; a
 * recall takes a bag in stock, reserved or held out for good (`recalled`). Delivered, discarded
 * and recalled are final.
 */
export const BAG_TRANSITIONS: Readonly<Record<BagStatus, readonly BagStatus[]>> = {
  in_stock: ['reserved', 'discarded', 'held', 'recalled'],
  reserved: ['in_stock', 'dispatched', 'discarded', 'held', 'recalled'],
  dispatched: ['delivered', 'in_stock', 'discarded'],
  delivered: [],
  discarded: [],
  held: ['in_stock', 'reserved', 'discarded', 'recalled'],
  recalled: [],
};

/**
 * Every legal reservation transition. A held reservation is cancelled or dispatched; a
 * dispatched one is delivered (possibly with fewer bags, even none). Nothing leaves
 * `delivered` or `cancelled`.
 */
export const RESERVATION_TRANSITIONS: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  held: ['cancelled', 'dispatched'],
  dispatched: ['delivered'],
  delivered: [],
  cancelled: [],
};

/**
 * Whether a bag may go from one state to another.
 *
 * @example canMoveBag('reserved', 'dispatched') // true; canMoveBag('delivered', 'in_stock') // false
 */
export function canMoveBag(from: BagStatus, to: BagStatus): boolean {
  return BAG_TRANSITIONS[from].includes(to);
}

/**
 * Whether a reservation may go from one state to another.
 *
 * @example canMoveReservation('held', 'cancelled') // true; canMoveReservation('delivered', 'cancelled') // false
 */
export function canMoveReservation(from: ReservationStatus, to: ReservationStatus): boolean {
  return RESERVATION_TRANSITIONS[from].includes(to);
}

export type ReservationRefusal = {
  ok: false;
  rule: 'date_in_past' | 'not_a_distribution_day' | 'after_planning_cutoff';
  message: Text;
};
export type Verdict = { ok: true } | ReservationRefusal;

/**
 * Whether a change (a new reservation or a cancel) for `date` may be made now. The date may
 * not be in the past (Helsinki calendar). After the planning cut-off — 18:00 local the
 * evening before, when the night's route plan is built — only a coordinator may change the
 * day, because the plan already counts on it.
 *
 * @example checkChangeWindow({ date: '2026-03-03', now: new Date('2026-03-02T17:00:00Z'), coordinator: false })
 * // { ok: false, rule: 'after_planning_cutoff', ... } (19:00 in Helsinki on the evening before)
 */
export function checkChangeWindow(input: { date: LocalDate; now: Date; coordinator: boolean }): Verdict {
  const today = localDate(input.now);
  if (input.date < today) {
    return { ok: false, rule: 'date_in_past', message: (m) => m.dateInPast(input.date, today) };
  }
  if (!input.coordinator && input.now.getTime() >= planningCutoff(input.date).getTime()) {
    return {
      ok: false,
      rule: 'after_planning_cutoff',
      message: (m) => m.afterPlanningCutoff(input.date, PLANNING_CUTOFF_TIME),
    };
  }
  return { ok: true };
}

/**
 * Whether `date` is one of a point's distribution days (by weekday).
 *
 * @example isDistributionDay('2026-03-03', ['tue']) // true (a Tuesday)
 */
export function isDistributionDay(date: LocalDate, weekdays: readonly Weekday[]): boolean {
  return weekdays.includes(weekdayOf(date));
}

/**
 * The full check of a new reservation's date: a distribution day, not past, and within the
 * change window for the caller.
 *
 * @example checkReservationDate({ date: '2026-03-04', weekdays: ['tue'], now, coordinator: true })
 * // { ok: false, rule: 'not_a_distribution_day', ... }
 */
export function checkReservationDate(input: { date: LocalDate; weekdays: readonly Weekday[]; now: Date; coordinator: boolean }): Verdict {
  const window = checkChangeWindow(input);
  if (!window.ok && window.rule === 'date_in_past') return window;
  if (!isDistributionDay(input.date, input.weekdays)) {
    return {
      ok: false,
      rule: 'not_a_distribution_day',
      message: (m) => m.notADistributionDay(input.date, weekdayOf(input.date), input.weekdays),
    };
  }
  return window;
}

/**
 * What is left of a point's daily cap for one bag type: the cap minus the bags of the
 * point's other non-cancelled reservations of that type for that day, never below 0.
 * `null` when no cap applies.
 *
 * @example remainingCap(10, [3, 4]) // 3; remainingCap(null, [50]) // null
 */
export function remainingCap(bagsPerDay: number | null, reservedThatDay: readonly number[]): number | null {
  if (bagsPerDay === null) return null;
  const used = reservedThatDay.reduce((a, b) => a + b, 0);
  return Math.max(0, bagsPerDay - used);
}

/**
 * Whether `requested` bags fit under the cap (always, when there is none).
 *
 * @example fitsCap(3, 3) // true; fitsCap(4, 3) // false; fitsCap(500, null) // true
 */
export function fitsCap(requested: number, remaining: number | null): boolean {
  return remaining === null || requested <= remaining;
}

export type DeliverableReservation = { id: string; bags: number };

/**
 * Splits a stop's delivered count over its reservations, in the order given: each takes as
 * many as it has until the count runs out. A stop may carry several reservations (bag
 * types) of one point while the driver reports one number.
 *
 * @example splitDelivered([{ id: 'a', bags: 3 }, { id: 'b', bags: 2 }], 4) // Map { a → 3, b → 1 }
 */
export function splitDelivered(reservations: readonly DeliverableReservation[], bagsDelivered: number): Map<string, number> {
  const total = reservations.reduce((a, r) => a + r.bags, 0);
  if (!Number.isSafeInteger(bagsDelivered) || bagsDelivered < 0 || bagsDelivered > total) {
    throw new RangeError(`bagsDelivered must be a whole number from 0 to ${total}: ${bagsDelivered}`);
  }
  const out = new Map<string, number>();
  let left = bagsDelivered;
  for (const r of reservations) {
    const take = Math.min(r.bags, left);
    out.set(r.id, take);
    left -= take;
  }
  return out;
}

/** A dispatched bag: `handOutBy` is the last day it may be handed out (null: no limit). */
export type DispatchedBag = { id: string; handOutBy: LocalDate | null; temperatureClass?: TemperatureClass };
export type BagOutcome = { id: string; to: 'delivered' | 'in_stock' | 'discarded'; reason: string | null };

/**
 * What happens to each dispatched bag of a reservation when `delivered` of them reached the
 * point on `today` (the delivery's local day). Only bags that may still be handed out that day
 * are delivered (`mayHandOut`; more is a `RangeError`, the service answers 422 first), and of
 * those the ones that expire first (they would be the first to spoil in the warehouse); the
 * rest come back to stock (judged on `returnedOn`, the day they are back on the shelf, when a
 * delivery is recorded after its day; default `today`), or are discarded when asked to or
 * when their hand-out date has passed on `today` (nothing is held in stock past it). A
 * chilled or frozen bag comes back to stock only with `coldChainKept: true`, otherwise it is
 * discarded with reason `temperature` (see `returnedBag`).
 *
 * @example settleDelivery([{ id: 'a', handOutBy: '2026-03-05' }, { id: 'b', handOutBy: null }], 1, { today: '2026-03-03', returned: 'stock' })
 * // [{ id: 'a', to: 'delivered' }, { id: 'b', to: 'in_stock' }]
 */
export function settleDelivery(
  bags: readonly DispatchedBag[],
  delivered: number,
  opts: { today: LocalDate; returned: 'stock' | 'discard'; reason?: string | null; coldChainKept?: boolean; returnedOn?: LocalDate },
): BagOutcome[] {
  const handable = bags.filter((b) => mayHandOut(b, opts.today)).length;
  if (!Number.isSafeInteger(delivered) || delivered < 0 || delivered > handable) {
    throw new RangeError(`delivered must be a whole number from 0 to ${handable} (bags that may still be handed out on ${opts.today}): ${delivered}`);
  }
  // Bags that may still be handed out first (earliest date first), then those past their date.
  const order = [...bags].sort((a, b) => Number(!mayHandOut(a, opts.today)) - Number(!mayHandOut(b, opts.today))
    || byHandOutBy(a.handOutBy, b.handOutBy) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return order.map((bag, i): BagOutcome => {
    if (i < delivered) return { id: bag.id, to: 'delivered', reason: null };
    if (opts.returned === 'discard') return { id: bag.id, to: 'discarded', reason: opts.reason ?? 'returned undelivered' };
    const back = returnedBag({ temperatureClass: bag.temperatureClass ?? 'ambient', handOutBy: bag.handOutBy }, {
      today: opts.returnedOn ?? opts.today, coldChainKept: opts.coldChainKept ?? false,
    });
    return back.to === 'in_stock' ? { id: bag.id, to: 'in_stock', reason: opts.reason ?? null } : { id: bag.id, to: 'discarded', reason: back.reason };
  });
}

/** Earliest hand-out date first; bags without one last. */
function byHandOutBy(a: LocalDate | null, b: LocalDate | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
