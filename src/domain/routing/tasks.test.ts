import { describe, expect, it } from 'vitest';
import { solve } from './index.ts';
import { buildProblem, buildTasks, inSeason, toPlanResult, type ScheduleInput } from './tasks.ts';

const schedule = (o: Partial<ScheduleInput> = {}): ScheduleInput => ({
  id: 's1', donorId: 'donor', weekdays: ['sun'], windowStart: '08:00', windowEnd: '10:00', expectedG: 40_000,
  requiresRefrigeration: false, seasonStart: null, seasonEnd: null, ...o,
});

describe('route-plan tasks (pure)', () => {
  it('a season may wrap the year end, and a missing bound is open', () => {
    expect(inSeason('2030-12-20', '11-15', '02-28')).toBe(true);
    expect(inSeason('2030-01-10', '11-15', '02-28')).toBe(true);
    expect(inSeason('2030-08-13', '11-15', '02-28')).toBe(false);
    expect(inSeason('2030-07-01', '07-01', '10-31')).toBe(true);
    expect(inSeason('2030-10-31', '07-01', '10-31')).toBe(true);
    expect(inSeason('2030-11-01', '07-01', '10-31')).toBe(false);
    expect(inSeason('2030-03-01', null, null)).toBe(true);
    expect(inSeason('2030-03-01', '04-01', null)).toBe(false);
  });

  it('takes only schedules of the weekday, and groups a point’s reservations into one delivery', () => {
    const tasks = buildTasks('2030-08-13', [schedule({ weekdays: ['tue'] }), schedule({ id: 's2', weekdays: ['wed'] })], [{
      pointId: 'p1', distributionDays: [{ weekday: 'tue', start: '12:00' }, { weekday: 'fri', start: '10:00' }],
      reservations: [{ id: 'r2', bagType: 'food', bags: 3, grams: 15_000 }, { id: 'r1', bagType: 'bread', bags: 2, grams: 4_000 }],
    }, { pointId: 'p2', distributionDays: [{ weekday: 'tue', start: '12:00' }], reservations: [] }]);
    expect(tasks.map((t) => t.taskId)).toEqual(['pickup-s1', 'delivery-p1']);
    expect(tasks[1]).toMatchObject({ grams: 19_000, bags: 5, bagType: null, reservationIds: ['r1', 'r2'] });
    // 12:00 in Helsinki summer time is 09:00Z; the window is the 3 hours before.
    expect(tasks[1].windowStart?.toISOString()).toBe('2030-08-13T06:00:00.000Z');
    expect(tasks[1].windowEnd?.toISOString()).toBe('2030-08-13T09:00:00.000Z');
  });

  it('keeps solver minutes exact on the day the clocks go forward (a 23-hour day)', () => {
    // 2030-03-31 is the last Sunday of March: 03:00 becomes 04:00.
    const date = '2030-03-31';
    const tasks = buildTasks(date, [schedule()], []);
    const depot = { id: 'depot', lat: 61.7, lon: 27.2, serviceMinutes: 0 };
    const donor = { id: 'donor', lat: 61.7, lon: 27.2, serviceMinutes: 10 };
    const built = buildProblem({
      date, depot, tasks, sites: new Map([['donor', donor]]),
      vehicles: [{ id: 'v', capacityG: 100_000, capacityBags: 10, shiftStart: '08:00', shiftEnd: '16:00', refrigerated: false }],
      matrix: { durations: [[0, 0], [0, 0]], distances: [[0, 0], [0, 0]] },
    });
    // 08:00 local is 7 real hours after midnight that day.
    expect(built.problem.vehicles[0].shift).toEqual([7 * 60, 15 * 60]);
    expect(built.problem.jobs[0].timeWindows).toEqual([[7 * 60, 9 * 60]]);
    const result = toPlanResult(built, solve(built.problem, { maxIterations: 10, seed: 1 }), ['v']);
    expect(result.routes[0].stops[0].arrival.toISOString()).toBe('2030-03-31T05:00:00.000Z'); // 08:00 EEST
    expect(result.routes[0].stops[0].departure.toISOString()).toBe('2030-03-31T05:10:00.000Z');
  });

  it('reports a delivery to a point that does not distribute that weekday as unassigned with a reason', () => {
    const tasks = buildTasks('2030-08-13', [], [{ pointId: 'p1', distributionDays: [{ weekday: 'wed', start: '12:00' }], reservations: [{ id: 'r', bagType: 'food', bags: 1, grams: 5000 }] }]);
    const depot = { id: 'depot', lat: 61.7, lon: 27.2, serviceMinutes: 0 };
    const built = buildProblem({
      date: '2030-08-13', depot, tasks, sites: new Map([['p1', { id: 'p1', lat: 61.6, lon: 27.3, serviceMinutes: 10 }]]), vehicles: [],
      matrix: { durations: [[0, 5], [5, 0]], distances: [[0, 5], [5, 0]] },
    });
    const result = toPlanResult(built, solve(built.problem, { maxIterations: 10 }), []);
    expect(result.unassigned).toEqual([expect.objectContaining({ taskId: 'delivery-p1', reason: 'no_distribution_day' })]);
  });

  it('plans a day under way from now: no van leaves earlier, and a task whose window has closed is unassigned', () => {
    const date = '2030-08-13';
    const tasks = buildTasks(date, [schedule({ weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00' }), schedule({ id: 's2', weekdays: ['tue'], windowStart: '14:00', windowEnd: '17:00' })], []);
    const depot = { id: 'depot', lat: 61.7, lon: 27.2, serviceMinutes: 0 };
    const sites = new Map([['donor', { id: 'donor', lat: 61.7, lon: 27.2, serviceMinutes: 10 }]]);
    const vehicles = [{ id: 'v', capacityG: 200_000, capacityBags: 10, shiftStart: '08:00', shiftEnd: '18:00', refrigerated: false }];
    const matrix = { durations: [[0, 5], [5, 0]], distances: [[0, 5], [5, 0]] };
    const startsFrom = new Date('2030-08-13T12:35:00Z'); // 15.35 in Helsinki
    const built = buildProblem({ date, depot, tasks, sites, vehicles, matrix, startsFrom });
    const result = toPlanResult(built, solve(built.problem, { maxIterations: 50, seed: 1 }), ['v']);
    expect(result.unassigned).toEqual([expect.objectContaining({ taskId: 'pickup-s1', reason: 'window_passed' })]);
    expect(result.routes).toHaveLength(1);
    expect(result.routes[0].start.getTime()).toBeGreaterThanOrEqual(startsFrom.getTime());
    expect(result.routes[0].stops.map((s) => s.task.taskId)).toEqual(['pickup-s2']);
    expect(result.routes[0].stops[0].arrival.getTime()).toBeGreaterThanOrEqual(startsFrom.getTime());
    // Without a start the same day plans both from the shift's start at 8.00.
    const morning = buildProblem({ date, depot, tasks, sites, vehicles, matrix });
    const planned = toPlanResult(morning, solve(morning.problem, { maxIterations: 50, seed: 1 }), ['v']);
    expect(planned.unassigned).toEqual([]);
    expect(planned.routes.flatMap((r) => r.stops).find((s) => s.task.taskId === 'pickup-s1')!.arrival.getTime()).toBeLessThan(startsFrom.getTime());
  });

  it('makes a delivery of chilled or frozen bags need refrigeration, and names its coldest class', () => {
    const days = [{ weekday: 'tue', start: '12:00' }];
    const [cold] = buildTasks('2030-08-13', [], [{ pointId: 'p1', distributionDays: days, reservations: [
      { id: 'r1', bagType: 'food', bags: 2, grams: 10_000, classes: ['ambient'] },
      { id: 'r2', bagType: 'food', bags: 1, grams: 5_000, classes: ['frozen', 'chilled'] },
    ] }]);
    expect(cold).toMatchObject({ kind: 'delivery', requiresRefrigeration: true, temperatureClass: 'frozen' });
    const [warm] = buildTasks('2030-08-13', [], [{ pointId: 'p1', distributionDays: days, reservations: [
      { id: 'r1', bagType: 'bread', bags: 2, grams: 4_000, classes: ['ambient'] },
    ] }]);
    expect(warm).toMatchObject({ requiresRefrigeration: false, temperatureClass: 'ambient' });
  });
});
