import type { Executor } from '../../db/client.ts';
import { type LocalDate, localDate } from '../../domain/dates.ts';
import { lotCode } from '../../domain/labels.ts';
import { completedAfterRouteDay, handOutLimit } from '../../domain/loading.ts';
import { mayHandOut } from '../../domain/hand-out.ts';
import { canMoveReservation, settleDelivery, splitDelivered } from '../../domain/reservations.ts';
import { conflict, unprocessable } from '../../errors.ts';
import { closeSettledAlerts, unsettledReservations } from './unsettled.repo.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueTallyRecount } from '../tallies/tallies-enqueue.ts';
import { bagsOfReservation, lockReservations, moveReservationBags, settleBags, updateReservation, type ReservationRow } from './reservations.repo.ts';
import type { ReservationDto } from './reservations.schemas.ts';
import { illegalTransition, requireReservation, toReservationDto } from './reservations.service.ts';

export interface DispatchResult {
  /** Reservations moved from held to dispatched by this call. */
  dispatched: ReservationDto[];
  /** Already dispatched before (a retried publish): left as they were. */
  alreadyDispatched: ReservationDto[];
  /** Cancelled or delivered ones, and ids that do not exist: nothing done. */
  skipped: { id: string; status: ReservationRow['status'] | 'missing' }[];
}

/**
 * 422 `bag_past_hand_out` when `asked` of these bags are to be handed out on `day` but fewer may
 * (`handOutLimit`): the answer says how many may (`mayHandOut`) and names the bags past their date.
 */
export function assertMayHandOut(bags: readonly { id: string; handOutBy: LocalDate | null }[], asked: number, day: LocalDate) {
  const may = handOutLimit(bags, day);
  if (asked <= may) return;
  const past = bags.filter((b) => !mayHandOut(b, day));
  throw unprocessable('bag_past_hand_out', (m) => m.bagPastHandOut(asked, may, day, past.map((b) => lotCode(b.id))), {
    mayHandOut: may, day, pastHandOut: past.map((b) => ({ bagId: b.id, code: lotCode(b.id), handOutBy: b.handOutBy })),
  });
}

/**
 * Dispatches reservations when their route leaves (the route's loading calls this in its
 * own transaction, after discarding the bags past their date; `POST /reservations/:id/dispatch` calls it for one). Held reservations and
 * their reserved bags become `dispatched`, with bag events. Safe to call again: dispatched
 * ones are reported, not redone; cancelled or delivered ones are skipped, never changed.
 * Reservation rows are locked in id order, so a concurrent cancel or delivery waits.
 */
export async function dispatchReservations(tx: Executor, reservationIds: string[], now: Date, actorId: string | null = null): Promise<DispatchResult> {
  const ids = [...new Set(reservationIds)];
  const rows = await lockReservations(tx, ids);
  const out: DispatchResult = { dispatched: [], alreadyDispatched: [], skipped: [] };
  for (const id of ids) if (!rows.some((r) => r.id === id)) out.skipped.push({ id, status: 'missing' });
  for (const r of rows) {
    if (r.status === 'dispatched') {
      out.alreadyDispatched.push(toReservationDto(r));
    } else if (!canMoveReservation(r.status, 'dispatched')) {
      out.skipped.push({ id: r.id, status: r.status });
    } else {
      await moveReservationBags(tx, { reservationIds: [r.id], from: 'reserved', to: 'dispatched', now, actorId });
      out.dispatched.push(toReservationDto(await updateReservation(tx, r.id, { status: 'dispatched', dispatchedAt: now })));
    }
  }
  return out;
}

export interface DeliveryInput {
  /** The reservations dropped at one stop (one point); the count is split over them in this order. */
  reservationIds: string[];
  /** Bags handed over; omitted means all dispatched bags. */
  bagsDelivered?: number;
  /** When the delivery happened (a stop's `completedAt`): its local day is the day the bags' dates are judged on. */
  now: Date;
  /** The route's day (the reservations' date): bags are handed out on it, never after (422 `completed_after_route_day`). */
  routeDate?: LocalDate;
  /** When it is recorded (the server's clock; default `now`): bags coming back are judged on this day, as they reach the shelf now. */
  recordedAt?: Date;
  actor: Pick<Actor, 'id'> | null;
  /** Undelivered bags go back to stock (or are discarded when past use-by), or are all discarded. */
  returned?: 'stock' | 'discard';
  /** The driver kept chilled and frozen bags cold all the way back; otherwise they are discarded (`temperature`). */
  coldChainKept?: boolean;
  reason?: string | null;
}

export interface DeliveryResult {
  reservations: ReservationDto[];
  bagsDelivered: number;
  bagsReturnedToStock: number;
  bagsDiscarded: number;
  /** True when every reservation had already been delivered: nothing was changed. */
  alreadyDelivered: boolean;
}

