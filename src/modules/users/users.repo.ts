import { and, count, desc, eq, exists, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import {
  auditEntries, authTokens, distributions, idempotencyKeys, intakes, notifications, packingRuns, passwordResets, reservations,
  routeStops, shiftAttendance, shiftSignups, shifts, temperatureReadings, users,
} from '../../db/schema/index.ts';
import type { Role } from '../auth/actor.ts';

export type UserRow = typeof users.$inferSelect;

/** A user by id (`forUpdate`: locked until the transaction ends). */
export async function findUser(db: Executor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(users).where(eq(users.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** The user with this (normalised) email, if any. */
export const findUserByEmail = async (db: Executor, email: string) => (await db.select().from(users).where(eq(users.email, email)))[0];

/** A user's password hash, if the user exists. */
export const findPasswordHash = async (db: Executor, id: string) => (await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, id)))[0];

/** A user's id and when they were erased, if the user exists. */
export const findErasedAt = async (db: Executor, id: string) => (await db.select({ id: users.id, erasedAt: users.erasedAt }).from(users).where(eq(users.id, id)))[0];

/** Sets a user's password hash. */
export async function setPasswordHash(db: Executor, id: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

/** The id of the user with this (normalised) email, if any. */
export const findUserIdByEmail = async (db: Executor, email: string) => (await db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0];

/** Inserts a user; a taken email fails on the unique index `users_email_unique`. */
export const insertUser = (db: Executor, values: typeof users.$inferInsert) => db.insert(users).values(values).returning();

/** Changes a user's fields. */
export const updateUserRow = async (db: Executor, id: string, values: Partial<typeof users.$inferInsert>) =>
  (await db.update(users).set(values).where(eq(users.id, id)).returning())[0];

/** Takes the transaction-scoped advisory lock under which active coordinators are counted. */
export async function lockActiveCoordinators(db: Executor) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('kassi:active-coordinators'))`);
}

/** How many active coordinators the network has. */
export const countActiveCoordinators = async (db: Executor) =>
  (await db.select({ n: count() }).from(users).where(and(eq(users.role, 'coordinator'), eq(users.active, true))))[0].n;

/** The roster by email. */
export const USER_ORDER = sortKey<UserRow>([{ column: users.email, part: 'text' }, { column: users.id, part: 'uuid' }], (u) => [u.email, u.id]);

/** The roster by email, one page at a time: everyone, or filtered by role, activity, passport expiry and site (its point, or a live sign-up to one of its shifts). */
export function listUserRows(db: Executor, f: PageWindow & { role?: Role; active?: boolean; passportExpiringBefore?: string; siteId?: string }) {
  const where: (SQL | undefined)[] = [
    f.role ? eq(users.role, f.role) : undefined,
    f.active === undefined ? undefined : eq(users.active, f.active),
    f.passportExpiringBefore ? lt(users.hygienePassportUntil, f.passportExpiringBefore) : undefined,
    f.siteId ? or(eq(users.pointId, f.siteId), exists(db.select({ one: shiftSignups.userId }).from(shiftSignups)
      .innerJoin(shifts, eq(shifts.id, shiftSignups.shiftId))
      .where(and(eq(shiftSignups.userId, users.id), eq(shifts.siteId, f.siteId), isNull(shiftSignups.cancelledAt))))) : undefined,
  ];
  return db.select().from(users).where(and(...where, pastKey(USER_ORDER, f.after))).orderBy(...orderOf(USER_ORDER)).limit(f.limit);
}

/** Whether the database has any user at all. */
export const hasUsers = async (db: Executor) => (await db.select({ id: users.id }).from(users).limit(1)).length > 0;

/**
 * What Kassi holds about one person besides the account, newest first: sign-ins, reset codes,
 * shift sign-ups, hours, messages, the audit entries they made and those about their account,
 * and how many records of the network's work carry their id.
 */
export async function personalRecordsOf(db: Executor, userId: string) {
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
  return { sessions, resets, signups, hours, messages, acted, about, recordsMade };
}
