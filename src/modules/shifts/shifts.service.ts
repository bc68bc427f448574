import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { addDays, localDate, localDayRange, type LocalDate } from '../../domain/dates.ts';
import { attendanceChains, attendanceMinutes, changesAttendance, checkSignup, shortBy, summariseHours, weeklyOccurrences, type HoursPeriod } from '../../domain/shifts.ts';
import { AppError, assertDateWindow, conflict, forbidden, notFound, unprocessable } from '../../errors.ts';
import type { Messages } from '../../i18n/messages.ts';
import { keysetPage } from '../../db/cursor.ts';
import type { Actor } from '../auth/actor.ts';
import { findSite } from '../sites/sites.repo.ts';
import { findUser } from '../users/users.service.ts';
import {
  activeSignups, attendanceBetween, attendanceOf, cancelRouteShifts, cancelSignupRow, countNewVolunteers, currentAttendance, findShift, findSignup, insertAttendance,
  insertRouteShift, insertShifts, listShiftRows, saveSignup, SHIFT_ORDER, type AttendanceRow, type ShiftRow,
} from './shifts.repo.ts';
import type { AttendanceDto, attendanceBody, createShiftBody, listShiftsQuery, ShiftDto } from './shifts.schemas.ts';

const iso = (d: Date) => d.toISOString();

const toAttendanceRecord = (a: AttendanceRow) => ({
  id: a.id, present: a.present, minutes: a.minutes, recordedAt: iso(a.recordedAt),
  recordedBy: a.recordedBy ?? undefined, supersedes: a.supersedesId ?? undefined,
});

/** The current attendance record with the records it corrected. */
const toAttendanceDto = (c: { current: AttendanceRow; history: AttendanceRow[] }): AttendanceDto => ({
  ...toAttendanceRecord(c.current), shiftId: c.current.shiftId, userId: c.current.userId, history: c.history.map(toAttendanceRecord),
});
const DEFAULT_LIST_DAYS = 13;

async function toShiftDtos(db: Executor, rows: ShiftRow[], actor: Actor): Promise<ShiftDto[]> {
  const ids = rows.map((r) => r.id);
  const signups = await activeSignups(db, ids);
  const attendance = actor.role === 'coordinator' ? await attendanceOf(db, ids) : [];
  return rows.map((r) => {
    const mine = signups.filter((s) => s.shiftId === r.id);
    return {
      id: r.id, siteId: r.siteId, kind: r.kind, start: iso(r.start), end: iso(r.end), needed: r.needed, note: r.note ?? undefined,
      signedUp: mine.length, short: r.cancelledAt ? 0 : shortBy(r.needed, mine.length), signedUpByMe: mine.some((s) => s.userId === actor.id),
      seriesId: r.seriesId ?? undefined, routeId: r.routeId ?? undefined, cancelled: r.cancelledAt !== null,
      ...(actor.role === 'coordinator' ? {
        signups: mine.map((s) => ({ userId: s.userId, name: s.name, signedUpAt: iso(s.signedUpAt) })),
        attendance: attendanceChains(attendance.filter((a) => a.shiftId === r.id)).map(toAttendanceDto),
      } : {}),
    };
  });
}

/** A warehouse, packing or driving shift happens at a depot; a point shift at a food-bank point. */
const SITE_KIND_OF = { warehouse: 'depot', packing: 'depot', driving: 'depot', point: 'point' } as const;

