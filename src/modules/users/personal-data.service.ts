import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  auditEntries, authTokens, distributions, idempotencyKeys, intakes, notifications, packingRuns, passwordResets, reservations,
  routeStops, shiftAttendance, shiftSignups, shifts, temperatureReadings, users,
} from '../../db/schema/index.ts';
import { conflict, notFound } from '../../errors.ts';
import { pseudonymOf } from '../../domain/accounts.ts';
import { revokeTokens } from '../auth/tokens.repo.ts';
import { assertCoordinatorRemains, toUserDto } from './users.service.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? undefined;

/**
 * Everything Kassi holds about one person (GDPR art. 15): the account (never the password's
 * hash), sign-ins, reset codes, shift sign-ups and hours, the messages sent to them, what the
 * audit trail says they did and what was done to their account, and how many records of the
 * network's work carry their name as the one who made them.
 */
export async function personalDataOf(db: Executor, userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound('user');
  const [sessions, resets, signups, hours, messages, acted, about] = await Promise.all([
    db.select({ createdAt: authTokens.createdAt, expiresAt: authTokens.expiresAt, revokedAt: authTokens.revokedAt })
      .from(authTokens).where(eq(authTokens.userId, userId)).orderBy(desc(authTokens.createdAt)),
    db.select({ createdAt: passwordResets.createdAt, expiresAt: passwordResets.expiresAt, usedAt: passwordResets.usedAt })
      .from(passwordResets).where(eq(passwordResets.userId, userId)).orderBy(desc(passwordResets.createdAt)),
    db.select({ shiftId: shifts.id, kind: shifts.kind, siteId: shifts.siteId, start: shifts.start, end: shifts.end, signedUpAt: shiftSignups.signedUpAt, cancelledAt: shiftSignups.cancelledAt })
      .from(shiftSignups).innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId)).where(eq(shiftSignups.userId, userId)).orderBy(desc(shifts.start)),
    db.select({ shiftId: shiftAttendance.shiftId, present: shiftAttendance.present, minutes: shiftAttendance.minutes, recordedAt: shiftAttendance.recordedAt })
      .from(shiftAttendance).where(eq(shiftAttendance.userId, userId)).orderBy(desc(shiftAttendance.recordedAt)),
    db.select({ kind: notifications.kind, title: notifications.title, body: notifications.body, channel: notifications.channel, status: notifications.status, createdAt: notifications.createdAt, sentAt: notifications.sentAt, readAt: notifications.readAt, purgedAt: notifications.purgedAt })
      .from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt)),
    db.select({ at: auditEntries.at, entity: auditEntries.entity, entityId: auditEntries.entityId, action: auditEntries.action })
      .from(auditEntries).where(eq(auditEntries.actorId, userId)).orderBy(desc(auditEntries.at)),
    db.select({ at: auditEntries.at, actorId: auditEntries.actorId, action: auditEntries.action, changed: auditEntries.changed })
      .from(auditEntries).where(and(eq(auditEntries.entity, 'user'), eq(auditEntries.entityId, userId))).orderBy(desc(auditEntries.at)),
  ]);
  const countBy = (table: unknown, column: unknown) => sql<number>`(select count(*) from ${table} where ${column} = ${userId})::int`;
  const [recordsMade] = await db.select({
    intakes: countBy(intakes, intakes.createdBy),
    packingRuns: countBy(packingRuns, packingRuns.createdBy),
    reservations: countBy(reservations, reservations.createdBy),
    distributions: countBy(distributions, distributions.recordedBy),
    temperatureReadings: countBy(temperatureReadings, temperatureReadings.recordedBy),
    stopsCompleted: countBy(routeStops, routeStops.completedBy),
    idempotencyRecords: countBy(idempotencyKeys, idempotencyKeys.userId),
  }).from(users).where(eq(users.id, userId));
  const { idempotencyRecords, ...made } = recordsMade;
  return {
    account: { ...toUserDto(user), createdAt: iso(user.createdAt), erasedAt: iso(user.erasedAt) },
    sessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt), revokedAt: iso(s.revokedAt) })),
    passwordResets: resets.map((r) => ({ createdAt: iso(r.createdAt), expiresAt: iso(r.expiresAt), usedAt: iso(r.usedAt) })),
    shiftSignups: signups.map((s) => ({ ...s, start: iso(s.start), end: iso(s.end), signedUpAt: iso(s.signedUpAt), cancelledAt: iso(s.cancelledAt) })),
    hours: hours.map((h) => ({ ...h, recordedAt: iso(h.recordedAt) })),
    notifications: messages.map((n) => ({ ...n, channel: n.channel ?? undefined, createdAt: iso(n.createdAt), sentAt: iso(n.sentAt), readAt: iso(n.readAt), purgedAt: iso(n.purgedAt) })),
    auditAsActor: acted.map((a) => ({ ...a, at: iso(a.at) })),
    auditOfAccount: about.map((a) => ({ ...a, actorId: a.actorId ?? undefined, at: iso(a.at) })),
    recordsMade: made,
    idempotencyRecords,
  };
}

/** A message with its texts emptied: the row stays, for counts and delivery history. */
const emptiedMessage = (now: Date) => ({ title: '', body: '', data: {}, lastError: null, purgedAt: now });

/**
 * What an erasure empties besides the account itself: the texts of the messages sent to the
 * person (kept as rows, so counts and delivery history stay) and the stored answers of their
 * idempotent writes, which may repeat their name, email or phone.
 */
export async function purgeMessagesAndAnswersOf(db: Executor, userId: string, now: Date) {
  await db.update(notifications).set(emptiedMessage(now)).where(and(eq(notifications.userId, userId), isNull(notifications.purgedAt)));
  await db.update(idempotencyKeys).set({ responseBody: null, answerPurgedAt: now }).where(eq(idempotencyKeys.userId, userId));
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

/**
 * Erases a departed person (GDPR art. 17) by anonymising them: name and email become a
 * pseudonym, phone and hygiene passport date are removed, the password can never match again,
 * every sign-in ends and messages to them are emptied. Their counts, hours and history stay under
 * the pseudonym, so every report still adds up. The network's last active coordinator cannot be
 * erased (409), nor can someone twice (409). Returns the account before and after, for the trail.
 */
export async function eraseUser(db: Executor, id: string, now: Date) {
  const [current] = await db.select().from(users).where(eq(users.id, id)).for('update');
  if (!current) throw notFound('user');
  if (current.erasedAt) throw conflict('user_erased', (m) => m.userErased());
  await assertCoordinatorRemains(db, current);
  await revokeTokens(db, id, now);
  const alias = pseudonymOf(id);
  const [row] = await db.update(users).set({
    name: alias.name, email: alias.email, phone: null, hygienePassportUntil: null, notify: 'none', active: false,
    // Not an argon2 hash: nothing verifies against it.
    passwordHash: '!erased', erasedAt: now,
  }).where(eq(users.id, id)).returning();
  await purgeMessagesAndAnswersOf(db, id, now);
  return { before: toUserDto(current), after: toUserDto(row) };
}
