/**
 * Which dates and instants are believable input. A year like 0049 or 9999 is a typo, not
 * a plan: the database would store it, reports would carry it for good, and JavaScript
 * reads years 0–99 as 1900–1999. These rules bound what the API accepts.
 */
import { addDays, isValidLocalDate, localDate, type LocalDate } from './dates.ts';
import type { Text } from '../i18n/messages.ts';

/** The first and last calendar days the API accepts in any field. */
export const EARLIEST_DATE: LocalDate = '2000-01-01';
export const LATEST_DATE: LocalDate = '2099-12-31';
/** How far ahead a route plan or a reservation may be made: further is a typo, not a plan. */
export const PLANNING_HORIZON_YEARS = 5;
/** How far an intake or a reading may be dated back by anyone but a coordinator. */
export const MAX_DAYS_BACK = 3;
/** How far ahead of the server clock a stated instant may be (phones' clocks drift). */
export const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

/**
 * Whether `s` is a real calendar date `YYYY-MM-DD` between EARLIEST_DATE and LATEST_DATE.
 *
 * @example isSaneDate('2026-12-01') // true; isSaneDate('0049-06-01') // false; isSaneDate('9999-12-31') // false
 */
export function isSaneDate(s: string): boolean {
  return isValidLocalDate(s) && s >= EARLIEST_DATE && s <= LATEST_DATE;
}

/**
 * Whether an instant falls on a local day between EARLIEST_DATE and LATEST_DATE.
 *
 * @example isSaneInstant(new Date('2026-12-01T08:00:00Z')) // true; isSaneInstant(new Date('0001-01-01T00:00:00Z')) // false
 */
export function isSaneInstant(at: Date): boolean {
  return !Number.isNaN(at.getTime()) && isSaneDate(localDate(at));
}

/**
 * The last day a plan or reservation may be made for: the same calendar day five years on
 * (29 February becomes 1 March).
 *
 * @example planningHorizon('2026-12-01') // '2031-12-01'; planningHorizon('2028-02-29') // '2033-03-01'
 */
export function planningHorizon(today: LocalDate): LocalDate {
  const later = `${String(Number(today.slice(0, 4)) + PLANNING_HORIZON_YEARS).padStart(4, '0')}${today.slice(4)}`;
  return isValidLocalDate(later) ? later : addDays(`${later.slice(0, 8)}28`, 1);
}

export type WindowVerdict = { ok: true } | { ok: false; message: Text };

/** The longest window a report sums over: longer is a typo, and a load the database should not take. */
export const MAX_REPORT_YEARS = 5;

/**
 * A refused `from`..`to` window: `code` and `detail` for the whole answer, `message` for the
 * field (`to`) that is wrong.
 */
export type RangeVerdict = { ok: true } | { ok: false; code: 'invalid_range' | 'range_too_long'; detail: Text; message: Text };

/**
 * Whether the local days `from`..`to` (both inclusive) make a window: `to` may equal `from` but
 * not come before it, on every route alike. With `maxYears`, `to` must also come before the same
 * calendar day that many years after `from` (29 February counts on to 1 March). Local dates
 * compare as strings.
 *
 * @example checkDateRange('2026-01-01', '2026-12-31') // { ok: true }
 * checkDateRange('2026-12-31', '2026-01-01') // { ok: false, code: 'invalid_range', … }
 * checkDateRange('2021-01-01', '2026-01-01', { maxYears: 5 }) // { ok: false, code: 'range_too_long', … }
 */
export function checkDateRange(from: LocalDate, to: LocalDate, opts: { maxYears?: number } = {}): RangeVerdict {
  if (to < from) return { ok: false, code: 'invalid_range', detail: (m) => m.invalidRange(from, to), message: (m) => m.mustNotBeBeforeFrom() };
  const years = opts.maxYears;
  if (years !== undefined && to >= `${String(Number(from.slice(0, 4)) + years).padStart(4, '0')}${from.slice(4)}`) {
    return { ok: false, code: 'range_too_long', detail: (m) => m.rangeTooLong(years, from, to), message: (m) => m.mustBeWithinYearsOfFrom(years) };
  }
  return { ok: true };
}

/**
 * Whether a plan or reservation date is within reach: not past the planning horizon.
 * Dates in the past are a business rule of their own (a reservation for yesterday is 422).
 *
 * @example checkPlanningDate('2032-01-01', '2026-12-01') // { ok: false, message: 'must be at most 2031-12-01 …' }
 */
export function checkPlanningDate(date: LocalDate, today: LocalDate): WindowVerdict {
  const horizon = planningHorizon(today);
  return date <= horizon ? { ok: true } : { ok: false, message: (m) => m.beyondHorizon(horizon, PLANNING_HORIZON_YEARS) };
}

/**
 * Whether the instant a volunteer says something happened at (an intake's `receivedAt`, a
 * reading's `at`) is believable: not ahead of the server clock beyond skew, and at most
 * MAX_DAYS_BACK days back unless the caller may backdate (a coordinator correcting records).
 *
 * @example checkStatedInstant(new Date('2026-11-01T10:00Z'), new Date('2026-12-01T10:00Z'), { mayBackdate: false })
 * // { ok: false, message: 'must be at most 3 days back …' }
 */
export function checkStatedInstant(at: Date, now: Date, opts: { mayBackdate: boolean }): WindowVerdict {
  if (at.getTime() > now.getTime() + MAX_CLOCK_SKEW_MS) return { ok: false, message: (m) => m.mustNotBeFuture() };
  if (!opts.mayBackdate && at.getTime() < now.getTime() - MAX_DAYS_BACK * 86_400_000) {
    return { ok: false, message: (m) => m.tooFarBack(MAX_DAYS_BACK) };
  }
  return { ok: true };
}
