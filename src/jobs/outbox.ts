import type { Logger } from 'pino';
import type { Database, Executor } from '../db/client.ts';
import { deleteSentOutboxRows, insertOutboxRow, markOutboxFailed, markOutboxSent, takeUnsentOutboxRows } from './outbox.repo.ts';
import { parsePayload, type EnqueueOptions, type JobName, type JobPayload } from './queues.ts';
import type { JobRunner } from './runner.ts';

/**
 * Records a job in the caller's transaction. It reaches the queue only after the
 * transaction commits, and survives a Redis outage: the dispatcher retries until it is sent.
 */
export async function enqueueInTx<N extends JobName>(tx: Executor, name: N, payload: JobPayload<N>, opts: EnqueueOptions = {}) {
  parsePayload(name, payload);
  await insertOutboxRow(tx, { name, payload, jobId: opts.jobId ?? null, delayMs: opts.delayMs ?? 0 });
}

export interface OutboxDispatcher {
  /** Sends what is waiting now (called after commits and on a timer). */
  kick(): void;
  drain(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Moves outbox rows to the job runner. Several processes may run it: `FOR UPDATE SKIP
 * LOCKED` gives each row to one of them. Rows sent are deleted after a day; the job ids are
 * deterministic, so a row sent twice (crash between send and commit) is one job.
 *
 * BullMQ keeps a job in Redis once it is added, so the row is marked sent then. The in-process
 * runner (embedded mode) keeps jobs in memory only: there the row stays unsent until its job
 * has finished (done, or failed for good), and a crash leaves it for the next start, which
 * runs it again (processors are idempotent). `taken` are the rows this process already runs.
 */
export function createOutboxDispatcher(database: Database, runner: JobRunner, log: Logger, intervalMs = 500): OutboxDispatcher {
  let busy: Promise<number> | null = null;
  let again = false;
  let closed = false;
  const untilFinished = runner.kind === 'in-process';
  const taken = new Set<number>();

  const finished = (id: number) => async (error?: string) => {
    await markOutboxSent(database.db, id, new Date(), error);
    taken.delete(id);
  };

  const drainOnce = async (): Promise<number> => {
    return database.db.transaction(async (tx) => {
      const rows = await takeUnsentOutboxRows(tx, [...taken]);
      let sent = 0;
      for (const row of rows) {
        try {
          const jobId = row.jobId ?? `outbox-${row.id}`;
          if (untilFinished) {
            // A row from before a restart waits only what is left of its delay.
            const delayMs = Math.max(0, row.createdAt.getTime() + row.delayMs - Date.now());
            taken.add(row.id);
            await runner.enqueue(row.name as JobName, row.payload as never, { jobId, delayMs, onFinished: finished(row.id) });
          } else {
            await runner.enqueue(row.name as JobName, row.payload as never, { jobId, delayMs: row.delayMs });
            await markOutboxSent(tx, row.id, new Date());
          }
          sent += 1;
        } catch (err) {
          taken.delete(row.id);
          await markOutboxFailed(tx, row.id, (err as Error).message);
          log.warn({ outboxId: row.id, err: (err as Error).message }, 'outbox: queue unavailable, will retry');
          break;
        }
      }
      await deleteSentOutboxRows(tx, new Date(Date.now() - 24 * 3600 * 1000));
      return sent;
    });
  };

  const drain = async (): Promise<number> => {
    if (busy) {
      again = true;
      return busy;
    }
    busy = (async () => {
      let total = 0;
      try {
        do {
          again = false;
          total += await drainOnce();
        } while (again && !closed);
      } catch (err) {
        log.warn({ err: (err as Error).message }, 'outbox dispatch failed');
      } finally {
        busy = null;
      }
      return total;
    })();
    return busy;
  };

  const timer = setInterval(() => void drain(), intervalMs);
  timer.unref();
  return {
    kick: () => void drain(),
    drain,
    async close() {
      closed = true;
      clearInterval(timer);
      await busy;
    },
  };
}
