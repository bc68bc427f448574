import { and, asc, eq, inArray, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { notifications, users } from '../../db/schema/index.ts';

export type NotificationRow = typeof notifications.$inferSelect;

/** Inserts the messages whose dedup key is new; the others already exist and are left alone. */
export async function insertNew(tx: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return tx.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupKey }).returning();
}

export async function markQueued(tx: Executor, ids: string[], at: Date) {
  if (ids.length > 0) await tx.update(notifications).set({ queuedAt: at }).where(inArray(notifications.id, ids));
}

/** Messages waiting for quiet hours to end whose time has come. */
export const dueUnqueued = (tx: Executor, now: Date, limit: number) =>
  tx.select({ id: notifications.id }).from(notifications)
    .where(and(eq(notifications.status, 'pending'), isNull(notifications.queuedAt), lte(notifications.sendAfter, now)))
    .orderBy(asc(notifications.sendAfter)).limit(limit).for('update', { skipLocked: true });

/** A message with its recipient's addresses; `lock`: the message row locked, or nothing when another transaction holds it. */
export async function findWithRecipient(db: Executor, id: string, opts: { lock?: boolean } = {}) {
  const q = db.select({ n: notifications, email: users.email, phone: users.phone, notify: users.notify })
    .from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(notifications.id, id));
  const [row] = opts.lock ? await q.for('update', { of: notifications, skipLocked: true }) : await q;
  return row;
}

export async function updateNotification(db: Executor, id: string, set: Partial<typeof notifications.$inferInsert>) {
  const [row] = await db.update(notifications).set(set).where(eq(notifications.id, id)).returning();
  return row;
}

/** Newest first. */
export const NOTIFICATION_ORDER = sortKey<NotificationRow>(
  [{ column: toMs(notifications.createdAt), part: 'instant', desc: true }, { column: notifications.id, part: 'uuid', desc: true }], (n) => [n.createdAt, n.id],
);

export const listNotifications = (db: Executor, f: PageWindow & { userId?: string; status?: NotificationRow['status']; unread?: boolean }) =>
  db.select().from(notifications).where(and(
    f.userId ? eq(notifications.userId, f.userId) : undefined,
    f.status ? eq(notifications.status, f.status) : undefined,
    f.unread ? isNull(notifications.readAt) : undefined,
    pastKey(NOTIFICATION_ORDER, f.after),
  )).orderBy(...orderOf(NOTIFICATION_ORDER)).limit(f.limit);

export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

export const activeUsers = (db: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([]) : db.select({ id: users.id, locale: users.locale }).from(users).where(and(inArray(users.id, ids), eq(users.active, true)));

/** A message with its texts emptied: the row stays, for counts and delivery history. */
const emptiedMessage = (now: Date) => ({ title: '', body: '', data: {}, lastError: null, purgedAt: now });

/** Empties the texts of every message sent to a user (the rows stay). */
export async function purgeMessagesOf(db: Executor, userId: string, now: Date) {
  await db.update(notifications).set(emptiedMessage(now)).where(and(eq(notifications.userId, userId), isNull(notifications.purgedAt)));
}

/**
 * Empties the texts of messages older than `before` (`NOTIFICATION_RETENTION_DAYS`); the rows
 * stay, so counts and delivery history stay. A message not yet sent is never purged.
 */
export async function purgeOldNotifications(db: Executor, before: Date, now: Date) {
  const rows = await db.update(notifications).set(emptiedMessage(now)).where(and(lt(notifications.createdAt, before), isNull(notifications.purgedAt), sql`${notifications.status} <> 'pending'`))
    .returning({ id: notifications.id });
  return rows.length;
}
