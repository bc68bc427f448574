import { hostname } from 'node:os';
import { Cron } from 'croner';
import type { Logger } from 'pino';
import { DelayedError, Queue, UnrecoverableError, Worker, type ConnectionOptions } from 'bullmq';
import { isUnavailableError } from '../errors.ts';
import { Redis } from 'ioredis';
import { ZodError } from 'zod';
import { BACKOFF_BASE_MS, JOBS, TIMEZONE, parsePayload, type EnqueueOptions, type JobName, type JobPayload, type Processors, type Schedule } from './queues.ts';

/**
 * Where jobs go: BullMQ on Redis in production, or the API process itself in embedded
 * mode. Both validate payloads the same way, retry with exponential backoff and honour
 * deterministic job ids and cron schedules in Europe/Helsinki.
 */
export interface JobRunner {
  readonly kind: 'bullmq' | 'in-process';
  enqueue<N extends JobName>(name: N, payload: JobPayload<N>, opts?: RunnerEnqueueOptions): Promise<void>;
  /** Starts consuming jobs with these processors and keeps the schedules. */
  start(processors: Processors, schedules: Schedule[]): Promise<void>;
  counts(): Promise<Record<'waiting' | 'active' | 'delayed' | 'failed', number>>;
  ping(): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
  /** What the coordinators' queue dashboard shows: the BullMQ queue, or the in-process jobs. */
  readonly board: { kind: 'bullmq'; queue: Queue } | { kind: 'in-process'; jobs(): JobSnapshot[] };
}

/** One in-process job as the dashboard lists it. */
export interface JobSnapshot {
  id: string;
  name: JobName;
  state: 'waiting' | 'active' | 'delayed' | 'completed' | 'failed';
  attempt: number;
  attempts: number;
  error?: string;
  finishedAt?: string;
}

export interface RunnerEnqueueOptions extends EnqueueOptions {
  /**
   * In-process runner: called once the job has finished (done, or failed for good; `error` says
   * why), never when the process stops first. The outbox keeps the job's row until then, since
   * a job held in memory dies with the process. BullMQ keeps jobs in Redis and ignores it.
   */
  onFinished?: (error?: string) => Promise<void>;
}

/** How many finished in-process jobs the dashboard keeps (the newest). */
const RECENT_JOBS = 50;

async function runProcessor(processors: Processors, name: JobName, payload: unknown) {
  let parsed;
  try {
    parsed = parsePayload(name, payload);
  } catch (err) {
    if (err instanceof ZodError) throw new UnrecoverableError(`invalid payload for ${name}: ${err.message}`);
    throw err;
  }
  await (processors[name] as (p: unknown) => Promise<void>)(parsed);
}

export interface BullRunnerOptions {
  redisUrl: string;
  prefix: string;
  log: Logger;
  concurrency?: number;
  /** `WORKER_LOCK_DURATION_MS`; BullMQ's default otherwise. */
  lockDurationMs?: number;
}

export const QUEUE_NAME = 'kassi';
/** This process as a BullMQ worker names itself: `host:pid`. */
export const workerName = (pid = process.pid) => `${hostname()}:${pid}`;
/** How long a job waits when PostgreSQL (or another backing service) is unavailable. */
const UNAVAILABLE_RETRY_MS = 2_000;

