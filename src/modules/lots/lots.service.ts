import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import type { Category } from '../../domain/categories.ts';
import { localDate } from '../../domain/dates.ts';
import { checkRelease } from '../../domain/cold-chain.ts';
import { bestBeforeLimit, bestBeforeMaxDaysPast, checkFreeze, type FoodPolicy } from '../../domain/food-safety.ts';
import { lotCode } from '../../domain/labels.ts';
import { expiryDate, lotStatus, roomFor, type StoredLot } from '../../domain/warehouse-stock.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { keysetPage } from '../../db/cursor.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { Actor } from '../auth/actor.ts';
import { enqueueTallyRecount } from '../tallies/tallies-enqueue.ts';
import { assertLotBackInRange, holdLotsTakenIntoExcursion } from '../storage/excursions.ts';
import {
  addStock, eventsOfLot, heldByFreezerExcursion, findLot, insertLedger, insertLotEvents, ledgerOfLot, listLots as listLotRows, LOT_ORDER,
  lockUnit, markChecked, moveToUnit, putInFreezer, releaseFromHold, takeStock, unitStockG, userNames, type LedgerKind, type LotRow,
} from './lots.repo.ts';
import type { adjustmentBody, checkBody, discardBody, freezeBody, listLotsQuery, moveBody, releaseBody } from './lots.schemas.ts';

/** A lot row as the domain types it (the column is text; intake only writes known categories). */
export const asStoredLot = (l: LotRow): StoredLot => ({ ...l, category: l.category as Category });

/** A lot as the API shows it; `packableUntil` is {@link expiryDate} under the network's policy, as in /alerts and /stock. */
export function toLotDto(l: LotRow, policy: FoodPolicy) {
  return {
    id: l.id, code: lotCode(l.id), intakeId: l.intakeId, donorId: l.donorId, depotId: l.depotId, category: l.category as Category,
    temperatureClass: l.temperatureClass, dateKind: l.dateKind, date: l.date ?? null, storageUnitId: l.storageUnitId,
    receivedKg: gramsToKg(l.receivedG), stockKg: gramsToKg(l.stockG), status: lotStatus(l), receivedAt: l.receivedAt.toISOString(),
    receiptCelsius: l.receiptCelsius ?? undefined, frozenOn: l.frozenOn ?? undefined, frozenOnKnown: l.frozenOnKnown, checkedOn: l.checkedOn ?? undefined,
    product: l.product ?? undefined, allergens: l.allergens, batch: l.batch ?? undefined, unpackaged: l.unpackaged,
    packableUntil: expiryDate(asStoredLot(l), policy),
  };
}

export async function requireLot(db: Executor, id: string, opts: { forUpdate?: boolean } = {}) {
  const lot = await findLot(db, id, opts);
  if (!lot) throw notFound('lot');
  return lot;
}

/**
 * A lot with its full history: ledger entries and lot events merged in time order. At the
 * same instant the intake comes first and an event before other entries: a check or a hold
 * is what caused the entry beside it.
 */
export async function getLot(db: Executor, id: string, policy: FoodPolicy) {
  const lot = await requireLot(db, id);
  const [ledger, events] = await Promise.all([ledgerOfLot(db, id), eventsOfLot(db, id)]);
  const names = await userNames(db, [...new Set([...ledger, ...events].flatMap((e) => (e.createdBy ? [e.createdBy] : [])))]);
  const by = (userId: string | null) => (userId ? { by: userId, byName: names.get(userId) } : {});
  const merged = [
    ...ledger.map((e) => ({
      t: e.at.getTime(), seq: e.kind === 'intake' ? 0 : 2, id: e.id,
      dto: {
        source: 'ledger' as const, kind: e.kind, at: e.at.toISOString(), kg: gramsToKg(e.grams), reason: e.reason ?? undefined,
        packingRunId: e.packingRunId ?? undefined, ...by(e.createdBy),
      },
    })),
    ...events.map((e) => ({
      t: e.at.getTime(), seq: 1, id: e.id,
      dto: { source: 'event' as const, kind: e.kind, at: e.at.toISOString(), data: e.data as Record<string, unknown>, ...by(e.createdBy) },
    })),
  ].sort((a, b) => a.t - b.t || a.seq - b.seq || a.id - b.id);
  return { ...toLotDto(lot, policy), events: merged.map((m) => m.dto) };
}

/** Rows read at a time while `expiringBefore` leaves some out. */
const EXPIRING_BATCH = 200;

/**
 * Lots newest first, one keyset page at a time. `expiringBefore` keeps the lots whose
 * `packableUntil` ({@link expiryDate}, the date /alerts and /stock go by) is before that day:
 * the query narrows to lots that could qualify and the domain rule decides, reading on until
 * the page is full, so a frozen lot counts by its frozen shelf life, not the date it came with.
 */