/** Creates a shift, or a weekly series of them (`weeks`), on the same Helsinki wall-clock times. */
export async function createShifts(tx: Executor, actor: Actor, body: z.infer<typeof createShiftBody>) {
  const site = await findSite(tx, body.siteId);
  if (!site) throw unprocessable('unknown_site', (m) => m.unknownSite(), { errors: [{ path: 'body.siteId', message: (m: Messages) => m.noSuchSite() }] });
  if (site.kind !== SITE_KIND_OF[body.kind]) {
    throw unprocessable('wrong_site_kind', (m) => m.wrongSiteKind(body.kind, SITE_KIND_OF[body.kind], site.kind));
  }
  const weeks = body.weeks ?? 1;
  const seriesId = weeks > 1 ? randomUUID() : null;
  const rows = await insertShifts(tx, weeklyOccurrences(new Date(body.start), new Date(body.end), weeks).map((o) => ({
    siteId: site.id, kind: body.kind, start: o.start, end: o.end, needed: body.needed, note: body.note ?? null, seriesId, createdBy: actor.id,
  })));
  return toShiftDtos(tx, rows, actor);
}

export async function listShifts(db: Executor, actor: Actor, q: z.infer<typeof listShiftsQuery>, now: Date) {
  const from = q.from ?? localDate(now);
  const to = q.to ?? addDays(from, DEFAULT_LIST_DAYS);
  assertDateWindow(from, to);
  const { page, nextCursor } = await keysetPage(q, SHIFT_ORDER, (w) => listShiftRows(db, {
    from: localDayRange(from).start, to: localDayRange(to).end, siteId: q.siteId, kind: q.kind, userId: q.mine ? actor.id : undefined,
    shortAfter: q.short ? now : undefined, ...w,
  }));
  return { items: await toShiftDtos(db, page, actor), nextCursor };
}

export async function getShift(db: Executor, actor: Actor, id: string) {
  const row = await findShift(db, id);
  if (!row) throw notFound('shift');
  return (await toShiftDtos(db, [row], actor))[0];
}

/** Whom a sign-up or cancel is for: oneself, or anyone when a coordinator asks. */
function targetUser(actor: Actor, userId: string | undefined): string {
  if (!userId || userId === actor.id) return actor.id;
  if (actor.role !== 'coordinator') throw forbidden((m) => m.onlyCoordinatorSignsUpOthers());
  return userId;
}

/**
 * Signs a volunteer up. The shift row is locked, so two last-place sign-ups cannot both get
 * in. Someone already signed up gets their sign-up again (200), not a second place.
 */
export async function signUp(tx: Executor, actor: Actor, shiftId: string, requestedUserId: string | undefined, now: Date) {
  const userId = targetUser(actor, requestedUserId);
  const shift = await findShift(tx, shiftId, { forUpdate: true });
  if (!shift) throw notFound('shift');
  const existing = await findSignup(tx, shiftId, userId);
  if (existing && !existing.cancelledAt) return { status: 200, body: await signupResult(tx, actor, shift, existing) };
  if (shift.cancelledAt) throw conflict('shift_cancelled', (m) => m.shiftCancelled());
  const user = await findUser(tx, userId);
  if (!user) throw notFound('user');
  const signedUp = (await activeSignups(tx, [shiftId])).length;
  const verdict = checkSignup({ shift, user, signedUp, now });
  // A shift that takes no one now is a conflict with its state (409); a volunteer it does not fit, bad input (422).
  if (!verdict.ok) throw new AppError(verdict.rule, verdict.kind === 'closed' ? 409 : 422, verdict.message, { reason: verdict.rule });
  const saved = await saveSignup(tx, { shiftId, userId, signedUpAt: now, signedUpBy: actor.id });
  return { status: 201, body: await signupResult(tx, actor, shift, saved) };
}

/** Cancels a sign-up before the shift starts; cancelling again answers the same. */
export async function cancelSignup(tx: Executor, actor: Actor, shiftId: string, userId: string, now: Date) {
  targetUser(actor, userId);
  const shift = await findShift(tx, shiftId, { forUpdate: true });
  if (!shift) throw notFound('shift');
  const existing = await findSignup(tx, shiftId, userId);
  if (!existing) throw unprocessable('not_signed_up', (m) => m.notSignedUp());
  if (existing.cancelledAt) return signupResult(tx, actor, shift, existing);
  if (now.getTime() >= shift.start.getTime()) throw conflict('shift_past', (m) => m.shiftStartedNoCancel());
  return signupResult(tx, actor, shift, (await cancelSignupRow(tx, shiftId, userId, now))!);
}

