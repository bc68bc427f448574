import { sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.ts';
import { QUEUE_NAME } from '../../../src/jobs/runner.ts';
import { enqueueTallyRecount } from '../../../src/modules/tallies/tallies-enqueue.ts';
import { REDIS_URL } from '../../global-setup.ts';
import { startTestApp, type TestAppOptions, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { insertNetwork, writeHistory, type Network } from '../../helpers/history.ts';

const depotRow = async (ctx: TestContext, depotId: string, day: string) => {
  const [row] = await ctx.deps.database.rows<{ g_in: string; stock_end_g: string }>(ctx.deps.database.db, sql`
    select g_in, stock_end_g from tallies where depot_id = ${depotId}::uuid and dimension = 'depot' and day = ${day}::date`);
  return row ? { gIn: Number(row.g_in), stockEndG: Number(row.stock_end_g) } : null;
};

/** A lot of `grams` received at `at`, written in one transaction with its recount enqueued, as the intake module does. */
async function receive(ctx: TestContext, net: Network, at: Date, grams: number) {
  await ctx.deps.database.db.transaction(async (tx) => {
    await writeHistory(tx, net, [{ donor: 0, category: 'dairy', receivedAt: at, grams, later: [] }]);
    await enqueueTallyRecount(tx, net.depotId, at);
  });
  ctx.deps.outbox.kick();
}

describe.each<[string, TestAppOptions]>([
  ['in-process', {}],
  ['BullMQ on real Redis', { redis: true, worker: true }],
])('tally jobs through the %s runner', (_label, opts) => {
  // "Now" for the nightly job: 00:30 on Monday 26 Oct 2026, so yesterday is the 25-hour Sunday.
  const now = new Date('2026-10-25T22:30:00Z');
  const open: TestContext[] = [];
  afterAll(async () => {
    for (const c of open) await c.close();
  });

  it('recounts the day of a write within seconds, and a burst of writes in one bucket is counted whole', async () => {
    const ctx = await startTestApp({ ...opts, now: () => now });
    open.push(ctx);
    const net = await insertNetwork(ctx.deps.database.db);
    const at = new Date('2026-10-25T01:30:00Z'); // 03:30 EET, in the repeated hour of the DST change
    await Promise.all([1_000, 2_000, 3_000].map((g) => receive(ctx, net, at, g)));
    await eventually(async () => (await depotRow(ctx, net.depotId, '2026-10-25'))?.gIn === 6_000);
    // A late write to the same past day is recounted by its own job.
    await receive(ctx, net, new Date('2026-10-25T21:59:59.999Z'), 500);
    await eventually(async () => (await depotRow(ctx, net.depotId, '2026-10-25'))?.gIn === 6_500);
    expect(await depotRow(ctx, net.depotId, '2026-10-25')).toEqual({ gIn: 6_500, stockEndG: 6_500 });
  }, 60_000);

  it('tally-yesterday recounts yesterday (local) for every depot', async () => {
    const ctx = await startTestApp({ ...opts, now: () => now });
    open.push(ctx);
    const [a, b] = [await insertNetwork(ctx.deps.database.db), await insertNetwork(ctx.deps.database.db)];
    await writeHistory(ctx.deps.database.db, a, [{ donor: 1, category: 'bread', receivedAt: new Date('2026-10-24T21:00:00Z'), grams: 1_234, later: [] }]);
    await writeHistory(ctx.deps.database.db, b, [{ donor: 2, category: 'fish', receivedAt: new Date('2026-10-25T21:59:00Z'), grams: 777, later: [] }]);
    expect(localDate(new Date('2026-10-24T21:00:00Z'))).toBe('2026-10-25');
    await ctx.deps.runner.enqueue('tally-yesterday', {}, { jobId: 'tally-yesterday-test' });
    await eventually(async () => (await depotRow(ctx, a.depotId, '2026-10-25'))?.gIn === 1_234 && (await depotRow(ctx, b.depotId, '2026-10-25'))?.gIn === 777);
  }, 60_000);

  if (opts.redis) {
    it('keeps the nightly recount as a BullMQ job scheduler in Europe/Helsinki', async () => {
      const ctx = open[0];
      const conn = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
      const queue = new Queue(QUEUE_NAME, { connection: conn, prefix: ctx.config.REDIS_PREFIX });
      expect(await queue.getJobSchedulers()).toContainEqual(
        expect.objectContaining({ key: 'tally-yesterday-nightly', tz: 'Europe/Helsinki', pattern: '30 0 * * *' }));
      await queue.close();
      conn.disconnect();
    });
  }
});
