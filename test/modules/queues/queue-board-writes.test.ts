import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_PATH, boardCsrfToken } from '../../../src/plugins/access.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';

/** The dashboard session's cookies, as the browser gets them from `POST /admin/queues/session`. */
async function boardSession(ctx: TestContext, token: string) {
  const res = await ctx.http().post(`${BOARD_PATH}/session`).set(bearer(token));
  expect(res.status).toBe(204);
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const board = cookies.find((c) => c.startsWith('kassi_board='))!;
  const csrf = cookies.find((c) => c.startsWith('XSRF-TOKEN='))!;
  // The CSRF cookie is for the dashboard's scripts to read (not HttpOnly), on the dashboard's path only.
  expect(csrf).toMatch(/^XSRF-TOKEN=[\w-]{43}; Path=\/admin\/queues; Max-Age=3600; SameSite=Strict$/);
  expect(board).toMatch(/; HttpOnly; SameSite=Strict$/);
  return { board: board.split(';')[0], csrf: csrf.split(';')[0].slice('XSRF-TOKEN='.length) };
}

async function pageCookie(ctx: TestContext, token: string) {
  const res = await ctx.http().post('/auth/page-session').set(bearer(token));
  expect(res.status).toBe(204);
  return String(res.headers['set-cookie']).split(';')[0];
}

/** A body each dashboard write would take from the dashboard itself. */
const BODIES: Record<string, object> = {
  add: { name: 'purge-expired', data: {} },
  concurrency: { concurrency: 5 },
  'rate-limit': { max: 1, duration: 1000 },
};

const isWrite = (method: string) => !['GET', 'HEAD'].includes(method);

