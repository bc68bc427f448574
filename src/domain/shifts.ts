/**
 * The rules of volunteer shifts: who may sign up for what, when a shift is full or past, the
 * hygiene passport of the packing table, weekly recurrence on the Helsinki wall clock, and
 * how attendance adds up to volunteer hours. Pure: the clock and every row are arguments.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { TIME_ZONE, addDays, isoWeek, localDate, localTimeOnDate, monthOf, type LocalDate } from './dates.ts';
import type { Text } from '../i18n/messages.ts';

export const SHIFT_KINDS = ['warehouse', 'packing', 'driving', 'point'] as const;
export type ShiftKind = (typeof SHIFT_KINDS)[number];
export type VolunteerRole = 'coordinator' | 'warehouse' | 'point_lead' | 'driver';

/** Longest shift accepted, and most weekly occurrences one request may create. */
export const MAX_SHIFT_HOURS = 16;
export const MAX_WEEKLY_OCCURRENCES = 52;

/**
 * Which roles do which kind of shift. Packing is unpackaged food at the warehouse's table;
 * driving needs a driver; a point's distribution is helped by its lead and warehouse volunteers.
 */
export const SHIFT_ROLES: Readonly<Record<ShiftKind, readonly VolunteerRole[]>> = {
  warehouse: ['warehouse', 'coordinator'],
  packing: ['warehouse', 'coordinator'],
  driving: ['driver'],
  point: ['point_lead', 'warehouse', 'coordinator'],
};

export interface ShiftFacts {
  kind: ShiftKind;
  start: Date;
  end: Date;
  needed: number;
}

export interface VolunteerFacts {
  role: VolunteerRole;
  active: boolean;
  hygienePassportUntil: LocalDate | null;
}

export type SignupRefusal = {
  ok: false;
  /** `closed`: the shift itself takes no one now (started, or full); `not_eligible`: this volunteer may not do it. */
  kind: 'closed' | 'not_eligible';
  rule: 'shift_past' | 'shift_full' | 'hygiene_passport_required' | 'role_not_eligible' | 'user_inactive';
  message: Text;
};

/**
 * Whether a hygiene passport valid until `until` (inclusive) covers a shift that ends at
 * `shiftEnd`, judged on the Helsinki calendar day the shift ends.
 *
 * @example hasValidHygienePassport('2026-05-31', new Date('2026-05-31T12:00:00Z')) // true
 * hasValidHygienePassport(null, new Date('2026-05-31T12:00:00Z')) // false
 */
export function hasValidHygienePassport(until: LocalDate | null, shiftEnd: Date): boolean {
  return until !== null && until >= localDate(shiftEnd);
}

/**
 * Why a volunteer may not do a shift at all (role, inactive, missing or expired passport for
 * packing), or null when they may. Fullness and time are not looked at here.
 *
 * @example eligibilityProblem({ kind: 'packing', ... }, { role: 'warehouse', active: true, hygienePassportUntil: null })
 * // { ok: false, kind: 'not_eligible', rule: 'hygiene_passport_required', message: 'Packing ... no hygiene passport on record' }
 */
export function eligibilityProblem(shift: ShiftFacts, user: VolunteerFacts): SignupRefusal | null {
  if (!user.active) return { ok: false, kind: 'not_eligible', rule: 'user_inactive', message: (m) => m.userInactive() };
  if (!SHIFT_ROLES[shift.kind].includes(user.role)) {
    return { ok: false, kind: 'not_eligible', rule: 'role_not_eligible', message: (m) => m.roleNotEligible(shift.kind, SHIFT_ROLES[shift.kind], user.role) };
  }
  if (shift.kind === 'packing' && !hasValidHygienePassport(user.hygienePassportUntil, shift.end)) {
    const until = user.hygienePassportUntil;
    const message: Text = until === null ? (m) => m.noHygienePassport() : (m) => m.hygienePassportExpired(until, localDate(shift.end));
    return { ok: false, kind: 'not_eligible', rule: 'hygiene_passport_required', message };
  }
  return null;
}

