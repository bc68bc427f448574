import { sql } from 'drizzle-orm';
import type { JobName } from '../../src/jobs/queues.ts';
import type { TestContext } from './app.ts';
import { eventually } from './eventually.ts';

let seq = 0;

/**
 * Waits until the background work is done: the outbox's due rows handed to the runner (in
 * embedded mode: their jobs finished), no job waiting or running, and no queued notification
 * still unsent. (Cron schedules keep delayed jobs, so "delayed" is not counted, nor are the
 * outbox's delayed rows; a notification in retry backoff is still pending, so it is.)
 */
export async function settle(ctx: TestContext, timeoutMs = 30_000) {
  const { database } = ctx.deps;
  await eventually(async () => {
    await ctx.deps.outbox.drain();
    const c = await ctx.deps.runner.counts();
    const [row] = await database.rows<{ outbox: number; sending: number }>(database.db, sql`select
      (select count(*)::int from outbox where sent_at is null and created_at + delay_ms * interval '1 millisecond' <= now()) as outbox,
      (select count(*)::int from notifications where status = 'pending' and queued_at is not null) as sending`);
    return c.waiting + c.active === 0 && Number(row.outbox) === 0 && Number(row.sending) === 0;
  }, timeoutMs, 50);
}

type Scheduled = Extract<JobName, 'volunteer-reminders' | 'notifications-due'>;

/** Runs scheduled jobs now (as their cron would), with the app's clock, and waits for what they send. */
export async function runScheduled(ctx: TestContext, ...names: Scheduled[]) {
  for (const name of names) {
    seq += 1;
    await ctx.deps.runner.enqueue(name, {}, { jobId: `test-${name}-${seq}-${Date.now()}` });
  }
  await settle(ctx);
}
