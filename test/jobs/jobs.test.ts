import { afterAll, describe, expect, it } from 'vitest';
import { count } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { idempotencyKeys, outbox } from '../../src/db/schema/index.ts';
import { enqueueInTx } from '../../src/jobs/outbox.ts';
import { QUEUE_NAME } from '../../src/jobs/runner.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { eventually } from '../helpers/eventually.ts';
import { REDIS_URL } from '../global-setup.ts';

async function expireKeysThroughJob(ctx: TestContext) {
  const { token } = await ctx.userToken('coordinator');
  await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'to-purge')
    .send({ kind: 'donor', name: 'D', municipality: 'M', lat: 61, lon: 27 });
  await ctx.deps.database.db.update(idempotencyKeys).set({ expiresAt: new Date(Date.now() - 1000) });
  await ctx.deps.database.db.transaction((tx) => enqueueInTx(tx, 'purge-expired', {}));
  ctx.deps.outbox.kick();
  await eventually(async () => (await ctx.deps.database.db.select({ n: count() }).from(idempotencyKeys))[0].n === 0, 15_000);
  const [{ n: unsent }] = await ctx.deps.database.db.select({ n: count() }).from(outbox);
  return unsent;
}

describe('jobs', () => {
  const open: TestContext[] = [];
  afterAll(async () => {
    for (const c of open) await c.close();
  });

  it('runs the purge job in-process when there is no Redis', async () => {
    const ctx = await startTestApp();
    open.push(ctx);
    expect(ctx.deps.runner.kind).toBe('in-process');
    await expireKeysThroughJob(ctx);
  });

  it('runs the purge job through BullMQ on the real Redis, with the hourly scheduler in Europe/Helsinki', async () => {
    const ctx = await startTestApp({ redis: true, worker: true });
    open.push(ctx);
    expect(ctx.deps.runner.kind).toBe('bullmq');
    await expireKeysThroughJob(ctx);
    const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: conn, prefix: ctx.config.REDIS_PREFIX });
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toContainEqual(expect.objectContaining({ key: 'purge-expired-hourly', tz: 'Europe/Helsinki', pattern: '7 * * * *' }));
    await queue.close();
    conn.disconnect();
  });

  it('refuses a job payload that does not match its schema before it reaches the queue', async () => {
    const ctx = await startTestApp();
    open.push(ctx);
    await expect(ctx.deps.database.db.transaction((tx) => enqueueInTx(tx, 'tally-day', { depotId: 'nope', date: '2026-01-01' } as never))).rejects.toThrow();
  });
});
