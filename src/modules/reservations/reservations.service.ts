import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Executor, Tx } from '../../db/client.ts';
import { localDate, type Weekday } from '../../domain/dates.ts';
import { checkPlanningDate } from '../../domain/date-window.ts';
import { canMoveReservation, checkChangeWindow, checkReservationDate, fitsCap, remainingCap, type ReservationStatus } from '../../domain/reservations.ts';
import { AppError, assertInWindow, conflict, notFound, unprocessable } from '../../errors.ts';
import { keysetPage } from '../../db/cursor.ts';
import type { Text } from '../../i18n/messages.ts';
import { assertPointScope, type Actor } from '../auth/actor.ts';
import {
  bagsReservedForDay, bagsReservedForDayByType, CAP_ORDER, countHeldAndRecalled, findCap, findReservation, holdBags, insertReservation, listCaps,
  listReservations, lockCap, lockStock, moveReservationBags, pointWeekdays, RESERVATION_ORDER, updateReservation, upsertCap, type ReservationRow,
} from './reservations.repo.ts';
import { countAvailableBags } from '../packing/packing.repo.ts';
import { findSite, registeredPointIds } from '../sites/sites.repo.ts';
import { depotServing } from '../sites/sites.service.ts';
import type { createReservationBody, listCapsQuery, listReservationsQuery, ReservationDto, setCapBody } from './reservations.schemas.ts';

export function toReservationDto(r: ReservationRow): ReservationDto {
  return {
    id: r.id, pointId: r.pointId, depotId: r.depotId, date: r.date, bagType: r.bagType as ReservationDto['bagType'],
    temperatureClass: r.temperatureClass ?? undefined, bags: r.bags, status: r.status,
    bagsDelivered: r.bagsDelivered ?? undefined, bagsReceived: r.bagsReceived ?? undefined,
    createdAt: r.createdAt.toISOString(),
    cancelledAt: r.cancelledAt?.toISOString(), dispatchedAt: r.dispatchedAt?.toISOString(),
    deliveredAt: r.deliveredAt?.toISOString(), confirmedAt: r.confirmedAt?.toISOString(),
  };
}

/** A state change the transition table does not allow: 409 naming both states. */
export function illegalTransition(r: ReservationRow, to: ReservationStatus): AppError {
  return conflict('illegal_transition', (m) => m.illegalTransition(r.status, to), { reservationStatus: r.status, wanted: to });
}

/** The reservation, or 404 when it does not exist or belongs to another point than a point lead's. */
export async function requireReservation(ex: Executor, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}) {
  const r = await findReservation(ex, id, opts);
  if (!r) throw notFound('reservation');
  assertPointScope(actor, r.pointId, 'reservation');
  return r;
}

/** A point the caller may act for. */
async function requirePointSite(ex: Executor, actor: Actor, pointId: string) {
  assertPointScope(actor, pointId, 'point');
  const point = await findSite(ex, pointId);
  if (!point || point.kind !== 'point') throw notFound('point');
  return point;
}

/** A point the caller may act for, and the depot that serves it (`servingDepot`: set, only or nearest depot). */
async function requirePoint(ex: Executor, actor: Actor, pointId: string) {
  const point = await requirePointSite(ex, actor, pointId);
  const served = await depotServing(ex, point);
  if (!served) throw unprocessable('point_without_depot', (m) => m.pointWithoutDepot());
  return { point, depotId: served.depotId };
}

class ShortPick extends Error {}

/**
 * Holds `bags` bags for a point's delivery day at once, or refuses with 409 and the number
 * available (and the remaining cap when one applies). Never oversold:
 *
 * 1. What needs no lock first: scope, date, distribution day, cut-off.
 * 2. When the point has a cap for the bag type: the (point, bag type) advisory lock, then the
 *    cap check: reservations of one capped point are serialised, so the day's sum cannot be
 *    overtaken between reading and adding.
 * 3. Fast path: take free, unlocked bags with `SKIP LOCKED` inside a savepoint. All bags → done;
 *    reservations of many points run this in parallel. Short → roll back to the savepoint
 *    (that releases the bags it locked) — a short skip-locked pick only means others hold
 *    locks right now, not that the bags are gone.
 * 4. A count of the committed stock (bags others are still taking count as in stock, so it
 *    can only overstate what is free): below the request → 409 at once, no lock.
 * 5. Otherwise the waiting path: the (depot, bag type) advisory lock, then a waiting
 *    `FOR UPDATE` pick that counts every free bag exactly; still short → 409, rolled back.
 *
 * See `holdBags` for why each step is exact; the concurrency tests fire 200 requests at 50
 * bags and get exactly 50 holds every time.
 */
