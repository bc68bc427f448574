import { describe, expect, it } from 'vitest';
import { completedAfterRouteDay, handOutLimit, loadingDayVerdict, routeDayEnded, sortLoad } from './loading.ts';

// 2026-12-08 in Helsinki (winter time, UTC+2) runs from 2026-12-07T22:00Z to 2026-12-08T22:00Z.
const day = '2026-12-08';

describe('loading a route', () => {
  it('is allowed only on the route’s own local day', () => {
    expect(loadingDayVerdict(day, new Date('2026-12-07T22:00:00Z'))).toEqual({ ok: true });
    expect(loadingDayVerdict(day, new Date('2026-12-08T21:59:00Z'))).toEqual({ ok: true });
    expect(loadingDayVerdict(day, new Date('2026-12-07T21:59:00Z'))).toMatchObject({ ok: false, rule: 'not_route_day' });
    expect(loadingDayVerdict(day, new Date('2026-12-08T22:00:00Z'))).toMatchObject({ ok: false, rule: 'not_route_day' });
  });

  it('loads bags good on the day, discards those past their date, and reports held and recalled ones', () => {
    const out = sortLoad([
      { id: 'good', status: 'reserved', handOutBy: day },
      { id: 'undated', status: 'reserved', handOutBy: null },
      { id: 'old', status: 'reserved', handOutBy: '2026-12-07' },
      { id: 'warm', status: 'held', handOutBy: day },
      { id: 'recall', status: 'recalled', handOutBy: day },
      { id: 'gone', status: 'dispatched', handOutBy: '2026-12-01' },
    ], day);
    expect(out.load).toEqual(['good', 'undated']);
    expect(out.discard).toEqual(['old']);
    expect(out.leftBehind).toEqual([
      { id: 'old', reason: 'expired', handOutBy: '2026-12-07' },
      { id: 'warm', reason: 'held', handOutBy: day },
      { id: 'recall', reason: 'recalled', handOutBy: day },
    ]);
  });
});

describe('handing bags out', () => {
  it('counts the bags that may still be handed out on the delivery’s day', () => {
    const bags = [{ handOutBy: '2026-12-07' }, { handOutBy: day }, { handOutBy: null }];
    expect(handOutLimit(bags, day)).toBe(2);
    expect(handOutLimit(bags, '2026-12-09')).toBe(1);
  });

  it('takes a delivery recorded later as happening on the route’s day, never after it', () => {
    expect(completedAfterRouteDay(day, new Date('2026-12-08T21:59:59Z'))).toBe(false);
    expect(completedAfterRouteDay(day, new Date('2026-12-08T22:00:00Z'))).toBe(true);
    expect(completedAfterRouteDay(day, new Date('2026-12-07T23:00:00Z'))).toBe(false);
  });

  it('finds a route’s day ended at the next Helsinki midnight', () => {
    expect(routeDayEnded(day, new Date('2026-12-08T21:59:59Z'))).toBe(false);
    expect(routeDayEnded(day, new Date('2026-12-08T22:00:00Z'))).toBe(true);
  });
});