export async function listLots(db: Executor, q: z.infer<typeof listLotsQuery>, policy: FoodPolicy) {
  const { expiringBefore, ...filter } = q;
  const keep = (l: LotRow) => {
    const until = expiryDate(asStoredLot(l), policy);
    return !expiringBefore || (until !== null && until < expiringBefore);
  };
  const expiring = expiringBefore ? { before: expiringBefore, frozenShelfDays: policy.frozenShelfDays } : undefined;
  const { page, nextCursor } = await keysetPage(q, LOT_ORDER, async (w) => {
    const batch = expiringBefore ? Math.max(w.limit, EXPIRING_BATCH) : w.limit;
    const rows: LotRow[] = [];
    for (let after = w.after; ;) {
      const read = await listLotRows(db, { ...filter, expiring, after, limit: batch });
      rows.push(...read.filter(keep));
      if (rows.length >= w.limit || read.length < batch) return rows;
      after = LOT_ORDER.valuesOf(read[read.length - 1]);
    }
  });
  return { items: page.map((l) => toLotDto(l, policy)), nextCursor };
}

interface StockChange {
  lot: LotRow;
  kind: LedgerKind;
  grams: number;
  reason?: string | null;
  at: Date;
  actor: Actor;
  packingRunId?: string;
}

/** Books a ledger entry with the matching change of the lot's cached stock, in the caller's transaction. */
async function bookChange(tx: Executor, c: StockChange): Promise<LotRow> {
  let updated: LotRow | undefined;
  if (c.grams < 0) {
    updated = await takeStock(tx, c.lot.id, -c.grams);
    if (!updated) {
      const now = await requireLot(tx, c.lot.id);
      throw conflict('exceeds_stock', (m) => m.exceedsLotStock(gramsToKg(now.stockG), gramsToKg(-c.grams)), { stockKg: gramsToKg(now.stockG) });
    }
  } else {
    updated = c.grams > 0 ? await addStock(tx, c.lot.id, c.grams) : c.lot;
  }
  await insertLedger(tx, [{
    lotId: c.lot.id, depotId: c.lot.depotId, kind: c.kind, grams: c.grams, reason: c.reason ?? null, at: c.at,
    packingRunId: c.packingRunId ?? null, createdBy: c.actor.id,
  }]);
  if (c.grams !== 0) await enqueueTallyRecount(tx, c.lot.depotId, c.at);
  return updated!;
}

export async function discardLot(tx: Executor, actor: Actor, id: string, body: z.infer<typeof discardBody>, now: Date, policy: FoodPolicy) {
  const lot = await requireLot(tx, id);
  const updated = await bookChange(tx, { lot, kind: 'discard', grams: -kgToGrams(body.kg), reason: body.reason, at: now, actor });
  if (body.note) await insertLotEvents(tx, [{ lotId: id, kind: 'discard_note', data: { note: body.note }, at: now, createdBy: actor.id }]);
  return toLotDto(updated, policy);
}

export async function adjustLot(tx: Executor, actor: Actor, id: string, body: z.infer<typeof adjustmentBody>, now: Date, policy: FoodPolicy) {
  const lot = await requireLot(tx, id);
  if (lot.recallId) throw conflict('lot_recalled', (m) => m.coldStore.lotRecalled(), { rule: 'lot_recalled' });
  const updated = await bookChange(tx, { lot, kind: 'adjust', grams: kgToGrams(body.kg), reason: body.reason, at: now, actor });
  return toLotDto(updated, policy);
}

/** Locks the target unit and checks it is in the lot's depot, of the class asked, and has room for the lot. */
async function targetUnit(tx: Executor, lot: LotRow, unitId: string, wantedClass: LotRow['temperatureClass']) {
  const unit = await lockUnit(tx, unitId);
  if (!unit) throw unprocessable('unknown_storage_unit', (m) => m.noSuchUnit(), { rule: 'unknown_storage_unit', errors: [{ path: 'body.storageUnitId', message: (m: Messages) => m.noSuchUnitField() }] });
  if (unit.depotId !== lot.depotId) {
    throw unprocessable('other_depot', (m) => m.unitInOtherDepot(), { rule: 'other_depot', errors: [{ path: 'body.storageUnitId', message: (m: Messages) => m.unitInOtherDepotField() }] });
  }
  if (unit.temperatureClass !== wantedClass) {
    throw unprocessable('unit_class_mismatch', (m) => m.unitClassMismatch(wantedClass, unit.temperatureClass), {
      rule: 'unit_class_mismatch', errors: [{ path: 'body.storageUnitId', message: (m: Messages) => m.unitIsOtherClass(unit.temperatureClass, wantedClass) }],
    });
  }
  if (unit.id === lot.storageUnitId) {
    throw unprocessable('same_unit', (m) => m.sameUnit(), { rule: 'same_unit' });
  }
  const room = roomFor(unit.capacityG, await unitStockG(tx, unit.id), lot.stockG);
  if (!room.ok) {
    throw unprocessable('capacity_exceeded', (m) => m.capacityExceeded(unit.name, gramsToKg(room.freeG), gramsToKg(lot.stockG)), {
      rule: 'capacity_exceeded', storageUnitId: unit.id, freeKg: gramsToKg(room.freeG),
    });
  }
  return unit;
}