export async function createReservation(
  tx: Tx, actor: Actor, body: z.infer<typeof createReservationBody>, now: Date, opts: { requirePointRegistration?: boolean } = {},
): Promise<ReservationDto> {
  assertInWindow(checkPlanningDate(body.date, localDate(now)), 'body.date');
  const { point, depotId } = await requirePoint(tx, actor, body.pointId);
  // With REQUIRE_POINT_REGISTRATION, a point whose organisation has no food-aid registration takes no reservations.
  if (opts.requirePointRegistration && !(await registeredPointIds(tx, [point])).has(point.id)) {
    throw conflict('point_not_registered', (m) => m.pointNotRegistered(point.name), { rule: 'point_not_registered', pointId: point.id });
  }
  const weekdays = (await pointWeekdays(tx, point.id)) as Weekday[];
  const verdict = checkReservationDate({ date: body.date, weekdays, now, coordinator: actor.role === 'coordinator' });
  if (!verdict.ok) throw refusalError(verdict.rule, verdict.message);

  // Only a capped point pays for the cap lock. A cap set while a reservation that saw none
  // is in flight lets that one through, as if it had come just before the cap (caps never
  // evict reservations already made); every reservation that starts after the cap is set
  // is checked under the lock.
  let cap = await findCap(tx, point.id, body.bagType);
  if (cap) {
    await lockCap(tx, point.id, body.bagType);
    cap = await findCap(tx, point.id, body.bagType);
  }
  const remaining = cap ? remainingCap(cap.bagsPerDay, [await bagsReservedForDay(tx, point.id, body.bagType, body.date)]) : null;
  if (!fitsCap(body.bags, remaining)) {
    const available = await countAvailableBags(tx, depotId, body.bagType, body.date, body.temperatureClass);
    throw conflict('cap_exceeded', (m) => m.capExceeded(remaining ?? 0, body.bagType, body.date, body.bags), { available, remainingCap: remaining });
  }

  const id = randomUUID();
  const pick = { reservationId: id, depotId, bagType: body.bagType, temperatureClass: body.temperatureClass, date: body.date, now, actorId: actor.id };
  let held = await tx.transaction(async (sp) => {
    const n = await holdBags(sp, { ...pick, count: body.bags, skipLocked: true });
    if (n < body.bags) throw new ShortPick();
    return n;
  }).catch((err: unknown) => {
    if (err instanceof ShortPick) return 0;
    throw err;
  });
  // Short: first a plain count of the committed stock. Bags that others hold but have not
  // yet committed still count as in stock, so fewer than asked here means fewer are free
  // for sure: refuse without queueing for the lock (most refusals of a sold-out day end here).
  const committed = held < body.bags ? await countAvailableBags(tx, depotId, body.bagType, body.date, body.temperatureClass) : held;
  if (committed < body.bags) {
    held = committed;
  } else if (held < body.bags) {
    await lockStock(tx, depotId, body.bagType);
    held = await holdBags(tx, { ...pick, count: body.bags, skipLocked: false });
    // A waiting pick can also come up short when a bag it waited for was changed by its
    // holder (taken, or discarded); ask again for the rest. Under the lock a pick of 0 means
    // nothing more is free, so `held` is then exactly the number available.
    while (held < body.bags) {
      const more = await holdBags(tx, { ...pick, count: body.bags - held, skipLocked: false });
      if (more === 0) break;
      held += more;
    }
  }
  if (held < body.bags) {
    // Throwing rolls the transaction back, releasing the bags just taken.
    throw conflict('insufficient_bags', (m) => m.insufficientBags(held, body.bagType, body.temperatureClass ?? null, body.date, body.bags), {
      available: held, ...(remaining === null ? {} : { remainingCap: remaining }),
    });
  }
  const row = await insertReservation(tx, {
    id, pointId: point.id, depotId, date: body.date, bagType: body.bagType, temperatureClass: body.temperatureClass ?? null, bags: body.bags,
    status: 'held', createdBy: actor.id, createdAt: now,
  });
  return toReservationDto(row);
}

