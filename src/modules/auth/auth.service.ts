import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { authTokens, users } from '../../db/schema/index.ts';
import { unauthorized } from '../../errors.ts';
import { hashToken } from '../../plugins/access.ts';
import { verifyPassword } from '../users/password.ts';
import { toUserDto } from '../users/users.service.ts';


export async function login(db: Executor, email: string, password: string, ttlHours: number, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  const ok = await verifyPassword(user?.passwordHash, password);
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
