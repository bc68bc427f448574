import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { testClock } from '../../helpers/reservations.ts';
import { planAndWait, post } from '../../helpers/route-plans.ts';

/**
 * A plan of today made in the afternoon (issue 19, item 16): it starts from now, rounded up to
 * the next 5 minutes, never with times in the past, and a pickup whose window closed in the
 * morning is left off with a reason the coordinator reads in Finnish.
 */
const DAY = '2030-08-13'; // a Tuesday

describe.each(['postgres', 'embedded'] as const)('a plan of today starts from now (%s)', (mode) => {
  const clock = testClock(new Date('2030-08-13T12:31:00Z')); // 15.31 in Helsinki
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let morning: { id: string };
  let afternoon: { id: string };

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200' }, now: clock.now });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Päiväauto', capacityKg: 500, capacityBags: 50, shiftStart: '08:00', shiftEnd: '18:00' });
    morning = await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 30 });
    afternoon = await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '15:00', windowEnd: '17:00', expectedKg: 25 });
  });
  afterAll(() => ctx?.close());

  it('plans the afternoon from 15.35 and reports the morning pickup as unplanned, in Finnish', async () => {
    const plan = await planAndWait(ctx, net.auth, net.depot.id, DAY);
    expect(plan.status).toBe('done');
    const startsFrom = '2030-08-13T12:35:00.000Z';
    expect(plan.totals.startsFrom).toBe(startsFrom);
    expect(plan.routes).toHaveLength(1);
    const [route] = plan.routes;
    expect(route.start >= startsFrom).toBe(true);
    expect(route.stops.map((s: { taskId: string }) => s.taskId)).toEqual([`pickup-${afternoon.id}`]);
    for (const s of route.stops) expect(s.arrival >= startsFrom).toBe(true);
    expect(plan.unassigned).toEqual([expect.objectContaining({ taskId: `pickup-${morning.id}`, reason: 'window_passed' })]);

    const fi = await ctx.http().get(`/route-plans/${plan.id}`).set(net.auth).set('Accept-Language', 'fi');
    expect(fi.body.unassigned[0].detail).toMatch(/^Aikaikkuna sulkeutui jo/);
  });

  it('plans another day from the shifts, whatever the time now', async () => {
    const next = await planAndWait(ctx, net.auth, net.depot.id, '2030-08-20'); // the next Tuesday
    expect(next.status).toBe('done');
    expect(next.totals.startsFrom).toBeUndefined();
    expect(next.unassigned).toEqual([]);
    expect(next.routes[0].stops.map((s: { taskId: string }) => s.taskId)).toContain(`pickup-${morning.id}`);
  });
});
