import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { authTokens } from '../../db/schema/index.ts';
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