/**
 * The full check of a new sign-up. A shift that has started is past and a shift with as many
 * people as it needs is full (both `closed`); then the volunteer must be eligible. Someone
 * already signed up is answered by the caller before this, so a repeat is idempotent.
 *
 * @example checkSignup({ shift, user, signedUp: 3, now }) // { ok: false, kind: 'closed', rule: 'shift_full', ... } when needed is 3
 */
export function checkSignup(input: { shift: ShiftFacts; user: VolunteerFacts; signedUp: number; now: Date }): { ok: true } | SignupRefusal {
  const { shift } = input;
  if (input.now.getTime() >= shift.start.getTime()) {
    return { ok: false, kind: 'closed', rule: 'shift_past', message: (m) => m.shiftStartedNoSignup() };
  }
  if (input.signedUp >= shift.needed) {
    return { ok: false, kind: 'closed', rule: 'shift_full', message: (m) => m.shiftFull(shift.needed) };
  }
  return eligibilityProblem(shift, input.user) ?? { ok: true };
}

/**
 * How many people a shift still lacks, never below 0.
 *
 * @example shortBy(3, 1) // 2; shortBy(2, 5) // 0
 */
export function shortBy(needed: number, signedUp: number): number {
  return Math.max(0, needed - signedUp);
}

/**
 * The occurrences of a shift repeated weekly `count` times (the first included), keeping the
 * Helsinki wall-clock times: a 08:00–12:00 shift stays 08:00–12:00 after a DST change, so
 * never add 7 × 24 h.
 *
 * @example weeklyOccurrences(new Date('2026-03-23T06:00:00Z'), new Date('2026-03-23T10:00:00Z'), 2)
 * // [{ start: 2026-03-23T06:00Z, end: 10:00Z }, { start: 2026-03-30T05:00Z, end: 09:00Z }] (summer time)
 */
export function weeklyOccurrences(start: Date, end: Date, count: number): { start: Date; end: Date }[] {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`count must be a positive integer: ${count}`);
  const wall = (d: Date) => ({ date: localDate(d), time: format(d, 'HH:mm', { in: tz(TIME_ZONE) }) });
  const s = wall(start);
  const e = wall(end);
  return Array.from({ length: count }, (_, i) => ({
    start: localTimeOnDate(addDays(s.date, 7 * i), s.time),
    end: localTimeOnDate(addDays(e.date, 7 * i), e.time),
  }));
}

/**
 * Minutes to record for an attendance: a no-show is 0; someone present worked the minutes
 * given, or the whole shift when none are given.
 *
 * @example attendanceMinutes({ present: true }, shift4h) // 240; attendanceMinutes({ present: false }, shift4h) // 0
 */
export function attendanceMinutes(input: { present: boolean; minutes?: number }, shift: { start: Date; end: Date }): number {
  if (!input.present) return 0;
  return input.minutes ?? Math.round((shift.end.getTime() - shift.start.getTime()) / 60_000);
}

export interface AttendanceFact {
  userId: string;
  /** The Helsinki date the shift started on. */
  date: LocalDate;
  present: boolean;
  minutes: number;
}

export interface VolunteerHours {
  userId: string;
  shifts: number;
  noShows: number;
  minutes: number;
  hours: number;
}

export type HoursPeriod = 'day' | 'week' | 'month';

/** Hours with two decimals, from whole minutes (sums stay exact in minutes). */
export const minutesToHours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

