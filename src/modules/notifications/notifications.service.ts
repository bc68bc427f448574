import type { Logger } from 'pino';
import type { Database, Executor } from '../../db/client.ts';
import { sendAfter } from '../../domain/notifications.ts';
import { conflict, notFound } from '../../errors.ts';
import { keysetPage } from '../../db/cursor.ts';
import { renderMessage, type MessageKind, type MessageParams } from '../../i18n/notifications.ts';
import { enqueueInTx } from '../../jobs/outbox.ts';
import { JOBS } from '../../jobs/queues.ts';
import type { Channels } from './notifications.channels.ts';
import {
  activeUsers, countUnread, dueUnqueued, findWithRecipient, insertNew, listNotifications, markQueued, NOTIFICATION_ORDER, updateNotification, type NotificationRow,
} from './notifications.repo.ts';

/** Tries per message before it is marked failed (the job runner backs off between them). */
export const NOTIFY_ATTEMPTS = JOBS['send-notification'].attempts;

export interface Message<K extends MessageKind> {
  kind: K;
  params: MessageParams[K];
  /** What the message is about, e.g. `route-published:<routeId>`; with the user id it makes the dedup key. */
  key: string;
  /** Sent at once even in quiet hours (temperature alerts). */
  urgent?: boolean;
  data?: Record<string, string>;
}

const jobIdOf = (id: string) => `notification-${id}`;

/**
 * Puts a message for each of these users (the active ones) in the outbox of messages, in the
 * caller's transaction, each in the user's language. A message whose dedup key exists is not
 * made again, however often its trigger fires. Those due now get their send job in the same
 * transaction; those in quiet hours wait for `releaseDue`. Answers how many are new.
 */
export async function notify<K extends MessageKind>(tx: Executor, userIds: string[], msg: Message<K>, now: Date): Promise<number> {
  const people = await activeUsers(tx, [...new Set(userIds)]);
  const after = sendAfter(now, msg.urgent ?? false);
  const inserted = await insertNew(tx, people.map((u) => {
    const text = renderMessage(u.locale, msg.kind, msg.params);
    return {
      userId: u.id, kind: msg.kind, dedupKey: `${msg.key}:${u.id}`, locale: u.locale, title: text.title, body: text.body,
      data: msg.data ?? {}, sendAfter: after, queuedAt: after <= now ? now : null,
    };
  }));
  for (const n of inserted) {
    if (n.queuedAt) await enqueueInTx(tx, 'send-notification', { notificationId: n.id }, { jobId: jobIdOf(n.id) });
  }
  return inserted.length;
}

/** Queues the messages held back by quiet hours whose time has come. */
export async function releaseDue(database: Database, now: Date): Promise<number> {
  return database.db.transaction(async (tx) => {
    const due = await dueUnqueued(tx, now, 500);
    for (const { id } of due) await enqueueInTx(tx, 'send-notification', { notificationId: id }, { jobId: jobIdOf(id) });
    await markQueued(tx, due.map((d) => d.id), now);
    return due.length;
  });
}

/**
 * Sends one message over the user's channel, once: a message already sent, failed or kept in
 * the inbox is not touched again. A refused or unreachable channel counts an attempt and
 * throws, so the job is retried with backoff; after the last attempt the message is marked
 * `failed` (a coordinator sees it and may send it again). With no channel for the user (no
 * choice, no phone, or the channel not configured) the message stays in the inbox only.
 *
 * On PostgreSQL the row stays locked while the message is being sent, and the outcome is
 * written in the same transaction: a second job for the same message (a stalled job handed to
 * another worker while the first still runs) skips it rather than sending it again. PGlite
 * has one connection and the in-process runner runs one job at a time, so it needs no lock.
 */
