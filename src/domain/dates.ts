/**
 * Local dates and times in Europe/Helsinki. Planning days, use-by and best-before dates
 * are local calendar dates written `YYYY-MM-DD`; such strings sort and compare correctly
 * as plain strings, which the rules rely on. Instants are `Date`s.
 */
import { TZDate, tz, tzOffset } from '@date-fns/tz';
import { format, getISOWeek, getISOWeekYear } from 'date-fns';

export const TIME_ZONE = 'Europe/Helsinki';

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A weekday as the API writes it. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Local time, on the evening before a distribution day, when its plan is built and changes close. */
export const PLANNING_CUTOFF_TIME = '18:00';
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * Whether `s` is a real calendar date in `YYYY-MM-DD` form. Feb 30 matches the pattern,
 * so the check goes through the calendar, not only a regex.
 *
 * @example isValidLocalDate('2026-02-28') // true; isValidLocalDate('2026-02-30') // false
 */
export function isValidLocalDate(s: string): boolean {
  const match = DATE_PATTERN.exec(s);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const utc = new Date(Date.UTC(year, month - 1, day));
  return utc.getUTCFullYear() === year && utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day;
}

/**
 * The Helsinki calendar date of an instant: what a volunteer's wall calendar said when it
 * happened. Near midnight the UTC date would be a day off, hence the time zone.
 *
 * @example localDate(new Date('2026-03-28T22:30:00Z')) // '2026-03-29' (00:30 in Helsinki)
 */
export function localDate(instant: Date): LocalDate {
  assertInstant(instant);
  return format(instant, 'yyyy-MM-dd', { in: tz(TIME_ZONE) });
}

/**
 * An instant as Helsinki wall-clock time, `YYYY-MM-DD HH:mm`, for records a person reads
 * (own-check CSV, labels).
 *
 * @example localDateTime(new Date('2026-03-28T22:30:00Z')) // '2026-03-29 00:30'
 */
export function localDateTime(instant: Date): string {
  assertInstant(instant);
  return format(instant, 'yyyy-MM-dd HH:mm', { in: tz(TIME_ZONE) });
}

/**
 * The half-open range of instants `[start, end)` that make up a local day. On DST days
 * it is 23 h (last Sunday of March) or 25 h (last Sunday of October) long, so never add
 * 24 h to get the next midnight.
 *
 * @example localDayRange('2026-03-29') // { start: 2026-03-28T22:00Z, end: 2026-03-29T21:00Z }
 */
export function localDayRange(date: LocalDate): { start: Date; end: Date } {
  return { start: localMidnight(date), end: localMidnight(addDays(date, 1)) };
}

/**
 * Adds `n` calendar days (negative goes back). Works on the calendar, not on hours, so a
 * DST change in between cannot shift the result.
 *
 * @example addDays('2026-03-28', 1) // '2026-03-29'; addDays('2026-03-01', -1) // '2026-02-28'
 */
export function addDays(date: LocalDate, n: number): LocalDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`days must be an integer: ${n}`);
  const [year, month, day] = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day + n)).toISOString().slice(0, 10);
}

/**
 * Whole calendar days from `from` to `to` (negative when `to` is earlier), for "expires
 * within 2 days" without thinking about hours.
 *
 * @example daysBetween('2026-10-24', '2026-10-26') // 2
 */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  const [y1, m1, d1] = parseLocalDate(from);
  const [y2, m2, d2] = parseLocalDate(to);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/**
 * The weekday of a local date, spelled as schedules and distribution days spell it.
 *
 * @example weekdayOf('2026-03-29') // 'sun'
 */
export function weekdayOf(date: LocalDate): Weekday {
  const [year, month, day] = parseLocalDate(date);
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
}

/**
 * The ISO 8601 week of a local date, `YYYY-Www`. The year is the ISO week-year, which
 * differs from the calendar year around New Year, so reports never split a week in two.
 *
 * @example isoWeek('2026-01-01') // '2026-W01'; isoWeek('2027-01-01') // '2026-W53'
 */
export function isoWeek(date: LocalDate): string {
  const [year, month, day] = parseLocalDate(date);
  const noon = new TZDate(year, month - 1, day, 12, 0, 'UTC');
  return `${getISOWeekYear(noon)}-W${String(getISOWeek(noon)).padStart(2, '0')}`;
}

/**
 * Every ISO week that a range of local dates touches, in order, the empty ones too: the
 * x axis of a weekly chart, so a week with nothing in it shows as a gap rather than vanishing.
 *
 * @example isoWeeksBetween('2026-12-24', '2027-01-05') // ['2026-W52', '2026-W53', '2027-W01']
 */
