import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { authTokens, users } from '../../db/schema/index.ts';
import { unauthorized } from '../../errors.ts';
import { hashToken } from '../../plugins/access.ts';
import { toUserDto } from '../users/users.service.ts';

/** A fixed hash to verify against when the email is unknown, so timing does not reveal accounts. */
const DUMMY_HASH = '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHRzb21lc2FsdA$Ij5zZzVh7QW6c+zW7k1Gv7oKqMSRn5fH2e6KcQpQd6E';

export async function login(db: Executor, email: string, password: string, ttlHours: number, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const ok = await argon2.verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  if (!user || !ok || !user.active) throw unauthorized((m) => m.wrongPassword());
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600 * 1000);
  await db.insert(authTokens).values({ userId: user.id, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt: expiresAt.toISOString(), user: toUserDto(user) };
}

export async function logout(db: Executor, token: string, now: Date) {
  await db.update(authTokens).set({ revokedAt: now })
    .where(and(eq(authTokens.tokenHash, hashToken(token)), isNull(authTokens.revokedAt)));
}
