/**
 * When messages go out: quiet hours in Helsinki (nothing but urgent alerts between 21:00 and
 * 07:00; the rest waits, it is not dropped) and the moments reminders fall due. Pure: the
 * clock is an argument, and every time is read on the Helsinki wall clock, so DST changes
 * move nothing.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { TIME_ZONE, addDays, localDate, localTimeOnDate, planningCutoff, type LocalDate } from './dates.ts';

export interface QuietHours {
  /** Wall-clock `HH:mm` when quiet starts (evening) and ends (morning). */
  start: string;
  end: string;
}

export const QUIET_HOURS: QuietHours = { start: '21:00', end: '07:00' };
/** How long before the planning cut-off (18:00 the evening before) a point lead is reminded. */
export const CUTOFF_REMINDER_HOURS = 3;
/** Local time on the day before a shift when its volunteers are reminded, and shifts short of people are announced. */
export const SHIFT_REMINDER_TIME = '17:00';

const wallTime = (instant: Date) => format(instant, 'HH:mm', { in: tz(TIME_ZONE) });

/**
 * The earliest instant a message created at `now` may be sent: at once when urgent (a
 * temperature excursion, day or night) or outside quiet hours; otherwise when quiet hours end
 * in the morning.
 *
 * @example sendAfter(new Date('2026-03-02T20:30:00Z'), false) // 2026-03-03T05:00:00Z (07:00 EET; 22:30 was quiet)
 * sendAfter(new Date('2026-03-02T20:30:00Z'), true) // 2026-03-02T20:30:00Z
 */
export function sendAfter(now: Date, urgent: boolean, quiet: QuietHours = QUIET_HOURS): Date {
  if (urgent) return now;
  const time = wallTime(now);
  const today = localDate(now);
  if (time >= quiet.start) return localTimeOnDate(addDays(today, 1), quiet.end);
  if (time < quiet.end) return localTimeOnDate(today, quiet.end);
  return now;
}

/**
 * When a point lead with no reservation for a distribution day is reminded: three hours
 * before that day's planning cut-off, i.e. 15:00 Helsinki time on the day before, in summer
 * and winter time alike.
 *
 * @example cutoffReminderAt('2026-03-30') // 2026-03-29T12:00:00Z (15:00 EEST, the first day of summer time)
 */
export function cutoffReminderAt(deliveryDate: LocalDate): Date {
  return new Date(planningCutoff(deliveryDate).getTime() - CUTOFF_REMINDER_HOURS * 3_600_000);
}

/**
 * When the volunteers of a shift are reminded of it: at 17:00 Helsinki time on the day before
 * the day it starts.
 *
 * @example shiftReminderAt(new Date('2026-10-26T06:00:00Z')) // 2026-10-25T14:00:00Z (17:00 EET, after the autumn change)
 */
export function shiftReminderAt(shiftStart: Date): Date {
  return localTimeOnDate(addDays(localDate(shiftStart), -1), SHIFT_REMINDER_TIME);
}

/**
 * Whether a reminder due at `at` should go out at `now`: it is due and what it reminds of
 * (`until`) has not yet passed. A job that runs late still sends it; one that runs after
 * `until` does not.
 *
 * @example isDue(new Date('2026-03-29T12:05:00Z'), cutoffReminderAt('2026-03-30'), planningCutoff('2026-03-30')) // true
 */
export function isDue(now: Date, at: Date, until: Date): boolean {
  return now.getTime() >= at.getTime() && now.getTime() < until.getTime();
}
