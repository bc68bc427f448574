import type { Executor } from '../../db/client.ts';
import { localDate } from '../../domain/dates.ts';
import { enqueueInTx } from '../../jobs/outbox.ts';

/** Width of a coalescing bucket: all writes to one (depot, day) within it share one recount. */
export const TALLY_BUCKET_MS = 2_000;
/** How long after its bucket ends a recount runs: the time a write transaction has to commit. */
export const TALLY_COMMIT_MARGIN_MS = 2_000;

/**
 * Queues a recount of the tallies of the local (Europe/Helsinki) day of `at` for a depot.
 * Call it INSIDE the write transaction that changes the ledger, bags or deliveries, with
 * the instant the write is booked at (a late intake or a correction touches a past day).
 *
 * Coalescing without missing a write: the job id is
 * `tally-day.<depot>.<date>.<bucket>` (dots: BullMQ refuses custom ids with more than two
 * colons) with `bucket = floor(wallClock / 2 s)`, so a burst of
 * writes becomes one job per bucket, and a job id is never reused by a later bucket. The
 * job is delayed until its bucket has ended plus a commit margin. Every write that joined
 * the bucket enqueued before the bucket's end, so its transaction has committed (given it
 * commits within the margin after enqueueing, which short write transactions do) before the
 * recount reads: the recount sees it. A write after the bucket gets a new job id and thus
 * its own recount. A plain "same id while queued" dedup would not do: a write committing
 * while the job runs would be dropped as a duplicate of the running job. The nightly
 * recount of yesterday is the backstop for anything else (e.g. a lost in-process queue).
 *
 * The bucket uses the wall clock on purpose, not the injected `deps.now()`: it is about
 * when the queue runs the job, which is real time.
 *
 * @example await enqueueTallyRecount(tx, depotId, receivedAt) // recounts receivedAt's local day
 */
export async function enqueueTallyRecount(tx: Executor, depotId: string, at: Date, wallClockMs: number = Date.now()): Promise<void> {
  const date = localDate(at);
  const bucket = Math.floor(wallClockMs / TALLY_BUCKET_MS);
  const bucketEnd = (bucket + 1) * TALLY_BUCKET_MS;
  await enqueueInTx(tx, 'tally-day', { depotId, date }, {
    jobId: `tally-day.${depotId}.${date}.${bucket}`,
    delayMs: bucketEnd - wallClockMs + TALLY_COMMIT_MARGIN_MS,
  });
}
