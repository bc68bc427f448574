import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { localDate } from '../../domain/dates.ts';
import { correctionVerdict } from '../../domain/driver-route.ts';
import { settleDelivery } from '../../domain/reservations.ts';
import { kgToGrams } from '../../domain/weight.ts';
import { badRequest, conflict, notFound, unprocessable } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueTallyRecount } from '../tallies/tallies-enqueue.ts';
import { settleBags, updateReservation } from '../reservations/reservations.repo.ts';
import type { StopRow } from '../route-plans/route-plans.repo.ts';
import type { StopDto } from '../route-plans/route-plans.schemas.ts';
import { toStopDto } from '../route-plans/route-plans.service.ts';
import {
  bagsBackFrom, bagsSentOut, correctionsOfStops, deliveredBagsOf, findRoute, findStopForUpdate, insertCorrection, redeliverBags, reservationsByIds, updateStop,
} from './drivers.repo.ts';
import type { correctStopBody } from './drivers.schemas.ts';

/**
 * A delivery stop's bags corrected from what was recorded to `bags`: fewer take delivered bags
 * back (as a short delivery without the cold chain kept: ambient ones to stock, chilled and
 * frozen discarded), more deliver bags that came back from this stop and are still in stock or
 * discarded. Every move is a bag event; reservations show what was delivered.
 */
async function correctDeliveredBags(tx: Executor, stop: StopRow, bags: number, ctx: { actor: Actor; depotId: string; now: Date }) {
  const was = stop.bagsDelivered ?? 0;
  const completedAt = stop.completedAt!;
  const reservations = await reservationsByIds(tx, stop.reservationIds);
  if (bags < was) {
    let takeBack = was - bags;
    for (const r of [...reservations].reverse()) {
      if (takeBack === 0) break;
      const delivered = await deliveredBagsOf(tx, r.id);
      const keep = Math.max(0, delivered.length - takeBack);
      takeBack -= delivered.length - keep;
      const outcomes = settleDelivery(delivered, keep, { today: localDate(completedAt), returned: 'stock', reason: 'corrected', coldChainKept: false, returnedOn: localDate(ctx.now) });
      await settleBags(tx, { outcomes: outcomes.filter((o) => o.to !== 'delivered'), from: 'delivered', reservationId: r.id, now: ctx.now, actorId: ctx.actor.id });
    }
  } else {
    const back = await bagsBackFrom(tx, stop.reservationIds);
    if (back.length < bags - was) {
      throw conflict('bags_not_returned', (m) => m.bagsNotReturned(bags - was, back.length), { available: back.length });
    }
    await redeliverBags(tx, { bags: back.slice(0, bags - was), at: completedAt, actorId: ctx.actor.id });
  }
  for (const r of reservations) await updateReservation(tx, r.id, { bagsDelivered: (await deliveredBagsOf(tx, r.id)).length });
  await enqueueTallyRecount(tx, ctx.depotId, completedAt);
  if (localDate(ctx.now) !== localDate(completedAt)) await enqueueTallyRecount(tx, ctx.depotId, ctx.now);
}

/**
 * Corrects a done stop's figure (58,5 kg typed as 585): the driver of the route on the route's
 * day, a coordinator any time after it (`correctionVerdict`). Append-only: a correction row
 * keeps the figure before and after and supersedes the previous correction (or the stop's first
 * outcome); the stop shows the current figure with its history. A pickup's kilos are what the
 * driver expects the intake to weigh (the intake, not the stop, puts kilos in the ledger), so
 * the ledger is untouched; a delivery's bags move with bag events (`correctDeliveredBags`).
 */
export async function correctStop(
  tx: Executor, actor: Actor, routeId: string, stopId: string, body: z.infer<typeof correctStopBody>, now: Date,
): Promise<StopDto> {
  const row = await findRoute(tx, routeId);
  if (!row || (actor.role !== 'coordinator' && row.route.driverId !== actor.id)) throw notFound('route');
  if (row.plan.status !== 'published') throw conflict('plan_not_published', (m) => m.planNotPublished());
  const at = body.correctedAt ? new Date(body.correctedAt) : now;
  const verdict = correctionVerdict(actor.role === 'coordinator' ? 'coordinator' : 'driver', row.plan.date, at, now);
  if (!verdict.ok && verdict.rule === 'in_future') throw badRequest('completed_in_future', verdict.message);
  if (!verdict.ok && verdict.rule === 'after_route_day') throw unprocessable('correction_after_route_day', verdict.message, { date: row.plan.date });
  if (!verdict.ok) throw unprocessable('route_day_not_started', verdict.message, { date: row.plan.date });
  const stop = await findStopForUpdate(tx, routeId, stopId);
  if (!stop) throw notFound('stop');
  if (stop.status !== 'done') throw conflict('stop_not_done', (m) => m.stopNotDone(), { stopStatus: stop.status });
  if (stop.kind === 'pickup' && body.kgCollected === undefined) throw unprocessable('correction_figure', (m) => m.correctionNeedsKg());
  if (stop.kind === 'delivery' && body.bagsDelivered === undefined) throw unprocessable('correction_figure', (m) => m.correctionNeedsBags());
  const previous = (await correctionsOfStops(tx, [stop.id])).at(-1);
  const base = { stopId: stop.id, supersedesId: previous?.id ?? null, note: body.note ?? null, correctedAt: at, createdBy: actor.id };
  let updated: StopRow;
  if (stop.kind === 'pickup') {
    const g = kgToGrams(body.kgCollected!);
    const before = stop.gCollected ?? stop.grams;
    if (g === before) throw conflict('correction_unchanged', (m) => m.correctionUnchanged());
    await insertCorrection(tx, { ...base, gBefore: before, gAfter: g });
    updated = await updateStop(tx, stop.id, { gCollected: g });
  } else {
    const bags = body.bagsDelivered!;
    const sent = await bagsSentOut(tx, stop.reservationIds);
    if (bags > sent) throw unprocessable('too_many_bags', (m) => m.tooManyDelivered(bags, sent), { dispatched: sent });
    if (bags === (stop.bagsDelivered ?? 0)) throw conflict('correction_unchanged', (m) => m.correctionUnchanged());
    await correctDeliveredBags(tx, stop, bags, { actor, depotId: row.plan.depotId, now });
    await insertCorrection(tx, { ...base, bagsBefore: stop.bagsDelivered ?? 0, bagsAfter: bags });
    updated = await updateStop(tx, stop.id, { bagsDelivered: bags });
  }
  return toStopDto(updated, await correctionsOfStops(tx, [stop.id]));
}
