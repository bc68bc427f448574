import { describe, expect, it } from 'vitest';
import { actualLoads, completionTimeVerdict, correctionVerdict, navigationLegs, stopChange, stopNavigationUrl } from './driver-route.ts';

const p = (i: number) => ({ lat: 61 + i / 100, lon: 27 + i / 100 });
const decoded = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('stopNavigationUrl', () => {
  it('opens driving directions from where the phone is to the stop', () => {
    expect(decoded(stopNavigationUrl({ lat: 61.69, lon: 27.27 }))).toEqual({ api: '1', destination: '61.69,27.27', travelmode: 'driving' });
  });
});

describe('navigationLegs', () => {
  it('gives no leg for a route without stops to drive', () => {
    expect(navigationLegs([p(0)])).toEqual([]);
  });

  it('keeps a route of up to 9 stops in one link: depot, the stops as waypoints, depot', () => {
    const points = [p(0), ...Array.from({ length: 9 }, (_, i) => p(i + 1)), p(0)];
    const legs = navigationLegs(points);
    expect(legs).toHaveLength(1);
    expect(legs[0]).toMatchObject({ from: 0, to: 10 });
    const q = decoded(legs[0].url);
    expect(q.origin).toBe('61,27');
    expect(q.destination).toBe('61,27');
    expect(q.waypoints.split('|')).toHaveLength(9);
  });

  it('splits 10 stops into two legs, the second starting where the first ended', () => {
    const points = [p(0), ...Array.from({ length: 10 }, (_, i) => p(i + 1)), p(0)];
    const legs = navigationLegs(points);
    expect(legs.map((l) => [l.from, l.to])).toEqual([[0, 10], [10, 11]]);
    expect(decoded(legs[0].url).destination).toBe(decoded(legs[1].url).origin);
    expect(decoded(legs[1].url).waypoints).toBeUndefined();
  });

  it('never puts more than the limit between origin and destination, and visits every point in order', () => {
    for (let n = 1; n <= 40; n += 1) {
      const points = [p(0), ...Array.from({ length: n }, (_, i) => p(i + 1)), p(0)];
      const legs = navigationLegs(points, 9);
      const visited: string[] = [];
      for (const [i, leg] of legs.entries()) {
        const q = decoded(leg.url);
        const via = q.waypoints ? q.waypoints.split('|') : [];
        expect(via.length).toBeLessThanOrEqual(9);
        if (i === 0) visited.push(q.origin);
        visited.push(...via, q.destination);
      }
      expect(visited).toEqual(points.map((x) => `${x.lat},${x.lon}`));
    }
  });
});

describe('actualLoads', () => {
  const stop = (kind: 'pickup' | 'delivery', bags: number, grams: number, loadBagsAfter: number, loadGAfter: number) =>
    ({ kind, bags, grams, loadBagsAfter, loadGAfter });

  it('keeps the plan when everything was dispatched', () => {
    const stops = [stop('delivery', 5, 25_000, 3, 15_000), stop('delivery', 3, 15_000, 0, 0)];
    expect(actualLoads(stops, [{ bags: 5, grams: 25_000 }, { bags: 3, grams: 15_000 }]))
      .toEqual([{ loadBagsAfter: 3, loadGAfter: 15_000 }, { loadBagsAfter: 0, loadGAfter: 0 }]);
  });

  it('takes bags that never left the depot off the load before their stop, not after it', () => {
    // Planned: 20 + 10 bags leave the depot; 2 of the second stop's were cancelled before the publish.
    const stops = [stop('delivery', 20, 100_000, 10, 50_000), stop('pickup', 0, 40_000, 10, 90_000), stop('delivery', 10, 50_000, 0, 40_000)];
    expect(actualLoads(stops, [{ bags: 20, grams: 100_000 }, undefined, { bags: 8, grams: 40_000 }])).toEqual([
      { loadBagsAfter: 8, loadGAfter: 40_000 },
      { loadBagsAfter: 8, loadGAfter: 80_000 },
      { loadBagsAfter: 0, loadGAfter: 40_000 },
    ]);
  });
});

