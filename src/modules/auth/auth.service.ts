import { createHash, randomBytes, randomInt } from 'node:crypto';
import type { Executor } from '../../db/client.ts';
import { badRequest, notFound, unauthorized } from '../../errors.ts';
import type { Messages } from '../../i18n/messages.ts';
import { hashToken } from './actor.ts';
import { hashPassword, verifyPassword } from '../users/password.ts';
import { toUserDto } from '../users/users.service.ts';
import type { SignInGuard } from './sign-in-guard.ts';
import { findLiveReset, insertPasswordReset, insertToken, revokeToken, revokeTokens, useReset, voidPasswordResets } from './tokens.repo.ts';
import { findErasedAt, findPasswordHash, findUserByEmail, setPasswordHash } from '../users/users.repo.ts';

/** How long a coordinator's reset code stays usable: long enough to reach a volunteer the same day. */
export const RESET_CODE_HOURS = 24;
/**
 * Reset codes are read out over the phone or written on paper: 12 characters of an alphabet
 * without look-alikes (no 0/O, 1/I/L), shown in groups of four. 31^12 ≈ 2^59 codes; a guesser
 * gets `LOGIN_MAX_PER_ACCOUNT` tries per 15 minutes per address before the code expires.
 */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 12;

const normaliseCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, '');
const hashCode = (code: string) => createHash('sha256').update(`kassi-reset:${normaliseCode(code)}`).digest('hex');

async function issueToken(db: Executor, userId: string, ttlHours: number, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600 * 1000);
  await insertToken(db, { userId, tokenHash: hashToken(token), expiresAt });
  return { token, expiresAt: expiresAt.toISOString() };
}

/** Signs in with email and password, through the guard: failures count per account and address. */
export async function login(db: Executor, guard: SignInGuard, address: string, email: string, password: string, ttlHours: number, now: Date) {
  const account = email.trim().toLowerCase();
  const user = await guard.run(account, address, async () => {
    const row = await findUserByEmail(db, account);
    const ok = await verifyPassword(row?.passwordHash, password);
    return { ok: Boolean(row && ok && row.active), value: row };
  });
  if (!user) throw unauthorized((m) => m.wrongPassword());
  return { ...(await issueToken(db, user.id, ttlHours, now)), user: toUserDto(user) };
}

export async function logout(db: Executor, token: string, now: Date) {
  await revokeToken(db, hashToken(token), now);
}

/** Signs the user out on every device: every token, the one of this request included. */
export async function logoutEverywhere(db: Executor, userId: string, now: Date) {
  await revokeTokens(db, userId, now);
}

/**
 * Changes one's own password: the current one must be right (a failure counts like a failed
 * sign-in), and every other sign-in of the user ends; the device that changed it stays signed in.
 */
export async function changePassword(db: Executor, guard: SignInGuard, address: string, userId: string, token: string, current: string, next: string, now: Date) {
  const ok = await guard.run(`user:${userId}`, address, async () => {
    const row = await findPasswordHash(db, userId);
    const right = await verifyPassword(row?.passwordHash, current);
    return { ok: right, value: true };
  });
  if (!ok) throw badRequest('wrong_current_password', (m) => m.wrongCurrentPassword(), { errors: [{ path: 'body.current', message: (m: Messages) => m.wrongCurrentPassword() }] });
  await setPasswordHash(db, userId, await hashPassword(next));
  await revokeTokens(db, userId, now, token);
}

/**
 * A coordinator's one-time reset code for a user who has forgotten their password: void after
 * {@link RESET_CODE_HOURS}, after its use, or when a newer code is made. Only its hash is kept.
 */
export async function createPasswordReset(db: Executor, userId: string, createdBy: string, now: Date) {
  const user = await findErasedAt(db, userId);
  if (!user || user.erasedAt) throw notFound('user');
  await voidPasswordResets(db, userId, now);
  const raw = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const code = raw.match(/.{4}/g)!.join('-');
  const expiresAt = new Date(now.getTime() + RESET_CODE_HOURS * 3600 * 1000);
  await insertPasswordReset(db, { userId, codeHash: hashCode(code), createdBy, expiresAt });
  return { code, expiresAt: expiresAt.toISOString() };
}

/**
 * Sets a new password with a reset code: the code is used up, and every sign-in the user had
 * ends. A wrong, used or expired code counts as a failed attempt for that email and address.
 */
export async function redeemPasswordReset(db: Executor, guard: SignInGuard, address: string, email: string, code: string, password: string, now: Date) {
  const account = email.trim().toLowerCase();
  const reset = await guard.run(`reset:${account}`, address, async () => {
    const row = await findLiveReset(db, hashCode(code), account, now);
    return { ok: Boolean(row), value: row };
  });
  if (!reset) throw badRequest('reset_code_invalid', (m) => m.resetCodeInvalid());
  if (!(await useReset(db, reset.id, now))) throw badRequest('reset_code_invalid', (m) => m.resetCodeInvalid());
  await setPasswordHash(db, reset.userId, await hashPassword(password));
  await revokeTokens(db, reset.userId, now);
}