export function createBullRunner(opts: BullRunnerOptions): JobRunner {
  // Producers fail fast when Redis is down; the outbox keeps the job until it is back.
  const producer = new Redis(opts.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  producer.on('error', (err) => opts.log.debug({ err: err.message }, 'redis producer error'));
  const queue = new Queue(QUEUE_NAME, { connection: producer as unknown as ConnectionOptions, prefix: opts.prefix });
  queue.on('error', (err) => opts.log.debug({ err: err.message }, 'queue error'));
  let worker: Worker | null = null;
  let workerConn: Redis | null = null;

  return {
    kind: 'bullmq',
    board: { kind: 'bullmq', queue },
    async enqueue(name, payload, o = {}) {
      parsePayload(name, payload);
      await queue.add(name, payload, {
        jobId: o.jobId,
        delay: o.delayMs,
        attempts: JOBS[name].attempts,
        backoff: { type: 'exponential', delay: BACKOFF_BASE_MS },
        removeOnComplete: { age: 3600, count: 1000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    },
    async start(processors, schedules) {
      workerConn = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
      workerConn.on('error', (err) => opts.log.warn({ err: err.message }, 'redis worker connection error'));
      worker = new Worker(QUEUE_NAME, async (job, token) => {
        try {
          await runProcessor(processors, job.name as JobName, job.data);
        } catch (err) {
          // PostgreSQL restarting is not the job's fault: put it back for later without spending an
          // attempt (three quick attempts would all fail during a restart and leave a plan `running`).
          if (!isUnavailableError(err) || !token) throw err;
          opts.log.warn({ jobId: job.id, name: job.name, err: (err as Error).message }, 'job postponed: a backing service is unavailable');
          await job.moveToDelayed(Date.now() + UNAVAILABLE_RETRY_MS, token);
          throw new DelayedError();
        }
      }, {
        connection: workerConn as unknown as ConnectionOptions,
        prefix: opts.prefix,
        // Recorded on every job it takes (`processedBy`, bull-board's "processed by"): which process holds a job.
        name: workerName(),
        concurrency: opts.concurrency ?? 2,
        // A job whose worker died (SIGKILL, OOM, deploy) is "stalled" and handed to another worker.
        // BullMQ fails it for good after one stall by default; our processors are idempotent, so a
        // job may outlive several dead workers (otherwise a plan stays `running` forever).
        maxStalledCount: 10,
        ...(opts.lockDurationMs ? { lockDuration: opts.lockDurationMs, stalledInterval: opts.lockDurationMs } : {}),
      });
      worker.on('failed', (job, err) => opts.log.warn({ jobId: job?.id, name: job?.name, err: err.message }, 'job failed'));
      worker.on('error', (err) => opts.log.warn({ err: err.message }, 'worker error'));
      for (const s of schedules) {
        await queue.upsertJobScheduler(s.id, { pattern: s.cron, tz: TIMEZONE }, {
          name: s.name,
          data: {},
          opts: { attempts: JOBS[s.name].attempts, backoff: { type: 'exponential', delay: BACKOFF_BASE_MS }, removeOnComplete: { count: 100 } },
        });
      }
    },
    async counts() {
      const c = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed');
      return { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
    },
    async ping() {
      await producer.ping();
    },
    async close() {
      await worker?.close();
      await queue.close();
      producer.disconnect();
      workerConn?.disconnect();
    },
  };
}

interface Pending {
  id: string;
  name: JobName;
  payload: unknown;
  attempt: number;
  timer?: NodeJS.Timeout;
  /** The outbox rows waiting for this job to finish (several when a second row named the same job id). */
  onFinished: NonNullable<RunnerEnqueueOptions['onFinished']>[];
}

/**
 * Embedded mode: jobs run one at a time in this process (PGlite has one connection anyway),
 * with the same validation, retries and schedules as the worker. Jobs are held in memory, so
 * what a crash would lose stays in the outbox until `onFinished` (see outbox.ts) and runs
 * again after the restart; scheduled jobs come round at their next time.
 */
export function createInProcessRunner(log: Logger): JobRunner {
  let processors: Processors | null = null;
  const pending = new Map<string, Pending>();
  const ready: Pending[] = [];
  const crons: Cron[] = [];
  let running: Promise<void> | null = null;
  let active = 0;
  let failed = 0;
  let closed = false;
  let seq = 0;
  let current: Pending | null = null;
  const recent: JobSnapshot[] = [];
  const finish = async (job: Pending, state: 'completed' | 'failed', error?: string) => {
    recent.unshift({ id: job.id, name: job.name, state, attempt: job.attempt, attempts: JOBS[job.name].attempts, error, finishedAt: new Date().toISOString() });
    recent.length = Math.min(recent.length, RECENT_JOBS);
    for (const done of job.onFinished) {
      try {
        await done(error);
      } catch (err) {
        log.warn({ jobId: job.id, err: (err as Error).message }, 'job finished but not recorded so; it runs again after a restart');
      }
    }
  };

  const pump = () => {
    if (running || !processors || closed) return;
    const job = ready.shift();
    if (!job) return;
    active = 1;
    current = job;
    running = (async () => {
      try {
        await runProcessor(processors!, job.name, job.payload);
        pending.delete(job.id);
        await finish(job, 'completed');
      } catch (err) {
        const attempts = JOBS[job.name].attempts;
        const unrecoverable = err instanceof UnrecoverableError;
        log.warn({ jobId: job.id, name: job.name, attempt: job.attempt, err: (err as Error).message }, 'job failed');
        if (!unrecoverable && job.attempt < attempts) {
          job.attempt += 1;
          // Closing: not finished, so its outbox row stays for the next start.
          if (!closed) schedule(job, BACKOFF_BASE_MS * 2 ** (job.attempt - 2));
        } else {
          failed += 1;
          pending.delete(job.id);
          await finish(job, 'failed', (err as Error).message);
        }
      } finally {
        active = 0;
        current = null;
        running = null;
        setImmediate(pump);
      }
    })();
  };

  const schedule = (job: Pending, delayMs: number) => {
    if (delayMs > 0) {
      job.timer = setTimeout(() => {
        job.timer = undefined;
        ready.push(job);
        pump();
      }, delayMs);
      job.timer.unref?.();
    } else {
      ready.push(job);
      pump();
    }
  };

  return {
    kind: 'in-process',
    board: {
      kind: 'in-process',
      jobs: () => [
        ...[...pending.values()].map((p): JobSnapshot => ({
          id: p.id, name: p.name, state: p === current ? 'active' : p.timer ? 'delayed' : 'waiting', attempt: p.attempt, attempts: JOBS[p.name].attempts,
        })),
        ...recent,
      ],
    },
    async enqueue(name, payload, o = {}) {
      parsePayload(name, payload);
      const id = o.jobId ?? `${name}:${++seq}`;
      if (closed) return;
      const queued = pending.get(id);
      if (queued) {
        if (o.onFinished) queued.onFinished.push(o.onFinished);
        return;
      }
      const job: Pending = { id, name, payload, attempt: 1, onFinished: o.onFinished ? [o.onFinished] : [] };
      pending.set(id, job);
      schedule(job, o.delayMs ?? 0);
    },
    async start(procs, schedules) {
      processors = procs;
      for (const s of schedules) {
        crons.push(new Cron(s.cron, { timezone: TIMEZONE, protect: true }, () => {
          void this.enqueue(s.name, {} as never, { jobId: `${s.id}:${Date.now()}` });
        }));
      }
      pump();
    },
    async counts() {
      let delayed = 0;
      for (const p of pending.values()) if (p.timer) delayed += 1;
      return { waiting: ready.length, active, delayed, failed };
    },
    async ping() {},
    async close() {
      closed = true;
      for (const c of crons) c.stop();
      for (const p of pending.values()) if (p.timer) clearTimeout(p.timer);
      await running;
    },
  };
}