describe('the queue dashboard\'s writes with BullMQ (bull-board): never on a cookie alone', () => {
  let ctx: TestContext;
  let coordinator: { token: string };
  let warehouse: { token: string };
  beforeAll(async () => {
    ctx = await startTestApp({ redis: true });
    coordinator = await ctx.userToken('coordinator');
    warehouse = await ctx.userToken('warehouse');
    // No worker runs here: the job waits in Redis, where obliterate, clean or empty would remove it.
    await ctx.deps.runner.enqueue('purge-expired', {}, { jobId: 'board-write-purge' });
  });
  afterAll(() => ctx?.close());

  const queueState = async () => {
    const board = ctx.deps.runner.board;
    if (board.kind !== 'bullmq') throw new Error('bullmq expected');
    return { paused: await board.queue.isPaused(), counts: await board.queue.getJobCounts(), job: (await board.queue.getJob('board-write-purge'))?.id };
  };

  it('refuses every dashboard write (add, clean, empty, obliterate, pause, retry, promote…) with each cookie alone, and nothing changes', async () => {
    const writes = ctx.routes.filter((r) => r.url.startsWith(`${BOARD_PATH}/`) && isWrite(r.method));
    expect(writes.map((r) => r.url)).toEqual(expect.arrayContaining([
      `${BOARD_PATH}/api/queues/:queueName/add`, `${BOARD_PATH}/api/queues/:queueName/clean/:queueStatus`,
      `${BOARD_PATH}/api/queues/:queueName/obliterate`, `${BOARD_PATH}/api/queues/:queueName/pause`, `${BOARD_PATH}/api/queues/pause`,
    ]));
    const before = await queueState();
    expect(before).toMatchObject({ paused: false, job: 'board-write-purge' });
    const { board, csrf } = await boardSession(ctx, coordinator.token);
    const page = await pageCookie(ctx, coordinator.token);
    // Another user's session (a role the dashboard refuses its own session): its CSRF token is not this cookie's.
    const stranger = { csrf: boardCsrfToken(warehouse.token) };
    const cookieOnly: [string, Record<string, string>][] = [
      ['the dashboard cookie', { cookie: board }],
      ['the page cookie', { cookie: page }],
      ['the CSRF cookie', { cookie: `XSRF-TOKEN=${csrf}` }],
      ['all three cookies', { cookie: `${board}; ${page}; XSRF-TOKEN=${csrf}` }],
      ['the page cookie with the CSRF header', { cookie: page, 'x-xsrf-token': csrf }],
      ['the dashboard cookie with another session\'s CSRF header', { cookie: board, 'x-xsrf-token': stranger.csrf }],
      ['the dashboard cookie with a made-up CSRF header', { cookie: board, 'x-xsrf-token': 'x'.repeat(43) }],
    ];
    let tried = 0;
    for (const route of writes) {
      const url = route.url.replace(':queueName', 'kassi').replace(':queueStatus', 'waiting').replace(':jobId', 'board-write-purge').replace(/:\w+/g, 'x');
      const body = BODIES[url.split('/').pop()!] ?? {};
      for (const [what, headers] of cookieOnly) {
        const res = await ctx.http()[route.method.toLowerCase() as 'put'](url).set(headers).send(body);
        expect({ route: `${route.method} ${route.url}`, what, status: res.status }).toEqual({ route: `${route.method} ${route.url}`, what, status: 401 });
        tried += 1;
      }
    }
    expect(tried).toBeGreaterThanOrEqual(7 * 15);
    expect(await queueState()).toEqual(before);
  });

  it('takes a write with the bearer header, or with the dashboard cookie and its own CSRF header as the dashboard sends it', async () => {
    const { board, csrf } = await boardSession(ctx, coordinator.token);
    const paused = await ctx.http().put(`${BOARD_PATH}/api/queues/kassi/pause`).set(bearer(coordinator.token)).send({});
    expect(paused.status).toBe(200);
    expect((await queueState()).paused).toBe(true);
    const resumed = await ctx.http().put(`${BOARD_PATH}/api/queues/kassi/resume`).set({ cookie: `${board}; XSRF-TOKEN=${csrf}`, 'x-xsrf-token': csrf }).send({});
    expect(resumed.status).toBe(200);
    expect((await queueState()).paused).toBe(false);
    // Another role's token with its own CSRF token: signed in, but not a coordinator.
    const stranger = { board: `kassi_board=${warehouse.token}`, csrf: boardCsrfToken(warehouse.token) };
    const refused = await ctx.http().put(`${BOARD_PATH}/api/queues/kassi/pause`).set({ cookie: stranger.board, 'x-xsrf-token': stranger.csrf }).send({});
    expect(refused.status).toBe(403);
    // Sign-out revokes the token the cookies carry: the CSRF header alone is worth nothing.
    await ctx.http().post('/auth/logout').set(bearer(coordinator.token));
    const after = await ctx.http().put(`${BOARD_PATH}/api/queues/kassi/pause`).set({ cookie: board, 'x-xsrf-token': csrf }).send({});
    expect(after.status).toBe(401);
    expect((await queueState()).paused).toBe(false);
  });
});

describe('the queue dashboard in embedded mode has no write a cookie could sign', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded' });
  });
  afterAll(() => ctx?.close());

  it('lists only pages, and its session needs the bearer header', async () => {
    const coordinator = await ctx.userToken('coordinator');
    const writes = ctx.routes.filter((r) => r.url.startsWith(BOARD_PATH) && isWrite(r.method)).map((r) => `${r.method} ${r.url}`);
    expect(writes).toEqual([`POST ${BOARD_PATH}/session`]);
    const { board, csrf } = await boardSession(ctx, coordinator.token);
    const page = await pageCookie(ctx, coordinator.token);
    for (const cookie of [board, page, `${board}; ${page}`]) {
      expect((await ctx.http().post(`${BOARD_PATH}/session`).set({ cookie, 'x-xsrf-token': csrf })).status).toBe(401);
    }
    expect((await ctx.http().get(BOARD_PATH).set('cookie', board)).status).toBe(200);
  });
});
