import { and, asc, eq, gt, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { shiftAttendance, shiftSignups, shifts, users } from '../../db/schema/index.ts';

export type ShiftRow = typeof shifts.$inferSelect;
export type AttendanceRow = typeof shiftAttendance.$inferSelect;

/** The record that superseded an attendance record; none for the current ones. */
const later = alias(shiftAttendance, 'later');
const isCurrent = isNull(later.id);

export async function insertShifts(tx: Executor, rows: (typeof shifts.$inferInsert)[]) {
  return tx.insert(shifts).values(rows).returning();
}

export async function findShift(db: Executor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = db.select().from(shifts).where(eq(shifts.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Shifts by start, earliest first. */
export const SHIFT_ORDER = sortKey<ShiftRow>([{ column: shifts.start, part: 'instant' }, { column: shifts.id, part: 'uuid' }], (s) => [s.start, s.id]);

/**
 * Shifts starting in `[from, to)`, optionally at one site, of one kind, with this user signed
 * up, or (`shortAfter`) short of people and starting after that instant, one page at a time.
 * Short is domain/shifts' shortBy > 0: not cancelled and fewer active sign-ups than needed.
 */
export async function listShiftRows(db: Executor, f: PageWindow & {
  from: Date; to: Date; siteId?: string; kind?: ShiftRow['kind']; userId?: string; shortAfter?: Date;
}) {
  return db.select().from(shifts).where(and(
    gte(shifts.start, f.from), lt(shifts.start, f.to),
    f.siteId ? eq(shifts.siteId, f.siteId) : undefined,
    f.kind ? eq(shifts.kind, f.kind) : undefined,
    f.userId ? inArray(shifts.id, db.select({ id: shiftSignups.shiftId }).from(shiftSignups)
      .where(and(eq(shiftSignups.userId, f.userId), isNull(shiftSignups.cancelledAt)))) : undefined,
    f.shortAfter ? and(isNull(shifts.cancelledAt), gt(shifts.start, f.shortAfter), sql`${shifts.needed} > (select count(*) from ${shiftSignups} s
      where s.shift_id = ${shifts.id} and s.cancelled_at is null)`) : undefined,
    pastKey(SHIFT_ORDER, f.after),
  )).orderBy(...orderOf(SHIFT_ORDER)).limit(f.limit);
}

/** The active sign-ups of these shifts, with the volunteers' names. */
export async function activeSignups(db: Executor, shiftIds: string[]) {
  if (shiftIds.length === 0) return [];
  return db.select({ shiftId: shiftSignups.shiftId, userId: shiftSignups.userId, name: users.name, signedUpAt: shiftSignups.signedUpAt })
    .from(shiftSignups).innerJoin(users, eq(users.id, shiftSignups.userId))
    .where(and(inArray(shiftSignups.shiftId, shiftIds), isNull(shiftSignups.cancelledAt)))
    .orderBy(asc(shiftSignups.signedUpAt));
}

/** Every attendance record of these shifts, the corrected ones too, in the order recorded. */
export async function attendanceOf(db: Executor, shiftIds: string[]): Promise<AttendanceRow[]> {
  if (shiftIds.length === 0) return [];
  return db.select().from(shiftAttendance).where(inArray(shiftAttendance.shiftId, shiftIds))
    .orderBy(asc(shiftAttendance.recordedAt), asc(shiftAttendance.id));
}

/** The current attendance record of a volunteer on a shift (the one nobody superseded). */
export async function currentAttendance(db: Executor, shiftId: string, userId: string): Promise<AttendanceRow | undefined> {
  const [row] = await db.select({ a: shiftAttendance }).from(shiftAttendance)
    .leftJoin(later, eq(later.supersedesId, shiftAttendance.id))
    .where(and(eq(shiftAttendance.shiftId, shiftId), eq(shiftAttendance.userId, userId), isCurrent));
  return row?.a;
}

export async function findSignup(db: Executor, shiftId: string, userId: string) {
  const [row] = await db.select().from(shiftSignups).where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, userId)));
  return row;
}

export async function saveSignup(tx: Executor, row: { shiftId: string; userId: string; signedUpAt: Date; signedUpBy: string | null }) {
  const [saved] = await tx.insert(shiftSignups).values({ ...row, cancelledAt: null })
    .onConflictDoUpdate({ target: [shiftSignups.shiftId, shiftSignups.userId], set: { signedUpAt: row.signedUpAt, signedUpBy: row.signedUpBy, cancelledAt: null } })
    .returning();
  return saved;
}

export async function cancelSignupRow(tx: Executor, shiftId: string, userId: string, at: Date) {
  const [row] = await tx.update(shiftSignups).set({ cancelledAt: at })
    .where(and(eq(shiftSignups.shiftId, shiftId), eq(shiftSignups.userId, userId))).returning();
  return row;
}

/** Appends an attendance record; a correction names the current record in `supersedesId`. */
export async function insertAttendance(tx: Executor, row: typeof shiftAttendance.$inferInsert): Promise<AttendanceRow> {
  const [saved] = await tx.insert(shiftAttendance).values(row).returning();
  return saved!;
}

/** Current attendance of shifts starting in `[from, to)`, with each shift's start; corrected records are left out. */
export async function attendanceBetween(db: Executor, from: Date, to: Date, userId?: string) {
  return db.select({ userId: shiftAttendance.userId, name: users.name, present: shiftAttendance.present, minutes: shiftAttendance.minutes, start: shifts.start })
    .from(shiftAttendance)
    .innerJoin(shifts, eq(shifts.id, shiftAttendance.shiftId))
    .innerJoin(users, eq(users.id, shiftAttendance.userId))
    .leftJoin(later, eq(later.supersedesId, shiftAttendance.id))
    .where(and(isCurrent, gte(shifts.start, from), lt(shifts.start, to), isNull(shifts.cancelledAt), userId ? eq(shiftAttendance.userId, userId) : undefined));
}

/** Volunteers whose first shift attended ever (by current records) started in `[from, to)`. */
export async function countNewVolunteers(db: Executor, from: Date, to: Date): Promise<number> {
  const firsts = db.select({ userId: shiftAttendance.userId, first: sql<Date>`min(${shifts.start})`.as('first') })
    .from(shiftAttendance).innerJoin(shifts, eq(shifts.id, shiftAttendance.shiftId))
    .leftJoin(later, eq(later.supersedesId, shiftAttendance.id))
    .where(and(isCurrent, eq(shiftAttendance.present, true), isNull(shifts.cancelledAt)))
    .groupBy(shiftAttendance.userId).as('firsts');
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(firsts).where(and(gte(firsts.first, from), lt(firsts.first, to)));
  return Number(row?.n ?? 0);
}

/** Cancels the driving shifts of these routes (those not cancelled yet). */
export async function cancelRouteShifts(tx: Executor, routeIds: string[], now: Date) {
  await tx.update(shifts).set({ cancelledAt: now })
    .where(and(inArray(shifts.routeId, routeIds), isNull(shifts.cancelledAt)));
}

/** Inserts a route's driving shift; none when the route has one already. */
export const insertRouteShift = async (tx: Executor, values: typeof shifts.$inferInsert) =>
  (await tx.insert(shifts).values(values).onConflictDoNothing({ target: shifts.routeId }).returning())[0];