/**
 * Records a delivery at a stop (the driver's stop completion calls this; coordinators reach
 * it through `POST /reservations/:id/deliveries`). Every reservation must be dispatched. Bags
 * are handed out only on the route's day (a later `now` with bags delivered is 422
 * `completed_after_route_day`), only while they may still be handed out that day (more than
 * `handOutLimit` is 422 `bag_past_hand_out`), and not once their route's day ended with them
 * unsettled (an open `bags_unsettled` alert: 409, they can only be returned or discarded). The
 * count is split over the reservations; within one, the bags expiring first are the ones
 * delivered, the rest come back to stock, or are discarded with a reason when asked or when
 * past their date (`settleDelivery`). Bag events record each bag; the day's tallies are
 * queued for a recount. Calling it again for reservations already delivered changes nothing.
 */
export async function recordDelivery(tx: Executor, input: DeliveryInput): Promise<DeliveryResult> {
  const ids = [...new Set(input.reservationIds)];
  const locked = await lockReservations(tx, ids);
  const rows = ids.map((id) => locked.find((r) => r.id === id)).filter((r): r is ReservationRow => Boolean(r));
  if (rows.length !== ids.length) throw unprocessable('unknown_reservation', (m) => m.unknownReservation());
  const result: DeliveryResult = { reservations: [], bagsDelivered: 0, bagsReturnedToStock: 0, bagsDiscarded: 0, alreadyDelivered: false };
  if (rows.length > 0 && rows.every((r) => r.status === 'delivered')) {
    return { ...result, reservations: rows.map(toReservationDto), bagsDelivered: rows.reduce((a, r) => a + (r.bagsDelivered ?? 0), 0), alreadyDelivered: true };
  }
  const wrong = rows.find((r) => !canMoveReservation(r.status, 'delivered'));
  if (wrong) throw illegalTransition(wrong, 'delivered');

  const bagsBy = new Map<string, Awaited<ReturnType<typeof bagsOfReservation>>>();
  for (const r of rows) bagsBy.set(r.id, await bagsOfReservation(tx, r.id, 'dispatched'));
  const total = rows.reduce((a, r) => a + bagsBy.get(r.id)!.length, 0);
  const delivered = input.bagsDelivered ?? total;
  if (delivered > total) {
    throw unprocessable('too_many_bags', (m) => m.tooManyDelivered(delivered, total), { dispatched: total });
  }
  const today = localDate(input.now);
  if (delivered > 0) {
    const routeDate = input.routeDate ?? rows.map((r) => r.date).sort()[0];
    if (completedAfterRouteDay(routeDate, input.now)) {
      throw unprocessable('completed_after_route_day', (m) => m.completedAfterRouteDay(routeDate), { date: routeDate });
    }
    const unsettled = await unsettledReservations(tx, rows.map((r) => r.id));
    if (unsettled.length > 0) {
      throw conflict('bags_unsettled', (m) => m.bagsUnsettled(routeDate), { reservationIds: unsettled });
    }
  }
  assertMayHandOut([...bagsBy.values()].flat(), delivered, today);
  // The count is split over what each reservation may still hand out that day.
  const split = splitDelivered(rows.map((r) => ({ id: r.id, bags: handOutLimit(bagsBy.get(r.id)!, today) })), delivered);
  const actorId = input.actor?.id ?? null;
  for (const r of rows) {
    const n = split.get(r.id)!;
    const outcomes = settleDelivery(bagsBy.get(r.id)!, n, {
      today, returned: input.returned ?? 'stock', reason: input.reason, coldChainKept: input.coldChainKept ?? false,
      returnedOn: localDate(input.recordedAt ?? input.now),
    });
    await settleBags(tx, { outcomes, from: 'dispatched', reservationId: r.id, now: input.now, actorId });
    result.bagsDelivered += n;
    result.bagsReturnedToStock += outcomes.filter((o) => o.to === 'in_stock').length;
    result.bagsDiscarded += outcomes.filter((o) => o.to === 'discarded').length;
    result.reservations.push(toReservationDto(await updateReservation(tx, r.id, { status: 'delivered', bagsDelivered: n, deliveredAt: input.now })));
  }
  for (const depotId of new Set(rows.map((r) => r.depotId))) await enqueueTallyRecount(tx, depotId, input.now);
  await closeSettledAlerts(tx, rows.map((r) => r.id), input.now, actorId);
  return result;
}

/**
 * The point lead confirms receipt with the count received. Only a dispatched or delivered
 * reservation can be confirmed; confirming again with the same count is harmless, another
 * count is 409 (the first confirmation stands; a coordinator sorts out a discrepancy).
 */
export async function confirmReceipt(tx: Executor, actor: Actor, id: string, bagsReceived: number, now: Date): Promise<ReservationDto> {
  const r = await requireReservation(tx, actor, id, { forUpdate: true });
  if (r.status !== 'dispatched' && r.status !== 'delivered') {
    throw conflict('not_dispatched', (m) => m.notDispatched(r.status), { reservationStatus: r.status });
  }
  if (bagsReceived > r.bags) throw unprocessable('too_many_bags', (m) => m.tooManyReceived(bagsReceived, r.bags));
  if (r.confirmedAt) {
    if (r.bagsReceived === bagsReceived) return toReservationDto(r);
    throw conflict('already_confirmed', (m) => m.alreadyConfirmed(r.bagsReceived ?? 0), { bagsReceived: r.bagsReceived });
  }
  return toReservationDto(await updateReservation(tx, r.id, { bagsReceived, confirmedAt: now }));
}