function refusalError(rule: 'date_in_past' | 'not_a_distribution_day' | 'after_planning_cutoff', message: Text): AppError {
  // After the cut-off the request is well-formed and the caller may use the route; it is the
  // state of the day (its plan is being built) that refuses it, hence 409 rather than 403.
  if (rule === 'after_planning_cutoff') return conflict(rule, message);
  return unprocessable(rule, message);
}

/**
 * Cancels a held reservation and puts its bags back in stock. Cancelling a cancelled one
 * answers the same reservation again (a retry from a phone is harmless); a dispatched or
 * delivered one is 409. A point lead may not cancel after the cut-off.
 */
export async function cancelReservation(tx: Executor, actor: Actor, id: string, now: Date): Promise<ReservationDto> {
  const r = await requireReservation(tx, actor, id, { forUpdate: true });
  if (r.status === 'cancelled') return toReservationDto(r);
  if (!canMoveReservation(r.status, 'cancelled')) throw illegalTransition(r, 'cancelled');
  const window = checkChangeWindow({ date: r.date, now, coordinator: actor.role === 'coordinator' });
  if (!window.ok && window.rule === 'after_planning_cutoff') throw refusalError(window.rule, window.message);
  await moveReservationBags(tx, { reservationIds: [r.id], from: 'reserved', to: 'in_stock', now, actorId: actor.id, reason: 'reservation cancelled', clearReservation: true });
  return toReservationDto(await updateReservation(tx, r.id, { status: 'cancelled', cancelledAt: now }));
}

/** Reservations by date and point; a point lead sees only their own point (another point's id is 404). */
export async function findReservations(ex: Executor, actor: Actor, q: z.infer<typeof listReservationsQuery>) {
  if (q.pointId) assertPointScope(actor, q.pointId, 'point');
  const pointId = actor.role === 'point_lead' ? actor.pointId ?? undefined : q.pointId;
  const { page, nextCursor } = await keysetPage(q, RESERVATION_ORDER, (w) => listReservations(ex, { ...q, pointId, ...w }));
  const counts = await heldAndRecalled(ex, page.map((r) => r.id));
  return { items: page.map((r) => ({ ...toReservationDto(r), ...counts(r.id) })), nextCursor };
}

/**
 * How many of each reservation's bags an excursion holds now (`heldBags`: they go out only
 * once released) and how many a recall took (`recalledBags`: they never go out; `bags` no
 * longer counts them).
 */
export async function heldAndRecalled(ex: Executor, reservationIds: string[]) {
  const rows = reservationIds.length === 0 ? [] : await countHeldAndRecalled(ex, reservationIds);
  return (id: string) => ({
    heldBags: rows.find((r) => r.reservationId === id && r.status === 'held')?.n ?? 0,
    recalledBags: rows.find((r) => r.reservationId === id && r.status === 'recalled')?.n ?? 0,
  });
}

function toCapDto(c: { pointId: string; bagType: string; bagsPerDay: number; updatedAt: Date }, reserved?: number) {
  return {
    pointId: c.pointId, bagType: c.bagType as ReservationDto['bagType'], bagsPerDay: c.bagsPerDay, updatedAt: c.updatedAt.toISOString(),
    ...(reserved === undefined ? {} : { reserved, remaining: remainingCap(c.bagsPerDay, [reserved]) ?? 0 }),
  };
}

/** Sets (or changes) a point's daily cap for a bag type. Existing reservations are kept. */
export async function setCap(tx: Executor, actor: Actor, pointId: string, body: z.infer<typeof setCapBody>, now: Date) {
  await requirePointSite(tx, actor, pointId);
  return toCapDto(await upsertCap(tx, { pointId, bagType: body.bagType, bagsPerDay: body.bagsPerDay, updatedAt: now }));
}

/** A point's caps; with a date, how many bags each already counts that day and what is left. */
export async function getCaps(ex: Executor, actor: Actor, pointId: string, q: z.infer<typeof listCapsQuery>) {
  await requirePointSite(ex, actor, pointId);
  const [{ page, nextCursor }, reserved] = await Promise.all([
    keysetPage(q, CAP_ORDER, (w) => listCaps(ex, pointId, w)), q.date ? bagsReservedForDayByType(ex, pointId, q.date) : undefined,
  ]);
  return { items: page.map((c) => toCapDto(c, reserved ? reserved.get(c.bagType) ?? 0 : undefined)), nextCursor };
}
