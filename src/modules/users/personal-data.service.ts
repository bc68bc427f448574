import type { Executor } from '../../db/client.ts';
import { purgeAnswersOf } from '../../db/idempotency-keys.repo.ts';
import { conflict, notFound } from '../../errors.ts';
import { pseudonymOf } from '../../domain/accounts.ts';
import { revokeTokens } from '../auth/tokens.repo.ts';
import { purgeMessagesOf } from '../notifications/notifications.repo.ts';
import { assertCoordinatorRemains, toUserDto } from './users.service.ts';
import { findUser, personalRecordsOf, updateUserRow } from './users.repo.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? undefined;

/**
 * Everything Kassi holds about one person (GDPR art. 15): the account (never the password's
 * hash), sign-ins, reset codes, shift sign-ups and hours, the messages sent to them, what the
 * audit trail says they did and what was done to their account, and how many records of the
 * network's work carry their name as the one who made them.
 */
export async function personalDataOf(db: Executor, userId: string) {
  const user = await findUser(db, userId);
  if (!user) throw notFound('user');
  const { sessions, resets, signups, hours, messages, acted, about, recordsMade } = await personalRecordsOf(db, userId);
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

/**
 * What an erasure empties besides the account itself: the texts of the messages sent to the
 * person (kept as rows, so counts and delivery history stay) and the stored answers of their
 * idempotent writes, which may repeat their name, email or phone.
 */
export async function purgeMessagesAndAnswersOf(db: Executor, userId: string, now: Date) {
  await purgeMessagesOf(db, userId, now);
  await purgeAnswersOf(db, userId, now);
}

/**
 * Erases a departed person (GDPR art. 17) by anonymising them: name and email become a
 * pseudonym, phone and hygiene passport date are removed, the password can never match again,
 * every sign-in ends and messages to them are emptied. Their counts, hours and history stay under
 * the pseudonym, so every report still adds up. The network's last active coordinator cannot be
 * erased (409), nor can someone twice (409). Returns the account before and after, for the trail.
 */
export async function eraseUser(db: Executor, id: string, now: Date) {
  const current = await findUser(db, id, { forUpdate: true });
  if (!current) throw notFound('user');
  if (current.erasedAt) throw conflict('user_erased', (m) => m.userErased());
  await assertCoordinatorRemains(db, current);
  await revokeTokens(db, id, now);
  const alias = pseudonymOf(id);
  const row = await updateUserRow(db, id, {
    name: alias.name, email: alias.email, phone: null, hygienePassportUntil: null, notify: 'none', active: false,
    // Not an argon2 hash: nothing verifies against it.
    passwordHash: '!erased', erasedAt: now,
  });
  await purgeMessagesAndAnswersOf(db, id, now);
  return { before: toUserDto(current), after: toUserDto(row) };
}
