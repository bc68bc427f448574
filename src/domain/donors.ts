/**
 * The donor's side (issue 20): what a donor may skip and when, which days its schedules are
 * collected, and which window an accepted offer is collected in. Pure functions, no I/O.
 */
import type { LocalDate } from './dates.ts';
import { addDays, daysBetween, localDate, localTimeOnDate, weekdayOf } from './dates.ts';

/**
 * Minutes before a pickup's window starts after which its donor can no longer skip it (nor undo a
 * skip): the van's day is set by then. The issue gives 2 hours as the network's default; a network
 * changes it with `DONOR_SKIP_CUTOFF_MINUTES`.
 */
export const DONOR_SKIP_CUTOFF_MINUTES = 120;

/** Largest estimate of one offer, kilograms (issue 20: "over 10,000" is refused): a full truck. */
export const OFFER_MAX_KG = 10_000;

/** How many days ahead a donor's page lists pickups, and the longest window `GET /donor/pickups` answers. */
export const DONOR_PICKUP_DAYS = 14;
export const DONOR_PICKUP_MAX_DAYS = 62;

/** Why an offer was declined; the coordinator's report counts kilos by these. */
export const OFFER_DECLINE_REASONS = ['no_vehicle', 'no_storage', 'not_suitable', 'too_far', 'too_late', 'other'] as const;
export type OfferDeclineReason = (typeof OFFER_DECLINE_REASONS)[number];

export interface ScheduleDays {
  id: string;
  weekdays: readonly string[];
  windowStart: string;
  windowEnd: string;
  seasonStart: string | null;
  seasonEnd: string | null;
}

/**
 * Whether a `MM-DD` season contains the date. A season may wrap the year end (`11-15` to
 * `02-28`); a missing bound is open.
 */
export function inSeason(date: LocalDate, start: string | null, end: string | null): boolean {
  const md = date.slice(5);
  if (!start && !end) return true;
  if (!start) return md <= end!;
  if (!end) return md >= start;
  return start <= end ? md >= start && md <= end : md >= start || md <= end;
}

/** Whether a schedule collects on that day (its weekday, in its season). */
export const collectsOn = (s: ScheduleDays, date: LocalDate) => s.weekdays.includes(weekdayOf(date)) && inSeason(date, s.seasonStart, s.seasonEnd);

/**
 * The scheduled pickups of `from`..`to` (inclusive), by date then window start.
 *
 * @example pickupDays([{ id: 's', weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', seasonStart: null, seasonEnd: null }], '2026-12-07', '2026-12-13')
 * // [{ date: '2026-12-08', schedule: { id: 's', … } }]
 */
export function pickupDays<S extends ScheduleDays>(schedules: readonly S[], from: LocalDate, to: LocalDate): { date: LocalDate; schedule: S }[] {
  const out: { date: LocalDate; schedule: S }[] = [];
  for (let i = 0; i <= daysBetween(from, to); i += 1) {
    const date = addDays(from, i);
    for (const s of schedules) if (collectsOn(s, date)) out.push({ date, schedule: s });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.schedule.windowStart.localeCompare(b.schedule.windowStart) || a.schedule.id.localeCompare(b.schedule.id));
}

/** The instant after which a pickup whose window starts at `windowStart` can no longer be skipped. */
export const skipCutoff = (windowStart: Date, cutoffMinutes: number) => new Date(windowStart.getTime() - cutoffMinutes * 60_000);

/**
 * Whether a donor may skip (or undo the skip of) a pickup now: `past` once its day is over or its
 * window has started, `after_cutoff` from the cut-off on, else `ok`.
 *
 * @example skipVerdict(new Date('2026-12-08T05:00:00Z'), { date: '2026-12-08', windowStart: '09:00' }, 120) // 'ok' (7.00 in Helsinki, cut-off 7.00 exactly)
 * @example skipVerdict(new Date('2026-12-08T05:01:00Z'), { date: '2026-12-08', windowStart: '09:00' }, 120) // 'after_cutoff'
 */
export function skipVerdict(now: Date, pickup: { date: LocalDate; windowStart: string }, cutoffMinutes: number): 'ok' | 'after_cutoff' | 'past' {
  const start = localTimeOnDate(pickup.date, pickup.windowStart);
  if (pickup.date < localDate(now) || now >= start) return 'past';
  return now > skipCutoff(start, cutoffMinutes) ? 'after_cutoff' : 'ok';
}

/** A pickup window as two instants. */
export interface Window { start: Date; end: Date }

/**
 * The window an accepted offer is collected in on `date`: the coordinator's `HH:mm` window when
 * given, else the part of the offer's ready window that falls on that day. Null when neither gives
 * a window on that day (the coordinator must name one).
 *
 * @example acceptedWindow({ readyFrom: new Date('2026-12-08T08:00:00Z'), readyUntil: new Date('2026-12-08T12:00:00Z') }, '2026-12-08')
 * // { start: 2026-12-08T08:00Z, end: 2026-12-08T12:00Z } (10–14 in Helsinki)
 */
export function acceptedWindow(offer: { readyFrom: Date; readyUntil: Date }, date: LocalDate, window?: { start: string; end: string }): Window | null {
  if (window) return { start: localTimeOnDate(date, window.start), end: localTimeOnDate(date, window.end) };
  const dayStart = localTimeOnDate(date, '00:00');
  const dayEnd = localTimeOnDate(addDays(date, 1), '00:00');
  const start = new Date(Math.max(offer.readyFrom.getTime(), dayStart.getTime()));
  const end = new Date(Math.min(offer.readyUntil.getTime(), dayEnd.getTime()));
  return end > start ? { start, end } : null;
}
