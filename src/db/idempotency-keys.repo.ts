import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Database, Executor } from './client.ts';
import { idempotencyKeys } from './schema/index.ts';

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;

/**
 * Tries the transaction-scoped advisory lock of one user's key; false while another
 * transaction holds it (the first request with that key is still running).
 */
export async function tryLockIdempotencyKey(database: Pick<Database, 'rows'>, tx: Executor, userId: string, key: string) {
  const [lock] = await database.rows<{ ok: boolean }>(tx, sql`select pg_try_advisory_xact_lock(hashtext(${userId}), hashtext(${key})) as ok`);
  return lock.ok;
}

/** The stored answer of a user's key, if it has not expired by `now`. */
export const findLiveIdempotencyKey = async (db: Executor, userId: string, key: string, now: Date) =>
  (await db.select().from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key), gt(idempotencyKeys.expiresAt, now))))[0];

/** Stores the answer of a user's key, replacing an expired one with the same key. */
export async function saveIdempotencyKey(db: Executor, row: typeof idempotencyKeys.$inferInsert) {
  await db.insert(idempotencyKeys).values(row)
    .onConflictDoUpdate({ target: [idempotencyKeys.userId, idempotencyKeys.key], set: row });
}

/** Deletes the keys expired by `now`; returns their keys. */
export const deleteExpiredIdempotencyKeys = (db: Executor, now: Date) =>
  db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });

/** Stored answers made before `before` and not yet emptied. */
export const answersMadeBefore = (db: Executor, before: Date) =>
  db.select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key, body: idempotencyKeys.responseBody }).from(idempotencyKeys)
    .where(and(lt(idempotencyKeys.createdAt, before), isNull(idempotencyKeys.answerPurgedAt)));

/** Empties the stored answer of one user's key (the row stays, so a retry is refused, not redone). */
export async function purgeAnswer(db: Executor, userId: string, key: string, now: Date) {
  await db.update(idempotencyKeys).set({ responseBody: null, answerPurgedAt: now })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Empties the stored answers of all of a user's keys. */
export async function purgeAnswersOf(db: Executor, userId: string, now: Date) {
  await db.update(idempotencyKeys).set({ responseBody: null, answerPurgedAt: now }).where(eq(idempotencyKeys.userId, userId));
}