export async function sendNotification(deps: { database: Database; channels: Channels; now: () => Date; log: Logger }, id: string) {
  const { database } = deps;
  const lock = database.kind === 'postgres';
  const inTx = <T>(work: (ex: Executor) => Promise<T>) => (lock ? database.db.transaction((tx) => work(tx)) : work(database.db));
  const retry = await inTx(async (ex): Promise<Error | null> => {
    const found = await findWithRecipient(ex, id, { lock });
    if (!found || found.n.status !== 'pending') return null;
    const { n } = found;
    const channel = found.notify === 'email' && deps.channels.email ? 'email' as const
      : found.notify === 'sms' && found.phone && deps.channels.sms ? 'sms' as const : null;
    if (!channel) {
      await updateNotification(ex, id, { status: 'inbox' });
      return null;
    }
    try {
      if (channel === 'email') await deps.channels.email!({ to: found.email, subject: n.title, text: n.body, messageId: `<${n.id}@kassi.notifications>` });
      else await deps.channels.sms!({ to: found.phone!, text: `${n.title}: ${n.body}`, idempotencyKey: n.id });
    } catch (err) {
      const attempts = n.attempts + 1;
      const lastError = (err as Error).message.slice(0, 500);
      const failed = attempts >= NOTIFY_ATTEMPTS;
      await updateNotification(ex, id, { attempts, lastError, channel, ...(failed ? { status: 'failed' } : {}) });
      deps.log.warn({ notificationId: id, channel, attempts, err: lastError }, failed ? 'notification failed for good' : 'notification not sent, will retry');
      return failed ? null : (err as Error);
    }
    await updateNotification(ex, id, { status: 'sent', channel, sentAt: deps.now(), attempts: n.attempts + 1 });
    return null;
  });
  // Thrown after the attempt is committed, so the runner retries with backoff.
  if (retry) throw retry;
}

/** A failed message goes out again (its attempts start over). */
export async function resend(tx: Executor, id: string, now: Date) {
  const row = (await findWithRecipient(tx, id))?.n;
  if (!row) throw notFound('notification');
  if (row.status !== 'failed') throw conflict('not_failed', (m) => m.notFailed(row.status));
  const updated = await updateNotification(tx, id, { status: 'pending', attempts: 0, lastError: null, queuedAt: now });
  await enqueueInTx(tx, 'send-notification', { notificationId: id }, { jobId: `${jobIdOf(id)}-again-${now.getTime()}` });
  return toNotificationDto(updated);
}

export async function myNotifications(db: Executor, userId: string, q: { unread?: boolean; limit: number; cursor?: string }) {
  const { page, nextCursor } = await keysetPage(q, NOTIFICATION_ORDER, (w) => listNotifications(db, { userId, unread: q.unread, ...w }));
  return { items: page.map(toNotificationDto), nextCursor, unread: await countUnread(db, userId) };
}

export async function markRead(tx: Executor, userId: string, id: string, now: Date) {
  const found = await findWithRecipient(tx, id);
  if (!found || found.n.userId !== userId) throw notFound('notification');
  if (found.n.readAt) return toNotificationDto(found.n);
  return toNotificationDto(await updateNotification(tx, id, { readAt: now }));
}

export async function allNotifications(db: Executor, q: { status?: NotificationRow['status']; userId?: string; limit: number; cursor?: string }) {
  const { page, nextCursor } = await keysetPage(q, NOTIFICATION_ORDER, (w) => listNotifications(db, { status: q.status, userId: q.userId, ...w }));
  return { items: page.map(toNotificationDto), nextCursor };
}

export function toNotificationDto(n: NotificationRow) {
  return {
    id: n.id, userId: n.userId, kind: n.kind, title: n.title, body: n.body, locale: n.locale, status: n.status, channel: n.channel ?? undefined,
    attempts: n.attempts, lastError: n.lastError ?? undefined, createdAt: n.createdAt.toISOString(), sendAfter: n.sendAfter.toISOString(),
    sentAt: n.sentAt?.toISOString(), read: n.readAt !== null, readAt: n.readAt?.toISOString(), data: n.data as Record<string, string>,
  };
}
