import { and, eq, gt, isNull, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { authTokens, donorLinks, donorSessions, passwordResets, sites, users } from '../../db/schema/index.ts';
import { hashToken } from './actor.ts';

/**
 * Revokes every live token of a user (sign-ins of any kind: the app, a page or dashboard
 * cookie, a donor's link session), but the one `keep` names. A revoked token stays revoked:
 * reactivating the user or changing the password back brings none of them back.
 */
export async function revokeTokens(db: Executor, userId: string, now: Date, keep?: string) {
  await db.update(authTokens).set({ revokedAt: now })
    .where(and(eq(authTokens.userId, userId), isNull(authTokens.revokedAt), keep ? ne(authTokens.tokenHash, hashToken(keep)) : undefined));
}

/** Records a new sign-in token (its hash only). */
export async function insertToken(db: Executor, values: typeof authTokens.$inferInsert) {
  await db.insert(authTokens).values(values);
}

/** Revokes the token with this hash, unless it is revoked already. */
export async function revokeToken(db: Executor, tokenHash: string, now: Date) {
  await db.update(authTokens).set({ revokedAt: now })
    .where(and(eq(authTokens.tokenHash, tokenHash), isNull(authTokens.revokedAt)));
}

/** Deletes the tokens expired by `now`; returns their ids. */
export const deleteExpiredTokens = (db: Executor, now: Date) =>
  db.delete(authTokens).where(lt(authTokens.expiresAt, now)).returning({ id: authTokens.id });

/** The active user a live, unrevoked token with this hash signs in, if any. */
export const findActorByToken = async (db: Executor, tokenHash: string, now: Date) =>
  (await db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, pointId: users.pointId })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(and(eq(authTokens.tokenHash, tokenHash), isNull(authTokens.revokedAt), gt(authTokens.expiresAt, now), eq(users.active, true)))
    .limit(1))[0];

/** The link of a live donor session with this hash, if the link is not revoked and its site is an active donor. */
export const findDonorBySession = async (db: Executor, tokenHash: string, now: Date) =>
  (await db
    .select({ id: donorLinks.id, name: donorLinks.name, donorId: donorLinks.siteId })
    .from(donorSessions)
    .innerJoin(donorLinks, eq(donorLinks.id, donorSessions.linkId))
    .innerJoin(sites, eq(sites.id, donorLinks.siteId))
    .where(and(
      eq(donorSessions.tokenHash, tokenHash), gt(donorSessions.expiresAt, now), isNull(donorLinks.revokedAt),
      eq(sites.kind, 'donor'), eq(sites.active, true),
    ))
    .limit(1))[0];

/** Voids every unused reset code of a user. */
export async function voidPasswordResets(db: Executor, userId: string, now: Date) {
  await db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/** Records a new reset code (its hash only). */
export async function insertPasswordReset(db: Executor, values: typeof passwordResets.$inferInsert) {
  await db.insert(passwordResets).values(values);
}

/** The unused, unexpired reset code with this hash for the user with this email, locked (`for update`). */
export const findLiveReset = async (db: Executor, codeHash: string, email: string, now: Date) =>
  (await db.select({ id: passwordResets.id, userId: passwordResets.userId })
    .from(passwordResets).innerJoin(users, eq(users.id, passwordResets.userId))
    .where(and(eq(passwordResets.codeHash, codeHash), eq(users.email, email), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
    .for('update'))[0];

/** Uses up a reset code unless it is used already; false when it was. */
export const useReset = async (db: Executor, id: string, now: Date) =>
  (await db.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.id, id), isNull(passwordResets.usedAt))).returning()).length > 0;
