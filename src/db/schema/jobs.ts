import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
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

