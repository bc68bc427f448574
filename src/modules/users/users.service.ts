import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/client.ts';
import { conflict, notFound, rootCause, unprocessable } from '../../errors.ts';
import { mayLeaveCoordinators } from '../../domain/accounts.ts';
import { revokeTokens } from '../auth/tokens.repo.ts';
import type { Role } from '../auth/actor.ts';
import { keysetPage } from '../../db/cursor.ts';
import { toE164 } from '../../domain/contact.ts';
import { hashPassword } from './password.ts';
import type { rosterQuery, updateUserBody } from './users.schemas.ts';
import { findSiteKind } from '../sites/sites.repo.ts';
import {
  countActiveCoordinators, findUser, findUserIdByEmail, hasUsers, insertUser, listUserRows, lockActiveCoordinators, updateUserRow, USER_ORDER, type UserRow,
} from './users.repo.ts';

export { findUser, hasUsers, type UserRow };

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  pointId?: string | null;
  organisationId?: string | null;
  phone?: string | null;
  notify?: 'email' | 'sms' | 'none';
  locale?: 'fi' | 'en';
  hygienePassportUntil?: string | null;
}

export function toUserDto(u: UserRow) {
  return {
    id: u.id, email: u.email, name: u.name, role: u.role, pointId: u.pointId ?? undefined, organisationId: u.organisationId ?? undefined, phone: u.phone ?? undefined,
    notify: u.notify, locale: u.locale, hygienePassportUntil: u.hygienePassportUntil ?? undefined, active: u.active,
    erasedAt: u.erasedAt?.toISOString(),
  };
}

export async function createUser(db: Executor, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  if (input.role === 'point_lead') {
    if (!input.pointId) throw unprocessable('point_required', (m) => m.pointRequired());
    const point = await findSiteKind(db, input.pointId);
    if (point?.kind !== 'point') throw unprocessable('not_a_point', (m) => m.notAPoint());
  } else if (input.pointId) {
    throw unprocessable('point_not_allowed', (m) => m.pointNotAllowed());
  }
  const taken = () => unprocessable('email_taken', (m) => m.emailTaken(email));
  const existing = await findUserIdByEmail(db, email);
  if (existing) throw taken();
  const passwordHash = await hashPassword(input.password);
  // A parallel request with the same email passes the check above; the unique index decides, with the same answer.
  const [row] = await insertUser(db, {
    email, name: input.name, role: input.role, pointId: input.pointId ?? null, organisationId: input.organisationId ?? null, phone: input.phone ? toE164(input.phone) : null,
    notify: input.notify ?? 'email', locale: input.locale ?? 'fi', hygienePassportUntil: input.hygienePassportUntil ?? null,
    passwordHash,
  }).catch((err: unknown) => {
    const cause = rootCause(err) as { code?: string; constraint?: string };
    throw cause.code === '23505' && cause.constraint === 'users_email_unique' ? taken() : err;
  });
  return toUserDto(row);
}

/**
 * Refuses (409) to take away the network's last active coordinator. Coordinators are counted
 * under one transaction-scoped lock, so two coordinators deactivating each other at once cannot
 * both pass.
 */
export async function assertCoordinatorRemains(db: Executor, user: UserRow) {
  const isActiveCoordinator = user.role === 'coordinator' && user.active;
  if (!isActiveCoordinator) return;
  await lockActiveCoordinators(db);
  const n = await countActiveCoordinators(db);
  if (!mayLeaveCoordinators({ isActiveCoordinator, activeCoordinators: n })) throw conflict('last_coordinator', (m) => m.lastCoordinator());
}

/**
 * Changes a user's volunteer details. Choosing SMS needs a phone number on record (422), so a
 * message never goes to nobody. Deactivating ends every sign-in the user has (reactivating
 * brings none back) and is refused for the last active coordinator (409).
 */
export async function updateUser(db: Executor, id: string, input: z.infer<typeof updateUserBody>, now: Date) {
  const current = await findUser(db, id, { forUpdate: true });
  if (!current) throw notFound('user');
  if (current.erasedAt) throw conflict('user_erased', (m) => m.userErased());
  if (input.active === false && current.active) {
    await assertCoordinatorRemains(db, current);
    await revokeTokens(db, id, now);
  }
  const phone = input.phone === undefined ? current.phone : input.phone === null ? null : toE164(input.phone);
  const notify = input.notify ?? current.notify;
  if (notify === 'sms' && !phone) throw unprocessable('phone_required', (m) => m.phoneRequired());
  const row = await updateUserRow(db, id, {
    name: input.name ?? current.name, phone, notify, locale: input.locale ?? current.locale,
    hygienePassportUntil: input.hygienePassportUntil === undefined ? current.hygienePassportUntil : input.hygienePassportUntil,
    active: input.active ?? current.active,
    organisationId: input.organisationId === undefined ? current.organisationId : input.organisationId,
  });
  return toUserDto(row);
}

/** The coordinator's roster by email, a page at a time: everyone, or filtered by role, site, passport expiry and activity. */
export async function listUsers(db: Executor, filter: z.infer<typeof rosterQuery>) {
  const { role, active, passportExpiringBefore, siteId } = filter;
  const { page, nextCursor } = await keysetPage(filter, USER_ORDER, (w) => listUserRows(db, { ...w, role, active, passportExpiringBefore, siteId }));
  return { items: page.map(toUserDto), nextCursor };
}

/**
 * Creates the first coordinator from BOOTSTRAP_ADMIN_* when the database has no users. Count
 * then insert: run it under the start-up lock (underStartupLock), or two processes starting
 * together both count 0 and one dies on the unique email.
 */
export async function ensureBootstrapAdmin(db: Executor, config: Config, log: Logger) {
  if (!config.BOOTSTRAP_ADMIN_EMAIL || !config.BOOTSTRAP_ADMIN_PASSWORD) return;
  if (await hasUsers(db)) return;
  await createUser(db, { email: config.BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', role: 'coordinator', password: config.BOOTSTRAP_ADMIN_PASSWORD });
  log.info({ email: config.BOOTSTRAP_ADMIN_EMAIL }, 'bootstrap coordinator created');
}