describe('completionTimeVerdict', () => {
  // 2030-08-13 starts at 2030-08-12T21:00Z in Helsinki (summer time).
  const day = '2030-08-13';

  it('refuses a stop marked done the evening before its route day (Helsinki time)', () => {
    const at = new Date('2030-08-12T20:59:00Z');
    expect(completionTimeVerdict(day, at, at)).toMatchObject({ ok: false, rule: 'before_route_day' });
  });

  it('accepts it from local midnight of the route day, and days later (a phone that was offline)', () => {
    const midnight = new Date('2030-08-12T21:00:00Z');
    expect(completionTimeVerdict(day, midnight, midnight)).toEqual({ ok: true });
    expect(completionTimeVerdict(day, new Date('2030-08-13T09:00:00Z'), new Date('2030-08-15T09:00:00Z'))).toEqual({ ok: true });
  });

  it('refuses a time after the route day, however it is sent: the stop happened on its day', () => {
    const next = new Date('2030-08-13T21:00:00Z'); // 00:00 on the 14th in Helsinki
    expect(completionTimeVerdict(day, next, next)).toMatchObject({ ok: false, rule: 'after_route_day' });
    expect(completionTimeVerdict(day, new Date('2030-08-13T20:59:00Z'), next)).toEqual({ ok: true });
  });

  it('refuses a phone time on the route day while the server is still on the day before', () => {
    expect(completionTimeVerdict(day, new Date('2030-08-13T08:00:00Z'), new Date('2030-08-12T20:58:00Z'))).toMatchObject({ ok: false });
  });

  it('refuses a time in the future beyond 5 minutes of clock skew', () => {
    const now = new Date('2030-08-13T09:00:00Z');
    expect(completionTimeVerdict(day, new Date('2030-08-13T09:04:00Z'), now)).toEqual({ ok: true });
    expect(completionTimeVerdict(day, new Date('2030-08-13T09:06:00Z'), now)).toMatchObject({ ok: false, rule: 'in_future' });
  });
});

describe('stopChange', () => {
  const at = (min: number) => new Date(Date.UTC(2030, 7, 13, 6, min));
  const stop = { driverId: 'd1', arrival: at(0), bags: 5, grams: 25_000 };

  it('is nothing when the driver keeps the task at about the same time with the same load', () => {
    expect(stopChange(stop, { ...stop, arrival: at(14) })).toBeUndefined();
  });

  it('is added for a new task, and for one moved from another driver', () => {
    expect(stopChange(undefined, stop)).toBe('added');
    expect(stopChange({ ...stop, driverId: 'd2' }, stop)).toBe('added');
  });

  it('is updated when the arrival moves by 15 minutes or the bags or kilos change', () => {
    expect(stopChange(stop, { ...stop, arrival: at(15) })).toBe('updated');
    expect(stopChange(stop, { ...stop, bags: 4 })).toBe('updated');
    expect(stopChange(stop, { ...stop, grams: 24_000 })).toBe('updated');
  });
});

describe('correctionVerdict', () => {
  const day = '2030-08-13';
  const onDay = new Date('2030-08-13T11:00:00Z');
  const nextDay = new Date('2030-08-14T08:00:00Z');
  it('lets the driver correct on the route\'s day, also sent the next day from an offline phone', () => {
    expect(correctionVerdict('driver', day, onDay, onDay)).toEqual({ ok: true });
    expect(correctionVerdict('driver', day, onDay, nextDay)).toEqual({ ok: true });
  });
  it('leaves a correction after the route\'s day to a coordinator', () => {
    expect(correctionVerdict('driver', day, nextDay, nextDay)).toMatchObject({ ok: false, rule: 'after_route_day' });
    expect(correctionVerdict('coordinator', day, nextDay, nextDay)).toEqual({ ok: true });
  });
  it('refuses a correction before the route\'s day or in the future, whoever makes it', () => {
    const before = new Date('2030-08-12T11:00:00Z');
    expect(correctionVerdict('coordinator', day, before, before)).toMatchObject({ ok: false, rule: 'before_route_day' });
    expect(correctionVerdict('driver', day, new Date('2030-08-13T12:00:00Z'), onDay)).toMatchObject({ ok: false, rule: 'in_future' });
  });
});
