import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, instant } from './columns.ts';

/**
 * Transactional outbox: a write that needs background work inserts its job here in the
 * same transaction; a dispatcher hands rows to the queue after commit and retries while
 * Redis is down, so no acknowledged write loses its job.
 */
export const outbox = pgTable('outbox', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  name: text('name').notNull(),
  payload: jsonb('payload').notNull(),
  jobId: text('job_id'),
  delayMs: integer('delay_ms').notNull().default(0),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  createdAt: createdAt(),
  sentAt: instant('sent_at'),
}, (t) => [index('outbox_unsent_idx').on(t.id).where(sql`sent_at is null`)]);


/**
 * Every backup taken (`npm run backup`, the nightly job): when, where, its checksum and the
 * schema version it holds, or why it failed. Coordinators see the newest (GET /backups/latest).
 */
export const backupRuns = pgTable('backup_runs', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  trigger: text('trigger', { enum: ['nightly', 'manual'] }).notNull(),
  startedAt: instant('started_at').notNull(),
  finishedAt: instant('finished_at').notNull(),
  ok: boolean('ok').notNull(),
  /** The backup file's name in BACKUP_DIR. */
  file: text('file'),
  bytes: bigint('bytes', { mode: 'number' }),
  sha256: text('sha256'),
  schemaVersion: text('schema_version'),
  /** Older backups removed to keep BACKUP_KEEP. */
  pruned: integer('pruned').notNull().default(0),
  error: text('error'),
}, (t) => [index('backup_runs_started_idx').on(t.startedAt)]);
