import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  daysBetween,
  localDateTime,
  isValidLocalDate,
  isoWeek,
  isoWeeksBetween,
  localDate,
  localDayRange,
  localTimeOnDate,
  monthOf,
  periodsBetween,
  planningCutoff,
  planStartsFrom,
  weekdayOf,
} from './dates.ts';

const HOUR = 3_600_000;

describe('isValidLocalDate', () => {
  it('accepts real calendar dates, leap days included', () => {
    expect(isValidLocalDate('2026-03-29')).toBe(true);
    expect(isValidLocalDate('2028-02-29')).toBe(true);
  });

  it.each(['2026-02-29', '2026-02-30', '2026-13-01', '2026-00-10', '2026-3-9', '26-03-29', '2026-03-29T00:00', ''])(
    'refuses %j',
    (s) => expect(isValidLocalDate(s)).toBe(false),
  );
});

describe('localDate', () => {
  it('uses the Helsinki calendar, not UTC, near midnight', () => {
    expect(localDate(new Date('2026-01-15T21:59:59Z'))).toBe('2026-01-15');
    expect(localDate(new Date('2026-01-15T22:00:00Z'))).toBe('2026-01-16');
    expect(localDate(new Date('2026-06-15T21:00:00Z'))).toBe('2026-06-16'); // +03:00 in summer
  });

  it('puts the whole 23-hour spring DST day (2026-03-29) on one date', () => {
    expect(localDate(new Date('2026-03-28T22:00:00Z'))).toBe('2026-03-29');
    expect(localDate(new Date('2026-03-29T20:59:59Z'))).toBe('2026-03-29');
    expect(localDate(new Date('2026-03-29T21:00:00Z'))).toBe('2026-03-30');
  });

  it('puts both 03:30s of the 25-hour autumn DST day (2026-10-25) on that date', () => {
    expect(localDate(new Date('2026-10-25T00:30:00Z'))).toBe('2026-10-25');
    expect(localDate(new Date('2026-10-25T01:30:00Z'))).toBe('2026-10-25');
    expect(localDate(new Date('2026-10-25T21:59:59Z'))).toBe('2026-10-25');
  });

  it('refuses an invalid Date', () => {
    expect(() => localDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('localDayRange', () => {
  it('is 24 hours on an ordinary day', () => {
    const { start, end } = localDayRange('2026-01-15');
    expect(start.toISOString()).toBe('2026-01-14T22:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(24 * HOUR);
  });

  it('is 23 hours on the spring DST day 2026-03-29', () => {
    const { start, end } = localDayRange('2026-03-29');
    expect(start.toISOString()).toBe('2026-03-28T22:00:00.000Z');
    expect(end.toISOString()).toBe('2026-03-29T21:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(23 * HOUR);
  });

  it('is 25 hours on the autumn DST day 2026-10-25', () => {
    const { start, end } = localDayRange('2026-10-25');
    expect(start.toISOString()).toBe('2026-10-24T21:00:00.000Z');
    expect(end.toISOString()).toBe('2026-10-25T22:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(25 * HOUR);
  });

  it('returns plain Dates whose end is the next day’s start', () => {
    expect(localDayRange('2026-03-29').end).toEqual(localDayRange('2026-03-30').start);
    expect(localDayRange('2026-03-29').start.constructor).toBe(Date);
  });

  it('refuses a malformed date', () => {
    expect(() => localDayRange('2026-02-30')).toThrow(RangeError);
  });
});

describe('addDays and daysBetween', () => {
  it('step across DST changes, month ends and leap days on the calendar', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', -1)).toBe('2026-10-24');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('count calendar days, not 24-hour blocks', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-26', '2026-10-24')).toBe(-2);
    expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0);
  });
});

describe('weekdayOf, isoWeek and monthOf', () => {
  it('name the weekday as schedules do', () => {
    expect(weekdayOf('2026-03-29')).toBe('sun');
    expect(weekdayOf('2026-03-30')).toBe('mon');
    expect(weekdayOf('2026-10-24')).toBe('sat');
  });

  it('use ISO week-years around New Year', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-03')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });

  it('keep a DST Sunday in the week that began on Monday', () => {
    expect(isoWeek('2026-03-23')).toBe('2026-W13');
    expect(isoWeek('2026-03-29')).toBe('2026-W13');
    expect(isoWeek('2026-03-30')).toBe('2026-W14');
  });

  it('take the local month from the date', () => {
    expect(monthOf('2026-10-25')).toBe('2026-10');
    expect(() => monthOf('2026-10')).toThrow(RangeError);
  });
});

describe('localTimeOnDate', () => {
  it('uses +02:00 in winter and +03:00 in summer', () => {
    expect(localTimeOnDate('2026-01-15', '08:00').toISOString()).toBe('2026-01-15T06:00:00.000Z');
    expect(localTimeOnDate('2026-06-01', '08:00').toISOString()).toBe('2026-06-01T05:00:00.000Z');
  });

  it('gets both sides of the spring change right on 2026-03-29', () => {
    expect(localTimeOnDate('2026-03-29', '02:59').toISOString()).toBe('2026-03-29T00:59:00.000Z');
    expect(localTimeOnDate('2026-03-29', '04:00').toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(localTimeOnDate('2026-03-29', '18:00').toISOString()).toBe('2026-03-29T15:00:00.000Z');
  });

  it('moves a time that does not exist (03:30 on 2026-03-29) one hour forward', () => {
    expect(localTimeOnDate('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('resolves a time that happens twice (03:30 on 2026-10-25) to the later, winter-time one', () => {
    expect(localTimeOnDate('2026-10-25', '03:30').toISOString()).toBe('2026-10-25T01:30:00.000Z');
    expect(localTimeOnDate('2026-10-25', '02:30').toISOString()).toBe('2026-10-24T23:30:00.000Z');
    expect(localTimeOnDate('2026-10-25', '18:00').toISOString()).toBe('2026-10-25T16:00:00.000Z');
  });

  it.each(['24:00', '8:00', '08:60', '08:00:00', ''])('refuses the time %j', (time) => {
    expect(() => localTimeOnDate('2026-01-15', time)).toThrow(RangeError);
  });
});

describe('planningCutoff', () => {
  it('is 18:00 local the evening before delivery', () => {
    expect(planningCutoff('2026-01-16').toISOString()).toBe('2026-01-15T16:00:00.000Z');
  });

  it('stays 18:00 local when the evening before is a DST day', () => {
    expect(planningCutoff('2026-03-30').toISOString()).toBe('2026-03-29T15:00:00.000Z');
    expect(planningCutoff('2026-10-26').toISOString()).toBe('2026-10-25T16:00:00.000Z');
  });

  it('is 18:00 in winter time when the delivery day is the autumn DST day', () => {
    expect(planningCutoff('2026-10-25').toISOString()).toBe('2026-10-24T15:00:00.000Z');
  });

  it('crosses a month boundary', () => {
    expect(localDate(planningCutoff('2026-04-01'))).toBe('2026-03-31');
  });
});

describe('local dates, for any day of the decade', () => {
  const anyDate = fc.integer({ min: 0, max: 3652 }).map((n) => addDays('2020-01-01', n));
  const anyTime = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

  it('put a wall-clock time on its own date, and outside the DST hour at exactly that time', () => {
    fc.assert(
      fc.property(anyDate, anyTime, (date, time) => {
        const instant = localTimeOnDate(date, time);
        expect(localDate(instant)).toBe(date);
        if (!time.startsWith('03:')) {
          expect(instant.toLocaleTimeString('en-GB', { timeZone: 'Europe/Helsinki', hour: '2-digit', minute: '2-digit' })).toBe(time);
        }
      }),
    );
  });

  it('make days of 23, 24 or 25 hours that follow each other without a gap', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const { start, end } = localDayRange(date);
        expect([23, 24, 25]).toContain((end.getTime() - start.getTime()) / HOUR);
        expect(localDate(start)).toBe(date);
        expect(localDate(new Date(end.getTime() - 1))).toBe(date);
        expect(end).toEqual(localDayRange(addDays(date, 1)).start);
      }),
    );
  });
});

describe('localDateTime', () => {
  it('writes Helsinki wall-clock time, across midnight and DST', () => {
    expect(localDateTime(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-29 00:30');
    expect(localDateTime(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29 04:30');
  });
});

describe('isoWeeksBetween', () => {
  it('lists every week a range touches, empty weeks too, across New Year into week 53', () => {
    expect(isoWeeksBetween('2026-12-01', '2027-01-31')).toEqual([
      '2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01', '2027-W02', '2027-W03', '2027-W04',
    ]);
  });

  it('counts a range ending early in its last week, and a single day, once', () => {
    expect(isoWeeksBetween('2026-12-24', '2027-01-05')).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(isoWeeksBetween('2027-03-02', '2027-03-02')).toEqual(['2027-W09']);
    expect(isoWeeksBetween('2027-03-02', '2027-03-01')).toEqual([]);
  });
});

describe('planStartsFrom', () => {
  it('starts a plan of today from now, rounded up to the next 5 minutes', () => {
    // 15.31 in Helsinki (summer time) → 15.35.
    expect(planStartsFrom('2030-08-13', new Date('2030-08-13T12:31:10Z'))?.toISOString()).toBe('2030-08-13T12:35:00.000Z');
    expect(planStartsFrom('2030-08-13', new Date('2030-08-13T12:35:00Z'))?.toISOString()).toBe('2030-08-13T12:35:00.000Z');
  });

  it('leaves a plan of another day to the shifts', () => {
    expect(planStartsFrom('2030-08-14', new Date('2030-08-13T12:31:00Z'))).toBeUndefined();
    // 00.30 on the 14th in Helsinki is still the 13th in UTC: the local day decides.
    expect(planStartsFrom('2030-08-13', new Date('2030-08-13T21:30:00Z'))).toBeUndefined();
  });
});

describe('periodsBetween', () => {
  it('lists every day, week or month a range touches, empty ones too, as the tallies key them', () => {
    expect(periodsBetween('2026-12-30', '2027-01-02', 'day')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(periodsBetween('2026-12-24', '2027-01-05', 'week')).toEqual(['2026-W52', '2026-W53', '2027-W01']);
    expect(periodsBetween('2026-11-20', '2027-01-05', 'month')).toEqual(['2026-11', '2026-12', '2027-01']);
  });

  it('gives one period for a single day and none for an inverted range', () => {
    expect(periodsBetween('2027-03-02', '2027-03-02', 'month')).toEqual(['2027-03']);
    expect(periodsBetween('2027-03-02', '2027-03-01', 'day')).toEqual([]);
  });
});
