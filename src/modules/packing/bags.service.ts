import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { canMoveBag } from '../../domain/reservations.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { Actor } from '../auth/actor.ts';
import { lockUnit } from '../lots/lots.repo.ts';
import { assertBagBackInRange, holdBagsTakenIntoExcursion } from '../storage/excursions.ts';
import { findReservation, setReservationBags } from '../reservations/reservations.repo.ts';
import { contentsOfBags, findBagsById, insertBagEvents, lockBagRow, lockBagsById, setBagsUnit, updateBag, type BagRow } from './packing.repo.ts';
import type { bagDiscardBody, bagReleaseBody, moveBagsBody } from './packing.schemas.ts';
import { toBagDto } from './packing.service.ts';

/** Bags that wait at the depot, in a unit: the ones a move, a hold or a release acts on. */
const AT_DEPOT = ['in_stock', 'reserved', 'held'] as const;

async function answer(db: Executor, ids: string[]) {
  const rows = await findBagsById(db, ids);
  const contents = await contentsOfBags(db, ids);
  return ids.map((id) => rows.find((b) => b.id === id)!).map((b) => toBagDto(b, contents.filter((c) => c.bagId === b.id)));
}

/**
 * Moves bags waiting at the depot (in stock, reserved or held) into another unit of their
 * depot and class, with a `moved` bag event each; bags moved into a unit in excursion that it
 * is too warm for are held at once, as lots are. Every bag is checked before anything is
 * written: a wrong one is 4xx naming it, and nothing moves.
 */
export async function moveBags(tx: Executor, actor: Actor, body: z.infer<typeof moveBagsBody>, now: Date) {
  const unit = await lockUnit(tx, body.storageUnitId);
  const unitPath = 'body.storageUnitId';
  if (!unit) throw unprocessable('unknown_storage_unit', (m) => m.noSuchUnit(), { rule: 'unknown_storage_unit', errors: [{ path: unitPath, message: (m: Messages) => m.noSuchUnitField() }] });
  const ids = [...new Set(body.bagIds)];
  const rows = await lockBagsById(tx, ids);
  body.bagIds.forEach((id, i) => {
    const bag = rows.find((b) => b.id === id);
    const path = `body.bagIds.${i}`;
    if (!bag) throw unprocessable('unknown_bag', (m) => m.coldStore.bagNotFound(), { rule: 'unknown_bag', bagId: id, errors: [{ path, message: (m: Messages) => m.coldStore.bagNotFound() }] });
    if (!(AT_DEPOT as readonly string[]).includes(bag.status)) {
      throw conflict('bag_not_at_depot', (m) => m.coldStore.bagNotInStock(bag.status), { rule: 'bag_not_at_depot', bagId: id, errors: [{ path, message: (m: Messages) => m.coldStore.bagNotInStock(bag.status) }] });
    }
    if (bag.depotId !== unit.depotId) {
      throw unprocessable('other_depot', (m) => m.unitInOtherDepot(), { rule: 'other_depot', bagId: id, errors: [{ path, message: (m: Messages) => m.coldStore.bagInOtherDepot() }] });
    }
    if (bag.temperatureClass !== unit.temperatureClass) {
      throw unprocessable('unit_class_mismatch', (m) => m.unitClassMismatch(bag.temperatureClass, unit.temperatureClass), {
        rule: 'unit_class_mismatch', bagId: id, errors: [{ path, message: (m: Messages) => m.coldStore.bagUnitClass(unit.temperatureClass, bag.temperatureClass) }],
      });
    }
  });
  const moving = rows.filter((b) => b.storageUnitId !== unit.id);
  if (moving.length > 0) {
    await setBagsUnit(tx, moving.map((b) => b.id), unit.id);
    await insertBagEvents(tx, moving.map((b) => ({
      bagId: b.id, fromStatus: b.status, toStatus: b.status, reservationId: b.reservationId, reason: 'moved', storageUnitId: unit.id, at: now, createdBy: actor.id,
    })));
    await holdBagsTakenIntoExcursion(tx, moving.map((b) => b.id), unit, now, actor.id);
  }
  return { items: await answer(tx, ids) };
}

async function lockBag(tx: Executor, id: string): Promise<BagRow> {
  const bag = await lockBagRow(tx, id);
  if (!bag) throw notFound('bag');
  return bag;
}

/**
 * Releases a held bag once its unit has read back in range for it after the hold, or it was
 * moved since into a unit in range (else 422 `unit_still_out_of_range`): back to its
 * reservation while that is still held, otherwise back to stock. The note is the corrective
 * action, kept on the bag event.
 */
export async function releaseBag(tx: Executor, actor: Actor, id: string, body: z.infer<typeof bagReleaseBody>, now: Date) {
  const bag = await lockBag(tx, id);
  if (bag.status !== 'held') throw conflict('not_held', (m) => m.coldStore.bagNotHeld(), { rule: 'not_held', status: bag.status });
  await assertBagBackInRange(tx, bag);
  const reservation = bag.reservationId ? await findReservation(tx, bag.reservationId) : undefined;
  const to = reservation?.status === 'held' ? 'reserved' as const : 'in_stock' as const;
  await updateBag(tx, id, { status: to, statusAt: now, ...(to === 'in_stock' ? { reservationId: null } : {}) }, 'held');
  await insertBagEvents(tx, { bagId: id, fromStatus: 'held', toStatus: to, reservationId: bag.reservationId, reason: `released: ${body.note}`, at: now, createdBy: actor.id });
  return (await answer(tx, [id]))[0];
}

/**
 * Discards a bag still at the depot (in stock, reserved or held) with a reason; its reservation
 * then shows one bag fewer. The bag's grams left the ledger when it was packed, so the mass
 * balance is unchanged: the bag leaves the bag stock, as a delivered one does.
 */
export async function discardBag(tx: Executor, actor: Actor, id: string, body: z.infer<typeof bagDiscardBody>, now: Date) {
  const bag = await lockBag(tx, id);
  if (!(AT_DEPOT as readonly string[]).includes(bag.status) || !canMoveBag(bag.status, 'discarded')) {
    throw conflict('bag_not_at_depot', (m) => m.coldStore.bagNotInStock(bag.status), { rule: 'bag_not_at_depot', status: bag.status });
  }
  await updateBag(tx, id, { status: 'discarded', statusAt: now });
  await insertBagEvents(tx, {
    bagId: id, fromStatus: bag.status, toStatus: 'discarded', reservationId: bag.reservationId,
    reason: body.note ? `${body.reason}: ${body.note}` : body.reason, at: now, createdBy: actor.id,
  });
  if (bag.reservationId && bag.status !== 'in_stock') await shrinkReservations(tx, new Map([[bag.reservationId, 1]]));
  return (await answer(tx, [id]))[0];
}

/** Takes bags that will never go out off their reservations' counts (a point lead sees fewer bags). */
export async function shrinkReservations(tx: Executor, byReservation: Map<string, number>) {
  for (const [reservationId, n] of byReservation) {
    const r = await findReservation(tx, reservationId, { forUpdate: true });
    if (r && r.status === 'held') await setReservationBags(tx, reservationId, Math.max(0, r.bags - n));
  }
}
