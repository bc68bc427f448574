import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { lotCode } from '../../domain/labels.ts';
import { recallBagAction, recallNoteViolation } from '../../domain/recalls.ts';
import { AppError, conflict, forbidden, notFound, unprocessable } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { insertLedger, insertLotEvents } from '../lots/lots.repo.ts';
import { notify } from '../notifications/notifications.service.ts';
import { usersWithRoles } from '../notifications/triggers.repo.ts';
import { shrinkReservations } from '../packing/bags.service.ts';
import { insertBagEvents } from '../storage/storage.repo.ts';
import { enqueueTallyRecount } from '../tallies/tallies-enqueue.ts';
import type { acknowledgeRecallBody, startRecallBody } from './recalls.schemas.ts';
import {
  acknowledgedBy, acknowledgementsOfRecall, bagsOfRecall, emptyLots, findRecall, insertAcknowledgement, insertRecall, insertRecallBags, insertRecallLots,
  insertRecallPoints, latestRecallIds, lockBagsOfLots, lockLotsInIdOrder, lotsOfRecall, markBagsRecalled, markLotsRecalled, pointsOfRecall,
  recallIdsOfPoint, recallReachedPoint, siteNames,
} from './recalls.repo.ts';
import { matchLots } from './recalls.service.ts';
import { gramsToKg } from '../../domain/weight.ts';
import type { Messages } from '../../i18n/messages.ts';

type StartBody = z.infer<typeof startRecallBody>;

