import { describe, expect, it } from 'vitest';
import { type DistributionCounts, MAX_BAGS_PER_DAY, MAX_PERSONS_PER_DAY, correctionViolation, distributionViolation } from './distributions.ts';

const today = '2026-12-01';
const day: DistributionCounts = { date: '2026-12-01', households: 40, persons: 95, children: 30, seniors: 12, bagsHandedOut: 48, note: 'jonoa oli' };
const ruleOf = (d: Partial<DistributionCounts>) => distributionViolation({ ...day, ...d }, today)?.rule ?? null;

describe('distributionViolation', () => {
  it('accepts a plain day, and households alone', () => {
    expect(ruleOf({})).toBeNull();
    expect(ruleOf({ persons: null, children: null, seniors: null, note: null })).toBeNull();
  });

  it('accepts a day of nobody coming (all zero)', () => {
    expect(ruleOf({ households: 0, persons: 0, children: 0, seniors: 0, bagsHandedOut: 0 })).toBeNull();
  });

  it('refuses a date after today, but not today or the past', () => {
    expect(ruleOf({ date: '2026-12-02' })).toBe('future_date');
    expect(ruleOf({ date: '2025-12-02' })).toBeNull();
  });

  it('takes exactly the bound of persons and households, not one more', () => {
    expect(ruleOf({ households: MAX_PERSONS_PER_DAY, persons: MAX_PERSONS_PER_DAY })).toBeNull();
    expect(ruleOf({ persons: MAX_PERSONS_PER_DAY + 1 })).toBe('persons_over_bound');
    expect(ruleOf({ households: MAX_PERSONS_PER_DAY + 1, persons: null, children: null, seniors: null })).toBe('households_over_bound');
  });

  it('refuses more households than persons', () => {
    expect(ruleOf({ households: 96 })).toBe('households_exceed_persons');
    expect(ruleOf({ households: 95 })).toBeNull();
  });

  it('counts children and seniors among the persons', () => {
    expect(ruleOf({ children: 60, seniors: 36 })).toBe('groups_exceed_persons');
    expect(ruleOf({ persons: null, seniors: 3, children: null })).toBe('groups_need_persons');
  });

  it('bounds bags per day', () => {
    expect(ruleOf({ bagsHandedOut: MAX_BAGS_PER_DAY })).toBeNull();
    expect(ruleOf({ bagsHandedOut: MAX_BAGS_PER_DAY + 1 })).toBe('bags_over_bound');
  });

  it('refuses a note with a personal identity code, a phone number or an email address', () => {
    expect(ruleOf({ note: 'Virtanen 131052-308T' })).toBe('note_personal_identity_code');
    expect(ruleOf({ note: 'Virtanen 131052 308T' })).toBe('note_personal_identity_code');
    expect(ruleOf({ note: 'soita 040 123 4567 jos jää yli' })).toBe('note_phone_number');
    expect(ruleOf({ note: 'lähetä kuitti matti.virtanen@example.fi' })).toBe('note_email_address');
  });
});

describe('correctionViolation', () => {
  it('lets a correction change the counts of the same day', () => {
    expect(correctionViolation({ date: '2026-11-30' }, { date: '2026-11-30' })).toBeNull();
  });

  it('refuses a correction that would move the day’s record to another day, earlier or later', () => {
    expect(correctionViolation({ date: '2026-11-30' }, { date: '2026-11-21' })?.rule).toBe('correction_other_day');
    expect(correctionViolation({ date: '2026-11-21' }, { date: '2026-11-30' })?.rule).toBe('correction_other_day');
  });
});
