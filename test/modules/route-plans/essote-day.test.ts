import { afterAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { ESSOTE_DAY, checkFeasible, essote, planAndWait, seedEssoteDay } from '../../helpers/route-plans.ts';

async function planEssoteDay(ctx: TestContext) {
  const net = await seedEssoteDay(ctx);
  const started = Date.now();
  const plan = await planAndWait(ctx, net.auth, net.depot.id, ESSOTE_DAY);
  const wallMs = Date.now() - started;
  expect(plan.status, plan.error).toBe('done');

  const sites = new Map<string, { lat: number; lon: number; serviceMinutes: number }>();
  for (const d of net.donors) sites.set(d.id, { lat: d.lat, lon: d.lon, serviceMinutes: 10 });
  for (const p of Object.values(net.points)) sites.set(p.id, { lat: p.lat, lon: p.lon, serviceMinutes: 15 });
  const schedules = await ctx.deps.database.rows<{ id: string; donor_id: string; requires_refrigeration: boolean; weekdays: string[]; season_start: string | null }>(
    ctx.deps.database.db, (await import('drizzle-orm')).sql`select id, donor_id, requires_refrigeration, weekdays, season_start from pickup_schedules`);
  const pickups = schedules.filter((s) => s.weekdays.includes('tue'));
  const deliveryPoints = [...new Set(net.reservations.map((r) => r.pointId))];
  const expectedTasks = [...pickups.map((s) => `pickup-${s.id}`), ...deliveryPoints.map((p) => `delivery-${p}`)];
  const problems = checkFeasible(plan, {
    vehicles: net.vans, sites, depot: essote.depots[0],
    chilledTasks: new Set(pickups.filter((s) => s.requires_refrigeration).map((s) => `pickup-${s.id}`)),
    expectedTasks, date: ESSOTE_DAY,
  });
  return { net, plan, wallMs, problems, pickups, deliveryPoints };
}

describe('an Essote day', () => {
  const open: TestContext[] = [];
  afterAll(async () => {
    for (const c of open) await c.close();
  });

  it('plans 2 vans, 12 pickups and 5 deliveries through the API and the in-process worker into feasible routes', async () => {
    const ctx = await startTestApp();
    open.push(ctx);
    const { net, plan, wallMs, problems, pickups, deliveryPoints } = await planEssoteDay(ctx);
    expect(pickups).toHaveLength(12);
    expect(deliveryPoints).toHaveLength(5);
    expect(problems).toEqual([]);
    // A feasible day: every task is served, with at most the two vans.
    expect(plan.unassigned).toEqual([]);
    expect(plan.routes.length).toBeGreaterThanOrEqual(1);
    expect(plan.routes.length).toBeLessThanOrEqual(2);
    expect(plan.totals.vehicles).toBe(plan.routes.length);
    // A delivery carries the weight of its bags: Mäntyharju gets 20 food bags (5 kg) and 5 family bags (9 kg).
    const stops = plan.routes.flatMap((r: { stops: { taskId: string; kg: number; bags: number }[] }) => r.stops);
    expect(stops.find((s: { taskId: string }) => s.taskId === `delivery-${net.points.mantyharju.id}`)).toMatchObject({ kg: 145, bags: 25 });
    expect(plan.totals.distanceKm).toBeCloseTo(plan.routes.reduce((a: number, r: { distanceKm: number }) => a + r.distanceKm, 0), 2);
    // The chilled pickups (Prisma, Citymarket) ride in the refrigerated van or briefly.
    console.log(`Essote day: ${plan.routes.length} vans, ${plan.totals.distanceKm} km, ${plan.totals.durationMin} min driving+service; `
      + `worker plan time ${plan.totals.planMs} ms (solver budget ${ctx.config.PLANNING_TIME_LIMIT_MS} ms), request-to-done ${wallMs} ms`);
  });

  it('plans the same day through BullMQ on the real Redis', async () => {
    const ctx = await startTestApp({ redis: true, worker: true, env: { PLANNING_TIME_LIMIT_MS: '500' } });
    open.push(ctx);
    expect(ctx.deps.runner.kind).toBe('bullmq');
    const { plan, problems } = await planEssoteDay(ctx);
    expect(problems).toEqual([]);
    expect(plan.unassigned).toEqual([]);
  });
});