/** What a recall names its matched lots by, for the points' messages: products, else categories. */
function whatOf(rows: { product: string | null; category: string }[]): string {
  const names = [...new Set(rows.map((l) => l.product ?? l.category))];
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} …`;
}

/**
 * Starts a recall (`POST /recalls`): every lot matching the query becomes `recalled` and its
 * stock is discarded through the ledger with reason `recall` (so the mass balance stays exact
 * and the lot is never packed again); every bag holding one of them that is still at the depot
 * (in stock, reserved or held) becomes `recalled`, its reservation holds one bag fewer and the
 * point's lead is told; bags on a vehicle are listed to bring back, and delivered ones by point,
 * whose leads are told at once, quiet hours or not. A query that matches no lot is 404 and
 * writes nothing. All in the caller's transaction.
 */
export async function startRecall(tx: Executor, actor: Actor, body: StartBody, now: Date) {
  const { reason, ...query } = body;
  const matched = await matchLots(tx, { ...query, locale: 'en' });
  if (matched.length === 0) throw new AppError('recall_matches_nothing', 404, (m) => m.coldStore.recallMatchesNothing());
  const lotIds = matched.map((l) => l.id);
  const recall = await insertRecall(tx, { reason, criteria: query, at: now, createdBy: actor.id });
  await insertRecallLots(tx, recall.id, lotIds);

  // The lots: marked once (the first recall keeps them), their stock discarded with reason `recall`.
  const locked = await lockLotsInIdOrder(tx, lotIds);
  await markLotsRecalled(tx, lotIds, recall.id);
  const withStock = locked.filter((l) => l.stockG > 0);
  if (withStock.length > 0) {
    await emptyLots(tx, withStock.map((l) => l.id));
    await insertLedger(tx, withStock.map((l) => ({
      lotId: l.id, depotId: l.depotId, kind: 'discard' as const, grams: -l.stockG, reason: 'recall', at: now, createdBy: actor.id,
    })));
    for (const depotId of new Set(withStock.map((l) => l.depotId))) await enqueueTallyRecount(tx, depotId, now);
  }
  await insertLotEvents(tx, locked.map((l) => ({ lotId: l.id, kind: 'recall', data: { recallId: recall.id, reason, kg: gramsToKg(l.stockG) }, at: now, createdBy: actor.id })));

  // The bags: those whose contents hold a recalled lot (a bag packed before contents were recorded: by its run).
  const reached = await lockBagsOfLots(tx, lotIds);
  const acted = reached.filter((r) => recallBagAction(r.bag.status) !== 'none');
  if (acted.length > 0) {
    await insertRecallBags(tx, acted.map((r) => ({
      recallId: recall.id, bagId: r.bag.id, statusBefore: r.bag.status, reservationId: r.bag.reservationId, pointId: r.pointId,
    })));
  }
  const withdrawn = acted.filter((r) => recallBagAction(r.bag.status) === 'withdraw');
  if (withdrawn.length > 0) {
    await markBagsRecalled(tx, withdrawn.map((r) => r.bag.id), now);
    await insertBagEvents(tx, withdrawn.map((r) => ({
      bagId: r.bag.id, fromStatus: r.bag.status, toStatus: 'recalled', reservationId: r.bag.reservationId, reason: `recall ${recall.id}: ${reason}`, at: now, createdBy: actor.id,
    })));
  }

  // Reservations shrink, and their point leads are told.
  const shrink = new Map<string, number>();
  for (const r of withdrawn) if (r.bag.reservationId && r.bag.status !== 'in_stock') shrink.set(r.bag.reservationId, (shrink.get(r.bag.reservationId) ?? 0) + 1);
  await shrinkReservations(tx, shrink);
  const what = whatOf(matched);
  const pointNames = await siteNames(tx, [...new Set(acted.flatMap((r) => (r.pointId ? [r.pointId] : [])))].concat(['00000000-0000-0000-0000-000000000000']));
  for (const [reservationId, n] of shrink) {
    const r = withdrawn.find((b) => b.bag.reservationId === reservationId)!;
    if (!r.pointId) continue;
    const leads = await usersWithRoles(tx, ['point_lead'], r.pointId);
    await notify(tx, leads.map((u) => u.id), {
      kind: 'recall_reservation', key: `recall:${recall.id}:reservation:${reservationId}`, urgent: true,
      params: { pointName: pointNames.get(r.pointId) ?? '', date: r.date!, bags: n, reason }, data: { recallId: recall.id, reservationId },
    }, now);
  }

  // The points that received (or are about to receive) the food must act and acknowledge.
  const toTell = new Map<string, number>();
  for (const r of acted) {
    const action = recallBagAction(r.bag.status);
    if (r.pointId && (action === 'tell_point' || action === 'bring_back')) toTell.set(r.pointId, (toTell.get(r.pointId) ?? 0) + 1);
  }
  if (toTell.size > 0) await insertRecallPoints(tx, recall.id, [...toTell.keys()]);
  for (const [pointId, n] of toTell) {
    const leads = await usersWithRoles(tx, ['point_lead'], pointId);
    await notify(tx, leads.map((u) => u.id), {
      kind: 'recall_delivered', key: `recall:${recall.id}:point:${pointId}`, urgent: true,
      params: { pointName: pointNames.get(pointId) ?? '', what, bags: n, reason }, data: { recallId: recall.id },
    }, now);
  }
  return getRecall(tx, actor, recall.id);
}

/**
 * A recall as started: its query and reason, the lots it took (and the kilos it discarded),
 * every bag it reached by what was done to it (withdrawn at the depot, to bring back from a
 * vehicle, delivered), and each point it must hear from with that point's acknowledgement.
 * A point's lead sees only a recall that reached their point, and only their point in it.
 */
export async function getRecall(db: Executor, actor: Actor, id: string) {
  const recall = await findRecall(db, id);
  if (!recall) throw notFound('recall');
  const points = await pointsOfRecall(db, id);
  const lead = actor.role === 'point_lead';
  if (lead && !points.some((p) => p.pointId === actor.pointId)) throw notFound('recall');
  const mine = (pointId: string | null) => !lead || pointId === actor.pointId;
  const lotRows = await lotsOfRecall(db, id);
  const bagRows = (await bagsOfRecall(db, id)).filter((b) => mine(b.rb.pointId));
  const acks = await acknowledgementsOfRecall(db, id);
  const bagDto = (b: (typeof bagRows)[number]) => ({
    bagId: b.rb.bagId, code: lotCode(b.rb.bagId), statusBefore: b.rb.statusBefore, reservationId: b.rb.reservationId ?? undefined,
    pointId: b.rb.pointId ?? undefined, pointName: b.pointName ?? undefined, deliveryDate: b.date ?? undefined,
  });
  const byAction = (action: ReturnType<typeof recallBagAction>) => bagRows.filter((b) => recallBagAction(b.rb.statusBefore) === action).map(bagDto);
  const pointDtos = points.filter((p) => mine(p.pointId)).map((p) => {
    const ack = acks.find((a) => a.ack.pointId === p.pointId);
    const ofPoint = bagRows.filter((b) => b.rb.pointId === p.pointId);
    return {
      pointId: p.pointId, name: p.name,
      bagsDelivered: ofPoint.filter((b) => b.rb.statusBefore === 'delivered').length,
      bagsDispatched: ofPoint.filter((b) => b.rb.statusBefore === 'dispatched').length,
      acknowledgement: ack ? { note: ack.ack.note, at: ack.ack.at.toISOString(), by: ack.by ?? '' } : undefined,
    };
  });
  return {
    id: recall.id, reason: recall.reason, criteria: recall.criteria as Record<string, string>, at: recall.at.toISOString(),
    lots: lead ? [] : lotRows.map(({ lot, kg }) => ({
      lotId: lot.id, code: lotCode(lot.id), category: lot.category, product: lot.product ?? undefined, batch: lot.batch ?? undefined,
      donorId: lot.donorId, date: lot.date ?? undefined, receivedAt: lot.receivedAt.toISOString(), kgDiscarded: gramsToKg(kg),
    })),
    withdrawn: byAction('withdraw'),
    toBringBack: byAction('bring_back'),
    delivered: byAction('tell_point'),
    points: pointDtos,
    pointsNotAcknowledged: pointDtos.filter((p) => !p.acknowledgement).length,
  };
}

/**
 * The recalls that reached points, newest first: a point lead's own point's (for the notice
 * and its "Kuittaa"), or every started recall for a coordinator.
 */
export async function listRecalls(db: Executor, actor: Actor) {
  const rows = actor.role === 'point_lead'
    ? await recallIdsOfPoint(db, actor.pointId ?? '00000000-0000-0000-0000-000000000000')
    : await latestRecallIds(db);
  const items = [];
  for (const r of rows) items.push(await getRecall(db, actor, r.id));
  return { items };
}

/**
 * A point lead records what their point did about a recall that reached it (once; append-only).
 * Another point's lead is refused (403 `recall_other_point`), a second acknowledgement is 409,
 * a note naming a household (identity code, phone, email: `recallNoteViolation`) is 422.
 */
export async function acknowledgeRecall(tx: Executor, actor: Actor, id: string, body: z.infer<typeof acknowledgeRecallBody>, now: Date) {
  const recall = await findRecall(tx, id, { forUpdate: true });
  if (!recall) throw notFound('recall');
  if (actor.role !== 'point_lead' || !actor.pointId) throw forbidden();
  if (!(await recallReachedPoint(tx, id, actor.pointId))) throw new AppError('recall_other_point', 403, (m) => m.coldStore.recallOtherPoint());
  if (await acknowledgedBy(tx, id, actor.pointId)) throw conflict('recall_already_acknowledged', (m) => m.coldStore.recallAcknowledged());
  const personal = recallNoteViolation(body.note);
  if (personal) {
    const message = (m: Messages) => m.coldStore.recallNotePersonal(m.coldStore.recallNote[personal]);
    throw unprocessable(personal, message, { rule: personal, errors: [{ path: 'body.note', message }] });
  }
  await insertAcknowledgement(tx, { recallId: id, pointId: actor.pointId, note: body.note, at: now, createdBy: actor.id });
  return getRecall(tx, actor, id);
}
