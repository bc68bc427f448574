import { describe, expect, it } from 'vitest';
import { attendanceChains, attendanceMinutes, changesAttendance, checkSignup, eligibilityProblem, hasValidHygienePassport, shortBy, summariseHours, weeklyOccurrences, type ShiftFacts, type VolunteerFacts } from './shifts.ts';
import { en, type Text } from '../i18n/messages.ts';

const packing: ShiftFacts = { kind: 'packing', start: new Date('2026-05-12T06:00:00Z'), end: new Date('2026-05-12T10:00:00Z'), needed: 2 };
const volunteer: VolunteerFacts = { role: 'warehouse', active: true, hygienePassportUntil: '2027-01-01' };
const before = new Date('2026-05-11T12:00:00Z');

describe('checkSignup', () => {
  it('lets an eligible volunteer into a shift with room before it starts', () => {
    expect(checkSignup({ shift: packing, user: volunteer, signedUp: 1, now: before })).toEqual({ ok: true });
  });

  it('refuses a full shift with 409', () => {
    expect(checkSignup({ shift: packing, user: volunteer, signedUp: 2, now: before })).toMatchObject({ ok: false, kind: 'closed', rule: 'shift_full' });
  });

  it('refuses a shift that has started, even with room, with 409', () => {
    expect(checkSignup({ shift: packing, user: volunteer, signedUp: 0, now: packing.start })).toMatchObject({ ok: false, kind: 'closed', rule: 'shift_past' });
  });

  it('refuses packing without a hygiene passport, saying why', () => {
    const v = checkSignup({ shift: packing, user: { ...volunteer, hygienePassportUntil: null }, signedUp: 0, now: before });
    expect(v).toMatchObject({ ok: false, kind: 'not_eligible', rule: 'hygiene_passport_required' });
    expect((v as { message: Text }).message(en)).toMatch(/no hygiene passport/);
  });

  it('refuses packing when the passport runs out before the shift day', () => {
    const v = checkSignup({ shift: packing, user: { ...volunteer, hygienePassportUntil: '2026-05-11' }, signedUp: 0, now: before });
    expect((v as { message: Text }).message(en)).toMatch(/expired on 2026-05-11/);
  });

  it('does not ask for a passport on a warehouse shift', () => {
    expect(eligibilityProblem({ ...packing, kind: 'warehouse' }, { ...volunteer, hygienePassportUntil: null })).toBeNull();
  });

  it('keeps drivers to driving and refuses inactive volunteers', () => {
    expect(eligibilityProblem({ ...packing, kind: 'driving' }, volunteer)).toMatchObject({ rule: 'role_not_eligible' });
    expect(eligibilityProblem({ ...packing, kind: 'driving' }, { ...volunteer, role: 'driver' })).toBeNull();
    expect(eligibilityProblem({ ...packing, kind: 'warehouse' }, { ...volunteer, active: false })).toMatchObject({ rule: 'user_inactive' });
  });
});

describe('hasValidHygienePassport', () => {
  it('counts the last valid day itself, on the Helsinki calendar', () => {
    // 23:30 UTC on the 30th is already the 31st in Helsinki.
    expect(hasValidHygienePassport('2026-05-31', new Date('2026-05-30T23:30:00Z'))).toBe(true);
    expect(hasValidHygienePassport('2026-05-30', new Date('2026-05-30T23:30:00Z'))).toBe(false);
  });
});

describe('weeklyOccurrences', () => {
  it('keeps 08:00–12:00 Helsinki across the spring DST change', () => {
    const out = weeklyOccurrences(new Date('2026-03-23T06:00:00Z'), new Date('2026-03-23T10:00:00Z'), 2);
    expect(out.map((o) => [o.start.toISOString(), o.end.toISOString()])).toEqual([
      ['2026-03-23T06:00:00.000Z', '2026-03-23T10:00:00.000Z'],
      ['2026-03-30T05:00:00.000Z', '2026-03-30T09:00:00.000Z'],
    ]);
  });

  it('keeps the wall clock across the autumn change too', () => {
    const [, next] = weeklyOccurrences(new Date('2026-10-19T15:00:00Z'), new Date('2026-10-19T18:00:00Z'), 2);
    expect(next.start.toISOString()).toBe('2026-10-26T16:00:00.000Z');
  });

  it('refuses a count that is not a positive integer', () => {
    expect(() => weeklyOccurrences(packing.start, packing.end, 0)).toThrow(RangeError);
  });
});

