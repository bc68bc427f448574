import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';

/** Signs a browser in to the dashboard: the cookie the app's link relies on. */
async function boardCookie(ctx: TestContext, token: string) {
  const res = await ctx.http().post('/admin/queues/session').set(bearer(token));
  expect(res.status).toBe(204);
  const cookie = String(res.headers['set-cookie']);
  expect(cookie).toMatch(/^kassi_board=[^;]+; Path=\/admin\/queues; Max-Age=3600; HttpOnly; SameSite=Strict/);
  return cookie.split(';')[0];
}

describe('the queue dashboard with BullMQ (bull-board), coordinators only', () => {
  let ctx: TestContext;
  let coordinator: { token: string };
  let warehouse: { token: string };

  beforeAll(async () => {
    ctx = await startTestApp({ redis: true });
    coordinator = await ctx.userToken('coordinator');
    warehouse = await ctx.userToken('warehouse');
    // No worker runs in this process: the job waits in Redis where the dashboard sees it.
    await ctx.deps.runner.enqueue('purge-expired', {}, { jobId: 'board-test-purge' });
  });
  afterAll(() => ctx?.close());

  it('serves bull-board and its API to a coordinator signed in by the cookie, listing the kassi queue and its waiting job', async () => {
    const cookie = await boardCookie(ctx, coordinator.token);
    const page = await ctx.http().get('/admin/queues').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    const queues = await ctx.http().get('/admin/queues/api/queues').query({ activeQueue: 'kassi', status: 'waiting', page: 1, jobsPerPage: 10 }).set('cookie', cookie);
    expect(queues.status).toBe(200);
    const kassi = queues.body.queues.find((q: { name: string }) => q.name === 'kassi');
    expect(kassi.counts.waiting).toBeGreaterThanOrEqual(1);
    expect(kassi.jobs.map((j: { id: string }) => j.id)).toContain('board-test-purge');
    const jobs = await ctx.http().get('/admin/jobs').set(bearer(coordinator.token));
    expect(jobs.body.kind).toBe('bullmq');
    expect(jobs.body.jobs).toContainEqual(expect.objectContaining({ id: 'board-test-purge', name: 'purge-expired', state: 'waiting' }));
  });

  it('answers 401 without a token or cookie, and 403 to other roles, by bearer or by cookie', async () => {
    expect((await ctx.http().get('/admin/queues')).status).toBe(401);
    const anonymous = await ctx.http().get('/admin/queues/api/queues');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    const fi = await ctx.http().get('/admin/queues/api/queues').set('cookie', `kassi_board=${warehouse.token}`).set('accept-language', 'fi');
    expect(fi.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(fi.body).toMatchObject({ status: 403, code: 'forbidden', title: 'Ei sallittu', detail: 'Roolisi ei salli tätä toimintoa' });
    expect((await ctx.http().get('/admin/queues').set('cookie', 'kassi_board=not-a-token')).status).toBe(401);
    expect((await ctx.http().post('/admin/queues/session').set(bearer(warehouse.token))).status).toBe(403);
    expect((await ctx.http().get('/admin/queues/api/queues').set('cookie', `kassi_board=${warehouse.token}`)).status).toBe(403);
    expect((await ctx.http().get('/admin/jobs').set(bearer(warehouse.token))).status).toBe(403);
    // The cookie signs in only the dashboard, not the API.
    expect((await ctx.http().get('/admin/jobs').set('cookie', `kassi_board=${coordinator.token}`)).status).toBe(401);
    // A body with fields is refused.
    expect((await ctx.http().post('/admin/queues/session').set(bearer(coordinator.token)).send({ role: 'x' })).status).toBe(400);
  });
});

describe('the queue dashboard in embedded mode: the in-process jobs', () => {
  let ctx: TestContext;
  let coordinator: { token: string };

  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded' });
    coordinator = await ctx.userToken('coordinator');
  });
  afterAll(() => ctx?.close());

  it('lists jobs the process ran, as JSON and as a page behind the same cookie', async () => {
    await ctx.deps.runner.enqueue('purge-expired', {}, { jobId: 'embedded-purge' });
    const done = await eventually(async () => {
      const res = await ctx.http().get('/admin/jobs').set(bearer(coordinator.token));
      expect(res.status).toBe(200);
      return res.body.jobs.find((j: { id: string; state: string }) => j.id === 'embedded-purge' && j.state === 'completed');
    }, 10_000);
    expect(done).toMatchObject({ name: 'purge-expired', attempt: 1 });
    const cookie = await boardCookie(ctx, coordinator.token);
    const page = await ctx.http().get('/admin/queues').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.text).toContain('embedded-purge');
    expect(page.text).toContain('completed');
    expect((await ctx.http().get('/admin/queues')).status).toBe(401);
  });
});