export function isoWeeksBetween(from: LocalDate, to: LocalDate): string[] {
  const weeks: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 7)) weeks.push(isoWeek(day));
  const last = isoWeek(to);
  if (from <= to && weeks[weeks.length - 1] !== last) weeks.push(last);
  return weeks;
}

/**
 * Every period of a range of local dates, in order, the empty ones too, keyed as the tallies
 * key them (`YYYY-MM-DD`, `YYYY-Www`, `YYYY-MM`): the x axis of a chart by day, week or month,
 * so a period with nothing in it shows as a gap rather than vanishing.
 *
 * @example periodsBetween('2026-11-20', '2027-01-05', 'month') // ['2026-11', '2026-12', '2027-01']
 */
export function periodsBetween(from: LocalDate, to: LocalDate, period: 'day' | 'week' | 'month'): string[] {
  if (period === 'week') return isoWeeksBetween(from, to);
  const keys: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const key = period === 'day' ? day : monthOf(day);
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

/**
 * The local month of a local date, `YYYY-MM`, the key of monthly reports.
 *
 * @example monthOf('2026-10-25') // '2026-10'
 */
export function monthOf(date: LocalDate): string {
  parseLocalDate(date);
  return date.slice(0, 7);
}

/**
 * The instant a delivery day's plan closes: 18:00 local on the evening before, when the
 * nightly planning job runs. Computed on the calendar, so it stays 18:00 on DST weekends.
 *
 * @example planningCutoff('2026-03-30') // 2026-03-29T15:00:00Z (18:00 EEST)
 */
export function planningCutoff(deliveryDate: LocalDate): Date {
  return localTimeOnDate(addDays(deliveryDate, -1), PLANNING_CUTOFF_TIME);
}

/**
 * The instant of a wall-clock time `HH:mm` on a local date, with the UTC offset valid on
 * that date (+02:00 in winter, +03:00 in summer). Times that do not exist (03:00–03:59 on
 * the last Sunday of March) move one hour forward; times that happen twice (03:00–03:59
 * on the last Sunday of October) resolve to the later, winter-time occurrence.
 *
 * @example localTimeOnDate('2026-06-01', '08:00') // 2026-06-01T05:00:00Z
 */
export function localTimeOnDate(date: LocalDate, time: string): Date {
  const [year, month, day] = parseLocalDate(date);
  const match = TIME_PATTERN.exec(time);
  if (!match) throw new RangeError(`not a time HH:mm: ${time}`);
  // The wall-clock reading as if it were UTC, then shifted by each offset in force around
  // it; an offset fits when the zone really has that offset at the resulting instant.
  // Resolving it here rather than through TZDate keeps the answer independent of the
  // server's own time zone, which TZDate consults for the repeated autumn hour.
  const wall = Date.UTC(year, month - 1, day, Number(match[1]), Number(match[2]));
  const before = tzOffset(TIME_ZONE, new Date(wall - DAY_MS));
  const after = tzOffset(TIME_ZONE, new Date(wall + DAY_MS));
  const fitting = [before, after]
    .map((offset) => wall - offset * MINUTE_MS)
    .filter((instant) => wall - tzOffset(TIME_ZONE, new Date(instant)) * MINUTE_MS === instant);
  // No fit: the time falls in the spring gap; the offset before the change moves it forward.
  return new Date(fitting.length > 0 ? Math.max(...fitting) : wall - before * MINUTE_MS);
}

function localMidnight(date: LocalDate): Date {
  return localTimeOnDate(date, '00:00');
}

function parseLocalDate(date: LocalDate): [number, number, number] {
  if (!isValidLocalDate(date)) throw new RangeError(`not a local date YYYY-MM-DD: ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

function assertInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError(`not a valid instant: ${String(instant)}`);
  }
}

/** A same-day plan starts this many minutes apart: a driver reads "15.35", not "15.31". */
export const PLAN_START_STEP_MINUTES = 5;

/**
 * When a plan of `date` may start, planned at `now`: a plan of today starts from now, rounded
 * up to the next 5 minutes (a van cannot leave in the past); a plan of a later day starts with
 * the shifts (undefined). A plan of an earlier day is history and also starts with the shifts.
 *
 * @example planStartsFrom('2030-08-13', new Date('2030-08-13T12:31:00Z')) // 2030-08-13T12:35:00Z (15.35 in Helsinki)
 */
export function planStartsFrom(date: LocalDate, now: Date): Date | undefined {
  if (localDate(now) !== date) return undefined;
  const step = PLAN_START_STEP_MINUTES * MINUTE_MS;
  return new Date(Math.ceil(now.getTime() / step) * step);
}
