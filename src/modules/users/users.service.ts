import argon2 from 'argon2';
import { asc, count, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Executor } from '../../db/client.ts';
import { sites, users } from '../../db/schema/index.ts';
import { unprocessable } from '../../errors.ts';
import type { Role } from '../../plugins/access.ts';

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
  pointId?: string | null;
  organisationId?: string | null;
  phone?: string | null;
}

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export function toUserDto(u: typeof users.$inferSelect) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, pointId: u.pointId ?? undefined, organisationId: u.organisationId ?? undefined, phone: u.phone ?? undefined };
}

export async function createUser(db: Executor, input: NewUser) {
  const email = input.email.trim().toLowerCase();
  if (input.role === 'point_lead') {
    if (!input.pointId) throw unprocessable('point_required', 'A point lead must be bound to a point (pointId)');
    const [point] = await db.select({ kind: sites.kind }).from(sites).where(eq(sites.id, input.pointId));
    if (point?.kind !== 'point') throw unprocessable('not_a_point', 'pointId must name a food-bank point');
  } else if (input.pointId) {
    throw unprocessable('point_not_allowed', 'Only a point lead is bound to a point');
  }
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) throw unprocessable('email_taken', `A user with email ${email} already exists`);
  const [row] = await db.insert(users).values({
    email, name: input.name, role: input.role, pointId: input.pointId ?? null, organisationId: input.organisationId ?? null, phone: input.phone ?? null,
    passwordHash: await hashPassword(input.password),
  }).returning();
  return toUserDto(row);
}

export async function listUsers(db: Executor) {
  const rows = await db.select().from(users).orderBy(asc(users.email));
  return rows.map(toUserDto);
}

/** Creates the first coordinator from BOOTSTRAP_ADMIN_* when the database has no users. */
export async function ensureBootstrapAdmin(db: Executor, config: Config, log: Logger) {
  if (!config.BOOTSTRAP_ADMIN_EMAIL || !config.BOOTSTRAP_ADMIN_PASSWORD) return;
  const [{ n }] = await db.select({ n: count() }).from(users);
  if (n > 0) return;
  await createUser(db, { email: config.BOOTSTRAP_ADMIN_EMAIL, name: 'Administrator', role: 'coordinator', password: config.BOOTSTRAP_ADMIN_PASSWORD });
  log.info({ email: config.BOOTSTRAP_ADMIN_EMAIL }, 'bootstrap coordinator created');
}
