import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { ESSOTE_DAY, post, seedEssoteDay, waitForPlan } from '../../helpers/route-plans.ts';

/**
 * In embedded mode the planner runs inside the API process: the solver works on its own
 * thread, so requests keep being answered while a plan is being solved.
 */
describe('planning in the API process', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded', env: { PLANNING_TIME_LIMIT_MS: '4000' } });
  });
  afterAll(() => ctx?.close());

  it('answers other requests while the solver runs', { timeout: 120_000 }, async () => {
    const net = await seedEssoteDay(ctx);
    const queued = await post(ctx, net.auth, '/route-plans', { depotId: net.depot.id, date: ESSOTE_DAY }, 202);
    let sawRunning = false;
    for (let i = 0; i < 200 && !sawRunning; i++) {
      const res = await ctx.http().get(`/route-plans/${queued.id}`).set(net.auth);
      sawRunning = res.body.status === 'running';
      if (!sawRunning) await new Promise((r) => setTimeout(r, 20));
    }
    expect(sawRunning).toBe(true);
    // The plan is being solved now; a request made meanwhile is answered before it is done.
    const sites = await ctx.http().get('/sites?kind=point').set(net.auth);
    expect(sites.status).toBe(200);
    const during = await ctx.http().get(`/route-plans/${queued.id}`).set(net.auth);
    expect(during.body.status).toBe('running');
    expect((await waitForPlan(ctx, net.auth, queued.id)).status).toBe('done');
  });
});