/**
 * Volunteer hours from attendance records: per volunteer (sorted by user id), per period
 * (day, ISO week or month of the shift's start) and in total. Present shifts count with
 * their minutes; no-shows are counted apart and add no hours.
 *
 * @example summariseHours([{ userId: 'a', date: '2026-03-02', present: true, minutes: 90 }, { userId: 'a', date: '2026-03-03', present: false, minutes: 0 }], 'week')
 * // { perVolunteer: [{ userId: 'a', shifts: 1, noShows: 1, minutes: 90, hours: 1.5 }],
 * //   periods: [{ period: '2026-W10', volunteers: 1, minutes: 90, hours: 1.5 }], totalMinutes: 90, totalHours: 1.5, volunteersActive: 1 }
 */
export function summariseHours(facts: readonly AttendanceFact[], period: HoursPeriod = 'month') {
  const periodOf = period === 'day' ? (d: LocalDate) => d : period === 'week' ? isoWeek : monthOf;
  const by = new Map<string, VolunteerHours>();
  const periods = new Map<string, { period: string; people: Set<string>; minutes: number }>();
  for (const f of facts) {
    const v = by.get(f.userId) ?? { userId: f.userId, shifts: 0, noShows: 0, minutes: 0, hours: 0 };
    by.set(f.userId, v);
    if (!f.present) {
      v.noShows += 1;
      continue;
    }
    v.shifts += 1;
    v.minutes += f.minutes;
    const key = periodOf(f.date);
    const p = periods.get(key) ?? { period: key, people: new Set<string>(), minutes: 0 };
    p.people.add(f.userId);
    p.minutes += f.minutes;
    periods.set(key, p);
  }
  const perVolunteer = [...by.values()].map((v) => ({ ...v, hours: minutesToHours(v.minutes) })).sort((a, b) => (a.userId < b.userId ? -1 : 1));
  const totalMinutes = perVolunteer.reduce((n, v) => n + v.minutes, 0);
  return {
    perVolunteer,
    periods: [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : 1))
      .map((p) => ({ period: p.period, volunteers: p.people.size, minutes: p.minutes, hours: minutesToHours(p.minutes) })),
    totalMinutes,
    totalHours: minutesToHours(totalMinutes),
    volunteersActive: perVolunteer.filter((v) => v.shifts > 0).length,
  };
}

/** One attendance record as history keeps it: a correction names the record it `supersedesId`. */
export interface AttendanceRecord {
  id: string;
  shiftId: string;
  userId: string;
  present: boolean;
  minutes: number;
  supersedesId: string | null;
}

/**
 * The attendance of each shift and volunteer from its append-only records: the current
 * record (the one no later record supersedes) and the `history` it corrected, oldest first.
 * Records come in any order; chains are listed in the order their current records come.
 *
 * @example attendanceChains([{ id: 'b', supersedesId: 'a', minutes: 180, … }, { id: 'a', supersedesId: null, minutes: 240, … }])
 *   // [{ current: { id: 'b', … }, history: [{ id: 'a', … }] }]
 */
export function attendanceChains<T extends AttendanceRecord>(records: readonly T[]): { current: T; history: T[] }[] {
  const byId = new Map(records.map((r) => [r.id, r]));
  const superseded = new Set(records.flatMap((r) => (r.supersedesId ? [r.supersedesId] : [])));
  return records.filter((r) => !superseded.has(r.id)).map((current) => {
    const history: T[] = [];
    for (let r = byId.get(current.supersedesId ?? ''); r; r = byId.get(r.supersedesId ?? '')) history.unshift(r);
    return { current, history };
  });
}

/**
 * Whether recording `next` changes the attendance (`current` is undefined before the first
 * record): a record that says the same again (a second tap, the same form sent twice) is not
 * a correction and adds no history.
 *
 * @example changesAttendance({ present: true, minutes: 240 }, { present: true, minutes: 180 }) // true
 * @example changesAttendance({ present: false, minutes: 0 }, { present: false, minutes: 0 }) // false
 */
export function changesAttendance(current: { present: boolean; minutes: number } | undefined, next: { present: boolean; minutes: number }): boolean {
  return !current || current.present !== next.present || current.minutes !== next.minutes;
}
