import { describe, expect, it } from 'vitest';
import { acceptedWindow, collectsOn, DONOR_SKIP_CUTOFF_MINUTES, inSeason, pickupDays, skipCutoff, skipVerdict } from './donors.ts';

const tuesdays = { id: 's1', weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', seasonStart: null, seasonEnd: null };

describe('the donor\'s pickups', () => {
  it('lists the days a schedule collects on, in its season, by date and window', () => {
    const fridays = { ...tuesdays, id: 's2', weekdays: ['fri', 'tue'], windowStart: '07:00' };
    expect(pickupDays([tuesdays, fridays], '2026-12-07', '2026-12-13').map((p) => [p.date, p.schedule.id]))
      .toEqual([['2026-12-08', 's2'], ['2026-12-08', 's1'], ['2026-12-11', 's2']]);
    const summer = { ...tuesdays, seasonStart: '06-01', seasonEnd: '09-30' };
    expect(collectsOn(summer, '2026-12-08')).toBe(false);
    expect(collectsOn(summer, '2026-09-29')).toBe(true);
    expect(inSeason('2026-12-20', '11-15', '02-28')).toBe(true);
    expect(inSeason('2026-03-01', '11-15', '02-28')).toBe(false);
  });

  it('lets a pickup be skipped until the cut-off, 2 hours before its window by default', () => {
    expect(DONOR_SKIP_CUTOFF_MINUTES).toBe(120);
    const pickup = { date: '2026-12-08', windowStart: '09:00' }; // 9.00 in Helsinki = 07:00Z
    expect(skipCutoff(new Date('2026-12-08T07:00:00Z'), 120)).toEqual(new Date('2026-12-08T05:00:00Z'));
    expect(skipVerdict(new Date('2026-12-07T20:00:00Z'), pickup, 120)).toBe('ok');
    expect(skipVerdict(new Date('2026-12-08T05:00:00Z'), pickup, 120)).toBe('ok');
    expect(skipVerdict(new Date('2026-12-08T05:00:01Z'), pickup, 120)).toBe('after_cutoff');
    expect(skipVerdict(new Date('2026-12-08T07:00:00Z'), pickup, 120)).toBe('past');
    expect(skipVerdict(new Date('2026-12-09T06:00:00Z'), pickup, 0)).toBe('past');
    // On a daylight-saving day the cut-off is still two real hours before the window.
    expect(skipVerdict(new Date('2026-03-29T04:00:00Z'), { date: '2026-03-29', windowStart: '09:00' }, 120)).toBe('ok');
    expect(skipVerdict(new Date('2026-03-29T04:00:01Z'), { date: '2026-03-29', windowStart: '09:00' }, 120)).toBe('after_cutoff');
  });
});

describe('the window of an accepted offer', () => {
  const offer = { readyFrom: new Date('2026-12-08T08:00:00Z'), readyUntil: new Date('2026-12-09T12:00:00Z') };
  it('is the coordinator\'s window when given', () => {
    expect(acceptedWindow(offer, '2026-12-10', { start: '11:00', end: '12:00' })).toEqual({ start: new Date('2026-12-10T09:00:00Z'), end: new Date('2026-12-10T10:00:00Z') });
  });
  it('is otherwise the part of the ready window on that day, or none', () => {
    expect(acceptedWindow(offer, '2026-12-08')).toEqual({ start: new Date('2026-12-08T08:00:00Z'), end: new Date('2026-12-08T22:00:00Z') });
    expect(acceptedWindow(offer, '2026-12-09')).toEqual({ start: new Date('2026-12-08T22:00:00Z'), end: new Date('2026-12-09T12:00:00Z') });
    expect(acceptedWindow(offer, '2026-12-10')).toBeNull();
  });
});
