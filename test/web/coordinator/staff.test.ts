import { describe, expect, it } from 'vitest';
import { addDays, helsinkiInstant } from '../../../web/src/features/coordinator/staff.ts';

describe('a Helsinki wall-clock time typed in the shift form', () => {
  it('is the instant with the offset of that day, also on the days the clocks change', () => {
    expect(helsinkiInstant('2026-12-02', '08:00')).toBe('2026-12-02T06:00:00.000Z');
    expect(helsinkiInstant('2027-06-15', '08:00')).toBe('2027-06-15T05:00:00.000Z');
    expect(helsinkiInstant('2027-03-28', '08:00')).toBe('2027-03-28T05:00:00.000Z');
    expect(helsinkiInstant('2027-10-31', '08:00')).toBe('2027-10-31T06:00:00.000Z');
    expect(helsinkiInstant('2027-03-27', '23:30')).toBe('2027-03-27T21:30:00.000Z');
  });

  it('is missing when the day or the time is', () => {
    expect(helsinkiInstant('', '08:00')).toBeUndefined();
    expect(helsinkiInstant('2026-12-02', '')).toBeUndefined();
  });

  it('counts days across a month end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
});