describe('attendance and hours', () => {
  it('gives a present volunteer the whole shift by default and a no-show nothing', () => {
    expect(attendanceMinutes({ present: true }, packing)).toBe(240);
    expect(attendanceMinutes({ present: true, minutes: 180 }, packing)).toBe(180);
    expect(attendanceMinutes({ present: false }, packing)).toBe(0);
  });

  it('adds minutes per volunteer and per week, with no-shows counted apart', () => {
    const out = summariseHours([
      { userId: 'b', date: '2026-03-02', present: true, minutes: 240 },
      { userId: 'a', date: '2026-03-03', present: true, minutes: 90 },
      { userId: 'a', date: '2026-03-09', present: true, minutes: 30 },
      { userId: 'c', date: '2026-03-09', present: false, minutes: 0 },
    ], 'week');
    expect(out.perVolunteer).toEqual([
      { userId: 'a', shifts: 2, noShows: 0, minutes: 120, hours: 2 },
      { userId: 'b', shifts: 1, noShows: 0, minutes: 240, hours: 4 },
      { userId: 'c', shifts: 0, noShows: 1, minutes: 0, hours: 0 },
    ]);
    expect(out.periods).toEqual([
      { period: '2026-W10', volunteers: 2, minutes: 330, hours: 5.5 },
      { period: '2026-W11', volunteers: 1, minutes: 30, hours: 0.5 },
    ]);
    expect([out.totalMinutes, out.totalHours, out.volunteersActive]).toEqual([360, 6, 2]);
  });

  it('is empty for no records', () => {
    expect(summariseHours([])).toMatchObject({ perVolunteer: [], periods: [], totalMinutes: 0, volunteersActive: 0 });
  });

  it('never counts below zero people short', () => {
    expect([shortBy(3, 1), shortBy(2, 5)]).toEqual([2, 0]);
  });
});

describe('attendance history', () => {
  const rec = (id: string, supersedesId: string | null, minutes: number, userId = 'u1') => ({ id, shiftId: 's1', userId, present: minutes > 0, minutes, supersedesId });

  it('makes the latest correction current and keeps the corrected records as its history, oldest first', () => {
    const chains = attendanceChains([rec('c', 'b', 150), rec('a', null, 240), rec('b', 'a', 180)]);
    expect(chains).toEqual([{ current: rec('c', 'b', 150), history: [rec('a', null, 240), rec('b', 'a', 180)] }]);
  });

  it('keeps each volunteer of a shift apart, and a record never corrected has no history', () => {
    const chains = attendanceChains([rec('a', null, 240), rec('x', null, 0, 'u2'), rec('b', 'a', 0)]);
    expect(chains).toEqual([{ current: rec('x', null, 0, 'u2'), history: [] }, { current: rec('b', 'a', 0), history: [rec('a', null, 240)] }]);
  });

  it('has no chains without records', () => {
    expect(attendanceChains([])).toEqual([]);
  });

  it('takes the first record, and a changed presence or minutes, as a change, but not the same values again', () => {
    expect(changesAttendance(undefined, { present: false, minutes: 0 })).toBe(true);
    expect(changesAttendance({ present: true, minutes: 240 }, { present: true, minutes: 180 })).toBe(true);
    expect(changesAttendance({ present: true, minutes: 240 }, { present: false, minutes: 0 })).toBe(true);
    expect(changesAttendance({ present: true, minutes: 240 }, { present: true, minutes: 240 })).toBe(false);
  });
});
