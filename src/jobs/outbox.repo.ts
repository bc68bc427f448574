import { and, asc, eq, isNull, lt, notInArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { outbox } from '../db/schema/index.ts';

/** Records a job to send once the caller's transaction commits. */
export async function insertOutboxRow(tx: Executor, values: typeof outbox.$inferInsert) {
  await tx.insert(outbox).values(values);
}

/** Marks a row sent (with the error it finished with, if any). */
export async function markOutboxSent(db: Executor, id: number, now: Date, error?: string) {
  await db.update(outbox).set({ sentAt: now, ...(error ? { lastError: error.slice(0, 500) } : {}) }).where(eq(outbox.id, id));
}

/**
 * Up to 100 unsent rows, oldest first, but those in `taken`, locked `FOR UPDATE SKIP LOCKED`:
 * rows another dispatcher holds are skipped, so each row goes to one of them.
 */
export const takeUnsentOutboxRows = (tx: Executor, taken: number[]) =>
  tx.select().from(outbox).where(taken.length ? and(isNull(outbox.sentAt), notInArray(outbox.id, taken)) : isNull(outbox.sentAt))
    .orderBy(asc(outbox.id)).limit(100)
    .for('update', { skipLocked: true });

/** Counts a failed send of a row, with its error. */
export async function markOutboxFailed(tx: Executor, id: number, error: string) {
  await tx.update(outbox).set({ attempts: sql`${outbox.attempts} + 1`, lastError: error.slice(0, 500) }).where(eq(outbox.id, id));
}

/** Deletes the rows sent before `before`. */
export async function deleteSentOutboxRows(tx: Executor, before: Date) {
  await tx.delete(outbox).where(and(lt(outbox.sentAt, before)));
}
