import { describe, expect, it } from 'vitest';
import { checkDateRange, checkPlanningDate, checkStatedInstant, isSaneDate, isSaneInstant, planningHorizon } from './date-window.ts';
import { en, fi } from '../i18n/messages.ts';

const NOW = new Date('2026-12-01T10:00:00Z');
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe('isSaneDate', () => {
  it.each(['2000-01-01', '2026-12-01', '2028-02-29', '2099-12-31'])('accepts %s', (d) => expect(isSaneDate(d)).toBe(true));
  it.each(['0000-01-01', '0049-06-01', '1999-12-31', '2100-01-01', '9999-12-31', '2026-13-45', '2026-02-29'])('refuses %s', (d) => expect(isSaneDate(d)).toBe(false));
});

describe('isSaneInstant', () => {
  it('judges the Helsinki day: 1999-12-31T22:30Z is already 2000 there', () => {
    expect(isSaneInstant(new Date('1999-12-31T22:30:00Z'))).toBe(true);
    expect(isSaneInstant(new Date('1999-12-31T21:30:00Z'))).toBe(false);
  });
  it('refuses year 0001, +275760 and invalid dates', () => {
    expect(isSaneInstant(new Date('0001-01-01T00:00:00Z'))).toBe(false);
    expect(isSaneInstant(new Date(8.64e15))).toBe(false);
    expect(isSaneInstant(new Date('nonsense'))).toBe(false);
  });
});

describe('planningHorizon and checkPlanningDate', () => {
  it('reaches the same calendar day five years on; 29 February becomes 1 March', () => {
    expect(planningHorizon('2026-12-01')).toBe('2031-12-01');
    expect(planningHorizon('2028-02-29')).toBe('2033-03-01');
  });
  it('accepts the horizon itself and refuses the day after', () => {
    expect(checkPlanningDate('2031-12-01', '2026-12-01')).toEqual({ ok: true });
    const far = checkPlanningDate('2031-12-02', '2026-12-01');
    expect(far.ok).toBe(false);
    expect(!far.ok && far.message(en)).toContain('2031-12-01');
  });
});

describe('checkStatedInstant', () => {
  it('allows a few minutes of clock skew, not an hour', () => {
    expect(checkStatedInstant(hours(0.1), NOW, { mayBackdate: false })).toEqual({ ok: true });
    const ahead = checkStatedInstant(hours(1), NOW, { mayBackdate: true });
    expect(!ahead.ok && ahead.message(en)).toBe('must not be in the future');
  });
  it('lets anyone date three days back, only a coordinator further', () => {
    expect(checkStatedInstant(hours(-71), NOW, { mayBackdate: false })).toEqual({ ok: true });
    expect(checkStatedInstant(hours(-73), NOW, { mayBackdate: false })).toMatchObject({ ok: false });
    expect(checkStatedInstant(hours(-24 * 300), NOW, { mayBackdate: true })).toEqual({ ok: true });
  });
});

describe('checkDateRange', () => {
  const codeOf = (v: ReturnType<typeof checkDateRange>) => (v.ok ? null : v.code);
  it('accepts one day (to = from) and refuses a to before from, naming both days', () => {
    expect(checkDateRange('2026-03-29', '2026-03-29')).toEqual({ ok: true });
    const inverted = checkDateRange('2026-12-31', '2026-01-01');
    expect(codeOf(inverted)).toBe('invalid_range');
    expect(!inverted.ok && inverted.detail(fi)).toBe('alkupäivä (31.12.2026) on loppupäivän (1.1.2026) jälkeen');
    expect(!inverted.ok && inverted.message(en)).toBe('must not be before from');
  });
  it('refuses an inverted window whatever the span limit', () => {
    expect(codeOf(checkDateRange('2026-03-30', '2026-03-29', { maxYears: 5 }))).toBe('invalid_range');
  });
  it('with maxYears accepts exactly that many years and refuses a day more', () => {
    expect(checkDateRange('2021-01-01', '2025-12-31', { maxYears: 5 })).toEqual({ ok: true });
    expect(codeOf(checkDateRange('2021-01-01', '2026-01-01', { maxYears: 5 }))).toBe('range_too_long');
    expect(checkDateRange('2021-01-01', '2099-12-31')).toEqual({ ok: true });
  });
  it('counts the years from a leap day to the same calendar position', () => {
    expect(checkDateRange('2024-02-29', '2029-02-28', { maxYears: 5 })).toEqual({ ok: true });
    expect(codeOf(checkDateRange('2024-02-29', '2029-03-01', { maxYears: 5 }))).toBe('range_too_long');
  });
});