export async function moveLot(tx: Executor, actor: Actor, id: string, body: z.infer<typeof moveBody>, now: Date, policy: FoodPolicy) {
  const lot = await requireLot(tx, id, { forUpdate: true });
  if (lot.stockG === 0) throw conflict('no_stock', (m) => m.noStockToMove());
  await targetUnit(tx, lot, body.storageUnitId, lot.temperatureClass);
  const updated = await moveToUnit(tx, id, body.storageUnitId);
  await insertLotEvents(tx, [{ lotId: id, kind: 'move', data: { from: lot.storageUnitId, to: body.storageUnitId, kg: gramsToKg(lot.stockG) }, at: now, createdBy: actor.id }]);
  const [afterArrival] = await holdLotsTakenIntoExcursion(tx, [updated], now, actor.id);
  return toLotDto(afterArrival, policy);
}

export async function freezeLot(tx: Executor, actor: Actor, id: string, body: z.infer<typeof freezeBody>, now: Date, policy: FoodPolicy) {
  const lot = await requireLot(tx, id, { forUpdate: true });
  if (lot.onHold && lot.stockG > 0) throw conflict('on_hold', (m) => m.onHoldRelease(), { rule: 'on_hold' });
  if (lot.stockG === 0) throw conflict('no_stock', (m) => m.noStockToFreeze(), { rule: 'no_stock' });
  const today = localDate(now);
  const unitRow = await lockUnit(tx, body.storageUnitId);
  const verdict = checkFreeze(lot, { today, unitClass: unitRow?.temperatureClass ?? 'frozen' });
  if (!verdict.ok) {
    throw unprocessable(verdict.rule, verdict.message, { rule: verdict.rule, errors: [{ path: verdict.rule === 'unit_class_mismatch' ? 'body.storageUnitId' : 'lot', message: verdict.message }] });
  }
  await targetUnit(tx, lot, body.storageUnitId, 'frozen');
  const updated = await putInFreezer(tx, id, verdict.frozenOn, body.storageUnitId);
  await bookChange(tx, { lot, kind: 'freeze', grams: 0, reason: null, at: now, actor });
  await insertLotEvents(tx, [{
    lotId: id, kind: 'freeze', data: { from: lot.storageUnitId, to: body.storageUnitId, frozenOn: verdict.frozenOn }, at: now, createdBy: actor.id,
  }]);
  const [afterArrival] = await holdLotsTakenIntoExcursion(tx, [updated], now, actor.id);
  return toLotDto(afterArrival, policy);
}

/**
 * A best-before check (package intact, look, smell). Passed: recorded on the lot, so a lot
 * past its best-before date may be packed again. Failed: the lot's stock is discarded as spoiled.
 * A lot past its category's limit (`BEST_BEFORE_MAX_DAYS_PAST`) is 422 `best_before_too_old`:
 * no check unlocks it, it is discarded.
 */
export async function checkLot(tx: Executor, actor: Actor, id: string, body: z.infer<typeof checkBody>, now: Date, policy: FoodPolicy) {
  const lot = await requireLot(tx, id, { forUpdate: true });
  if (lot.dateKind !== 'best_before') {
    throw unprocessable('not_best_before', (m) => m.notBestBefore(), { rule: 'not_best_before' });
  }
  if (lot.stockG === 0) throw conflict('no_stock', (m) => m.noStockToCheck(), { rule: 'no_stock' });
  const today = localDate(now);
  // A lot too long past its best-before is never packed, so no check may unlock it: it is discarded.
  const limit = bestBeforeLimit(asStoredLot(lot));
  if (limit !== null && today > limit) {
    const days = bestBeforeMaxDaysPast(asStoredLot(lot))!;
    throw unprocessable('best_before_too_old', (m) => m.bestBeforeTooOld(lot.date!, days), {
      rule: 'best_before_too_old', errors: [{ path: 'lot', message: (m: Messages) => m.bestBeforeTooOld(lot.date!, days) }],
    });
  }
  await insertLotEvents(tx, [{ lotId: id, kind: 'check', data: { passed: body.passed, note: body.note ?? null, on: today }, at: now, createdBy: actor.id }]);
  if (body.passed) {
    const updated = await markChecked(tx, id, today);
    return toLotDto(updated, policy);
  }
  const updated = await bookChange(tx, { lot, kind: 'discard', grams: -lot.stockG, reason: 'spoiled', at: now, actor });
  return toLotDto(updated, policy);
}

export async function releaseLot(tx: Executor, actor: Actor, id: string, body: z.infer<typeof releaseBody>, now: Date, policy: FoodPolicy) {
  const lot = await requireLot(tx, id, { forUpdate: true });
  if (!lot.onHold) throw conflict('not_on_hold', (m) => m.notOnHold());
  const verdict = checkRelease(lot, { today: localDate(now), heldByFreezerExcursion: await heldByFreezerExcursion(tx, id) });
  if (!verdict.ok) throw unprocessable(verdict.rule, verdict.message, { rule: verdict.rule });
  await assertLotBackInRange(tx, lot);
  const updated = await releaseFromHold(tx, id);
  await insertLotEvents(tx, [{ lotId: id, kind: 'release', data: { note: body.note }, at: now, createdBy: actor.id }]);
  return toLotDto(updated, policy);
}
