import { describe, expect, it } from 'vitest';
import { localTimeOnDate, planningCutoff } from './dates.ts';
import { cutoffReminderAt, isDue, sendAfter, shiftReminderAt } from './notifications.ts';

const at = (date: string, time: string) => localTimeOnDate(date, time);

describe('sendAfter (quiet hours 21–07 Helsinki)', () => {
  it('sends at once in the daytime', () => {
    expect(sendAfter(at('2026-03-02', '12:00'), false)).toEqual(at('2026-03-02', '12:00'));
    expect(sendAfter(at('2026-03-02', '20:59'), false)).toEqual(at('2026-03-02', '20:59'));
    expect(sendAfter(at('2026-03-02', '07:00'), false)).toEqual(at('2026-03-02', '07:00'));
  });

  it('holds an evening message until 07:00 the next morning, and a night one until 07:00 the same morning', () => {
    expect(sendAfter(at('2026-03-02', '21:00'), false)).toEqual(at('2026-03-03', '07:00'));
    expect(sendAfter(at('2026-03-03', '02:15'), false)).toEqual(at('2026-03-03', '07:00'));
  });

  it('never holds an urgent message', () => {
    expect(sendAfter(at('2026-03-03', '02:15'), true)).toEqual(at('2026-03-03', '02:15'));
  });

  it('ends the quiet night at 07:00 local on the night the clocks go forward', () => {
    // 2026-03-29 03:00 EET → 04:00 EEST: the night is an hour shorter, the morning is still 07:00.
    expect(sendAfter(at('2026-03-28', '23:00'), false).toISOString()).toBe('2026-03-29T04:00:00.000Z');
  });
});

describe('cutoffReminderAt', () => {
  it('is 15:00 Helsinki on the day before, three hours before the 18:00 cut-off', () => {
    expect(cutoffReminderAt('2026-03-03').toISOString()).toBe('2026-03-02T13:00:00.000Z');
    expect(planningCutoff('2026-03-03').getTime() - cutoffReminderAt('2026-03-03').getTime()).toBe(3 * 3600_000);
  });

  it('stays 15:00 local across the spring and autumn changes', () => {
    expect(cutoffReminderAt('2026-03-29').toISOString()).toBe('2026-03-28T13:00:00.000Z'); // Saturday, winter time
    expect(cutoffReminderAt('2026-03-30').toISOString()).toBe('2026-03-29T12:00:00.000Z'); // Sunday, summer time
    expect(cutoffReminderAt('2026-10-26').toISOString()).toBe('2026-10-25T13:00:00.000Z'); // Sunday, winter time again
  });
});

describe('shiftReminderAt', () => {
  it('is 17:00 Helsinki on the day before the shift starts, also after a DST change', () => {
    expect(shiftReminderAt(at('2026-10-26', '08:00')).toISOString()).toBe('2026-10-25T15:00:00.000Z');
    expect(shiftReminderAt(at('2026-03-30', '08:00')).toISOString()).toBe('2026-03-29T14:00:00.000Z');
  });
});

describe('isDue', () => {
  const due = cutoffReminderAt('2026-03-30');
  const until = planningCutoff('2026-03-30');
  it('is due from its moment until what it reminds of has passed', () => {
    expect(isDue(new Date(due.getTime() - 1), due, until)).toBe(false);
    expect(isDue(due, due, until)).toBe(true);
    expect(isDue(new Date(until.getTime() - 1), due, until)).toBe(true);
    expect(isDue(until, due, until)).toBe(false);
  });
});
