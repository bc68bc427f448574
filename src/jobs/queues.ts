import { z } from 'zod';
import { TIME_ZONE } from '../domain/dates.ts';

const localDate = z.iso.date();

/**
 * Every job the service runs: its name, payload schema and retry policy in one typed map.
 * Payloads carry ids, never objects; processors load what they need.
 */
export const JOBS = {
  /** Deletes expired idempotency keys and auth tokens. */
  'purge-expired': { payload: z.object({}).strict(), attempts: 3 },
  /** Recounts one local day's tallies of one depot. */
  'tally-day': { payload: z.object({ depotId: z.uuid(), date: localDate }).strict(), attempts: 5 },
  /** Nightly: recounts yesterday for every depot. */
  'tally-yesterday': { payload: z.object({}).strict(), attempts: 3 },
  /** Solves one queued route plan. */
  'plan-routes': { payload: z.object({ planId: z.uuid() }).strict(), attempts: 3 },
  /** At PLANNING_CRON: queues tomorrow's plan for every depot. */
  'plan-next-day': { payload: z.object({}).strict(), attempts: 3 },
  /** Sends one notification over its channel; the processor counts attempts and marks it failed after the last. */
  'send-notification': { payload: z.object({ notificationId: z.uuid() }).strict(), attempts: 4 },
  /** Sends one message to a donor's link (an offer's outcome) by email or SMS. */
  'send-donor-message': { payload: z.object({ messageId: z.uuid() }).strict(), attempts: 4 },
  /** Nightly: a `reading_missed` alert for every monitored unit short of its readings yesterday. */
  'check-readings': { payload: z.object({}).strict(), attempts: 3 },
  /** Nightly: a `bags_unsettled` alert for every loaded route whose day ended with bags neither delivered nor returned. */
  'check-unsettled-bags': { payload: z.object({}).strict(), attempts: 3 },
  /** Every minute: queues the notifications held back by quiet hours whose time has come. */
  'notifications-due': { payload: z.object({}).strict(), attempts: 3 },
  /** Nightly when BACKUP_DIR is set: a backup into it, the oldest beyond BACKUP_KEEP removed; a failure is recorded and told to coordinators, not retried. */
  backup: { payload: z.object({}).strict(), attempts: 1 },
  /** Every minute: cut-off reminders, tomorrow's shifts, shifts short of people, open alerts nobody was told of. */
  'volunteer-reminders': { payload: z.object({}).strict(), attempts: 3 },
} as const;

export type JobName = keyof typeof JOBS;
export type JobPayload<N extends JobName> = z.infer<(typeof JOBS)[N]['payload']>;
export type Processors = { [N in JobName]: (payload: JobPayload<N>) => Promise<void> };

export interface EnqueueOptions {
  /** Deterministic id: a job with the same id that is still queued is not added twice. */
  jobId?: string;
  delayMs?: number;
}

export interface Schedule {
  /** Stable id of the scheduler, so restarts and several workers keep one schedule. */
  id: string;
  cron: string;
  name: JobName;
}

export const TIMEZONE = TIME_ZONE;
export const BACKOFF_BASE_MS = 1_000;

export function parsePayload<N extends JobName>(name: N, payload: unknown): JobPayload<N> {
  return JOBS[name].payload.parse(payload) as JobPayload<N>;
}