async function signupResult(db: Executor, actor: Actor, shift: ShiftRow, s: { shiftId: string; userId: string; signedUpAt: Date; cancelledAt: Date | null }) {
  return {
    shiftId: s.shiftId, userId: s.userId, signedUpAt: iso(s.signedUpAt), cancelledAt: s.cancelledAt ? iso(s.cancelledAt) : undefined,
    shift: (await toShiftDtos(db, [shift], actor))[0],
  };
}

/**
 * Records after the shift whether a signed-up volunteer came and how long they worked.
 * Recording again corrects it: a new record superseding the current one (201), the old ones
 * kept as its history; the same values again add nothing (200, the current record). The shift
 * row is locked, so two corrections cannot both supersede the same record.
 */
export async function recordAttendance(tx: Executor, actor: Actor, shiftId: string, body: z.infer<typeof attendanceBody>, now: Date) {
  const shift = await findShift(tx, shiftId, { forUpdate: true });
  if (!shift) throw notFound('shift');
  if (now.getTime() < shift.start.getTime()) throw unprocessable('shift_not_started', (m) => m.shiftNotStarted());
  const signup = await findSignup(tx, shiftId, body.userId);
  if (!signup || signup.cancelledAt) {
    throw unprocessable('not_signed_up', (m) => m.attendanceNeedsSignup(), { reason: 'not_signed_up' });
  }
  const next = { present: body.present, minutes: attendanceMinutes(body, shift) };
  const current = await currentAttendance(tx, shiftId, body.userId);
  const changed = changesAttendance(current, next);
  if (changed) {
    await insertAttendance(tx, { shiftId, userId: body.userId, ...next, supersedesId: current?.id ?? null, recordedBy: actor.id, recordedAt: now });
  }
  const [chain] = attendanceChains((await attendanceOf(tx, [shiftId])).filter((a) => a.userId === body.userId));
  return { status: changed ? 201 : 200, body: toAttendanceDto(chain!) };
}

/**
 * Volunteer hours of the Helsinki days `from`..`to` (inclusive), from attendance: per
 * volunteer, per period and in total, with how many volunteers were active and how many
 * attended their first shift ever in the period. The funder's report reads this.
 */
export async function volunteerHours(db: Executor, q: { from: LocalDate; to: LocalDate; period?: HoursPeriod; userId?: string }) {
  const start = localDayRange(q.from).start;
  const end = localDayRange(q.to).end;
  const rows = await attendanceBetween(db, start, end, q.userId);
  const names = new Map(rows.map((r) => [r.userId, r.name]));
  const summary = summariseHours(rows.map((r) => ({ userId: r.userId, date: localDate(r.start), present: r.present, minutes: r.minutes })), q.period);
  return {
    from: q.from, to: q.to, ...summary,
    perVolunteer: summary.perVolunteer.map((v) => ({ ...v, name: names.get(v.userId) ?? '' })),
    newVolunteers: await countNewVolunteers(db, start, end),
  };
}

/**
 * A published route is its driver's driving shift, from the route's start to its end at the
 * depot. The routes of an older published version of the same day stop being shifts.
 */
export async function shiftsForPublishedRoutes(
  tx: Executor, input: { depotId: string; routes: { id: string; driverId: string; start: Date; end: Date }[]; replacedRouteIds: string[]; now: Date },
) {
  if (input.replacedRouteIds.length > 0) {
    await cancelRouteShifts(tx, input.replacedRouteIds, input.now);
  }
  for (const r of input.routes) {
    const shift = await insertRouteShift(tx, {
      siteId: input.depotId, kind: 'driving', start: r.start, end: r.end, needed: 1, routeId: r.id, note: null,
    });
    if (shift) await saveSignup(tx, { shiftId: shift.id, userId: r.driverId, signedUpAt: input.now, signedUpBy: null });
  }
}
