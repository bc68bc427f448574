import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { BAG_CATEGORIES, type BagType, type Category, TEMPERATURE_CLASSES, type TemperatureClass } from '../../domain/categories.ts';
import { type FoodPolicy, needingHygienePassport } from '../../domain/food-safety.ts';
import { hasValidHygienePassport } from '../../domain/shifts.ts';
import { localDate, type LocalDate } from '../../domain/dates.ts';
import { lotCode } from '../../domain/labels.ts';
import { planPackingRun, type PackingPlan } from '../../domain/packing.ts';
import { packingView } from '../../domain/warehouse-stock.ts';
import { AppError, conflict, notFound, unprocessable } from '../../errors.ts';
import { dayBounds, keysetPage } from '../../db/cursor.ts';
import type { Messages } from '../../i18n/messages.ts';
import { gramsToKg, kgToGrams, sumGrams } from '../../domain/weight.ts';
import type { Actor } from '../auth/actor.ts';
import { insertLedger, lockUnit, lotsByIds, takeStock, type LotRow } from '../lots/lots.repo.ts';
import { holdBagsTakenIntoExcursion } from '../storage/excursions.ts';
import { asStoredLot } from '../lots/lots.service.ts';
import { enqueueTallyRecount } from '../tallies/tallies-enqueue.ts';
import { findSite } from '../sites/sites.repo.ts';
import {
  BAG_ORDER, contentsOfBags, countAvailableBagsByClass, findRun, firstUnitOfClass, hygienePassportUntil, insertBags, insertRun, insertRunLots, listBagRows, listRunRows, lotsOfRuns, packableLots, RUN_ORDER,
  type BagRow, type ContentRow, type RunLotRow, type RunRow,
} from './packing.repo.ts';
import type { createPackingRunBody, listBagsQuery, listPackingRunsQuery } from './packing.schemas.ts';

type Body = z.infer<typeof createPackingRunBody>;

/** A lot changed between planning and taking its grams (a concurrent discard or run): plan again. */
class StaleStock extends Error {}
const ATTEMPTS = 5;

/**
 * Packs a run of bags in the caller's transaction: loads the candidate lots, lets the pure
 * planner choose (FEFO, or the named lots), then takes each lot's grams with a conditional
 * update. If a concurrent write took the grams first, the savepoint is rolled back and the
 * run planned again on the new stock, so stock never goes negative and nothing is oversold.
 */
export async function createPackingRun(tx: Executor, actor: Actor, body: Body, now: Date, policy: FoodPolicy) {
  const depot = await findSite(tx, body.depotId);
  if (!depot || depot.kind !== 'depot') {
    throw unprocessable('not_a_depot', (m) => m.notADepot(), { errors: [{ path: 'body.depotId', message: (m: Messages) => m.isNotADepot() }] });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transaction((sp) => packOnce(sp as unknown as Executor, actor, body, now, policy));
    } catch (err) {
      if (!(err instanceof StaleStock)) throw err;
      if (attempt >= ATTEMPTS) throw conflict('concurrent_update', (m) => m.packingKeptChanging());
    }
  }
}

async function candidates(tx: Executor, body: Body): Promise<LotRow[]> {
  if (!body.lots) return packableLots(tx, body.depotId, BAG_CATEGORIES[body.bagType]);
  const rows = await lotsByIds(tx, body.lots.map((l) => l.lotId));
  const byId = new Map(rows.map((r) => [r.id, r]));
  body.lots.forEach(({ lotId }, i) => {
    const lot = byId.get(lotId);
    const path = `body.lots.${i}.lotId`;
    if (!lot) throw unprocessable('unknown_lot', (m) => m.noSuchLot(lotId), { rule: 'unknown_lot', lotId, errors: [{ path, message: (m: Messages) => m.noSuchLotField() }] });
    if (lot.depotId !== body.depotId) {
      throw unprocessable('other_depot', (m) => m.lotInOtherDepot(lotId), { rule: 'other_depot', lotId, errors: [{ path, message: (m: Messages) => m.lotInOtherDepotField() }] });
    }
  });
  return rows;
}

async function packOnce(tx: Executor, actor: Actor, body: Body, now: Date, policy: FoodPolicy) {
  const onDate = localDate(now);
  const lots = await candidates(tx, body);
  const plan = planPackingRun({
    bagType: body.bagType, temperatureClass: body.temperatureClass, policy, bagCount: body.bagCount, targetG: body.targetKg === undefined ? undefined : kgToGrams(body.targetKg),
    onDate, allowPartial: body.allowPartial ?? false, lots: lots.map((l) => packingView(asStoredLot(l))),
    picks: body.lots?.map((l) => ({ lotId: l.lotId, grams: kgToGrams(l.kg) })),
  });
  if (!plan.ok) throw refusal(plan);
  // Unpackaged perishable food is packed only by someone with a valid hygiene passport.
  const byId = new Map(lots.map((l) => [l.id, l]));
  const needing = needingHygienePassport(plan.picks.map((p) => ({ ...byId.get(p.lotId)!, category: byId.get(p.lotId)!.category as Category })));
  if (needing.length > 0 && !hasValidHygienePassport(await hygienePassportUntil(tx, actor.id), now)) {
    const codes = needing.map((l) => lotCode(l.id));
    throw unprocessable('hygiene_passport_required', (m) => m.packerNeedsHygienePassport(codes), { rule: 'hygiene_passport_required', lotIds: needing.map((l) => l.id) });
  }

  for (const pick of plan.picks) {
    if (!(await takeStock(tx, pick.lotId, pick.grams, { notOnHold: true }))) throw new StaleStock();
  }
  const unit = await bagUnit(tx, body.depotId, plan.temperatureClass, body.storageUnitId);
  const run = await insertRun(tx, {
    depotId: body.depotId, bagType: body.bagType, temperatureClass: plan.temperatureClass, bagCount: plan.bags.length, packedAt: now, createdBy: actor.id,
    storageUnitId: unit?.id ?? null,
  });
  await insertRunLots(tx, plan.picks.map((p) => ({ packingRunId: run.id, lotId: p.lotId, grams: p.grams })));
  await insertLedger(tx, plan.picks.map((p) => ({
    lotId: p.lotId, depotId: body.depotId, kind: 'pack' as const, grams: -p.grams, at: now, packingRunId: run.id, createdBy: actor.id,
  })));
  const bagRows = plan.bags.map((b) => ({
    id: randomUUID(), packingRunId: run.id, depotId: body.depotId, bagType: body.bagType, temperatureClass: plan.temperatureClass,
    weightG: b.weightG, earliestUseBy: b.earliestUseBy, handOutBy: b.handOutBy, status: 'in_stock' as const, packedAt: now, statusAt: now, storageUnitId: unit?.id ?? null,
  }));
  const contents = plan.bags.flatMap((b, i) => b.contents.map((c) => ({ bagId: bagRows[i].id, lotId: c.lotId, grams: c.grams })));
  await insertBags(tx, bagRows, contents, actor.id, now);
  if (unit) await holdBagsTakenIntoExcursion(tx, bagRows.map((b) => b.id), unit, now, actor.id);
  const bags = (await findRun(tx, run.id))!.bags;
  await enqueueTallyRecount(tx, body.depotId, now);
  // Read back, so the answer is the run exactly as `GET /packing-runs/:id` shows it.
  const dto = toRunDto(run, await lotsOfRuns(tx, [run.id]), bags, await contentsOfBags(tx, bags.map((b) => b.id)), plan.requestedBags);
  return plan.shortage ? { ...dto, shortage: shortageDto(plan.shortage) } : dto;
}

/** Why fewer bags than asked can be packed, in kilos: the 409 of a refused run and the `shortage` of a partial one. */
const shortageDto = (s: NonNullable<PackingPlan['shortage']>) => ({
  available: s.availableBags, availableKg: gramsToKg(s.availableG),
  unusable: s.unusable.map((u) => ({ reason: u.rule, kg: gramsToKg(u.grams) })),
  availableByClass: s.availableByClass.map((c) => ({ temperatureClass: c.temperatureClass, bags: c.availableBags, kg: gramsToKg(c.availableG) })),
});

/**
 * The unit a run's bags wait in: the one named (of the depot, of the bags' class), or the
 * depot's first unit of the class (by when it was added); none when the depot has no unit of
 * the class (the bags then belong to no unit, as before units held bags).
 */
async function bagUnit(tx: Executor, depotId: string, temperatureClass: TemperatureClass, named: string | undefined) {
  if (!named) return firstUnitOfClass(tx, depotId, temperatureClass);
  const unit = await lockUnit(tx, named);
  const path = 'body.storageUnitId';
  if (!unit) throw unprocessable('unknown_storage_unit', (m) => m.noSuchUnit(), { rule: 'unknown_storage_unit', errors: [{ path, message: (m: Messages) => m.noSuchUnitField() }] });
  if (unit.depotId !== depotId) throw unprocessable('other_depot', (m) => m.unitInOtherDepot(), { rule: 'other_depot', errors: [{ path, message: (m: Messages) => m.unitInOtherDepotField() }] });
  if (unit.temperatureClass !== temperatureClass) {
    throw unprocessable('unit_class_mismatch', (m) => m.unitClassMismatch(temperatureClass, unit.temperatureClass), {
      rule: 'unit_class_mismatch', errors: [{ path, message: (m: Messages) => m.coldStore.bagUnitClass(unit.temperatureClass, temperatureClass) }],
    });
  }
  return unit;
}

function refusal(plan: Exclude<ReturnType<typeof planPackingRun>, PackingPlan>): AppError {
  if (plan.rule === 'insufficient_stock') {
    return conflict('insufficient_stock', plan.message, { rule: plan.rule, requestedBags: plan.requestedBags, ...shortageDto(plan) });
  }
  if (plan.rule === 'raw_with_ready_to_eat') {
    // Which food may share a bag is a conflict with what is in stock (409), like a shortage.
    return conflict('raw_with_ready_to_eat', plan.message, {
      rule: plan.rule, rawKg: gramsToKg(plan.rawG), readyToEatKg: gramsToKg(plan.readyToEatG),
      rawCategories: plan.rawCategories, readyToEatCategories: plan.readyToEatCategories,
    });
  }
  if (plan.rule === 'exceeds_stock' || plan.rule === 'no_stock') {
    // Short stock is a conflict with the current state (409), like the FEFO shortage, not bad input.
    return conflict('exceeds_stock', plan.message, { rule: plan.rule, lotId: plan.lotId, availableKg: gramsToKg(plan.availableG ?? 0) });
  }
  return unprocessable(plan.rule, plan.message, { rule: plan.rule, ...(plan.lotId ? { lotId: plan.lotId } : {}) });
}

/** Rows by a key, in their order (Node 20 has no `Map.groupBy`). */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One line of a bag's contents as clients see it (the bag list, labels, recalls). */
export function toContentDto(c: ContentRow) {
  return {
    lotId: c.lotId, lotCode: lotCode(c.lotId), category: c.category as Category, kg: gramsToKg(c.grams), product: c.product ?? undefined, allergens: c.allergens,
    batch: c.batch ?? undefined, dateKind: c.dateKind, date: c.date ?? null, frozenOn: c.frozenOn ?? undefined, frozenOnKnown: c.frozenOnKnown,
  };
}

/** A bag as the API shows it, with its picking list (lot by lot). */
export function toBagDto(b: BagRow, contents: readonly ContentRow[]) {
  return {
    id: b.id, packingRunId: b.packingRunId, depotId: b.depotId, bagType: b.bagType as BagType, temperatureClass: b.temperatureClass,
    storageUnitId: b.storageUnitId ?? undefined,
    weightKg: gramsToKg(b.weightG),
    earliestUseBy: b.earliestUseBy ?? undefined, handOutBy: b.handOutBy, status: b.status, reservationId: b.reservationId ?? undefined,
    packedAt: b.packedAt.toISOString(), statusAt: b.statusAt.toISOString(),
    contents: [...contents].sort((x, y) => compare(x.lotId, y.lotId))
      .map(toContentDto),
  };
}

/** One lot of a run's picking list: how many kilos to take, and how to find the lot on its shelf. */
const toRunLotDto = (p: RunLotRow) => ({
  lotId: p.lotId, code: lotCode(p.lotId), kg: gramsToKg(p.grams), category: p.category as Category, product: p.product ?? undefined,
  batch: p.batch ?? undefined, dateKind: p.dateKind, date: p.date ?? null, frozenOn: p.frozenOn ?? undefined, frozenOnKnown: p.frozenOnKnown,
  storageUnitId: p.storageUnitId, storageUnitName: p.storageUnitName,
});

function toRunSummaryDto(run: RunRow, picks: readonly RunLotRow[], requestedBags = run.bagCount) {
  return {
    id: run.id, depotId: run.depotId, bagType: run.bagType as BagType, temperatureClass: run.temperatureClass, requestedBags, bagCount: run.bagCount,
    storageUnitId: run.storageUnitId ?? undefined,
    packedAt: run.packedAt.toISOString(), totalKg: gramsToKg(sumGrams(picks.map((p) => p.grams))),
    lots: picks.map(toRunLotDto),
  };
}

function toRunDto(run: RunRow, picks: readonly RunLotRow[], bags: readonly BagRow[], contents: readonly ContentRow[], requestedBags?: number) {
  const byBag = groupBy(contents, (c) => c.bagId);
  // Sorted here, so the run reads the same when packed and when read back.
  const sorted = [...bags].sort((x, y) => compare(x.id, y.id));
  return { ...toRunSummaryDto(run, picks, requestedBags), bags: sorted.map((b) => toBagDto(b, byBag.get(b.id) ?? [])) };
}

export async function getPackingRun(db: Executor, id: string) {
  const found = await findRun(db, id);
  if (!found) throw notFound('packingRun');
  return toRunDto(found.run, found.lots, found.bags, found.contents);
}

/** Packing runs newest first, by depot, bag type and local day, without their bags. */
export async function listPackingRuns(db: Executor, q: z.infer<typeof listPackingRunsQuery>) {
  const { page, nextCursor } = await keysetPage(q, RUN_ORDER, (w) => listRunRows(db, { depotId: q.depotId, bagType: q.bagType, ...dayBounds(q.day), ...w }));
  const byRun = groupBy(await lotsOfRuns(db, page.map((r) => r.id)), (l) => l.packingRunId);
  return { items: page.map((r) => toRunSummaryDto(r, byRun.get(r.id) ?? [])), nextCursor };
}

/** Bags newest first, by depot, type, status, reservation or run, with their contents. */
export async function listBags(db: Executor, q: z.infer<typeof listBagsQuery>) {
  const { depotId, storageUnitId, bagType, temperatureClass, status, reservationId, packingRunId } = q;
  const { page, nextCursor } = await keysetPage(q, BAG_ORDER, (w) => listBagRows(db, { depotId, storageUnitId, bagType, temperatureClass, status, reservationId, packingRunId, ...w }));
  const byBag = groupBy(await contentsOfBags(db, page.map((b) => b.id)), (c) => c.bagId);
  return { items: page.map((b) => toBagDto(b, byBag.get(b.id) ?? [])), nextCursor };
}

/**
 * Bags free to reserve for a delivery day (today when none is given), by class: the count a
 * reservation for that day could hold, since a bag past its hand-out date on that day is never held.
 */
export async function bagsAvailable(db: Executor, q: { depotId: string; bagType: BagType; temperatureClass?: TemperatureClass; date?: LocalDate }, now: Date) {
  const date = q.date ?? localDate(now);
  const byClass = await countAvailableBagsByClass(db, q.depotId, q.bagType, date);
  const available = q.temperatureClass ? byClass.get(q.temperatureClass) ?? 0 : [...byClass.values()].reduce((a, n) => a + n, 0);
  return {
    depotId: q.depotId, bagType: q.bagType, date, temperatureClass: q.temperatureClass, available,
    byClass: TEMPERATURE_CLASSES.map((c) => ({ temperatureClass: c, available: byClass.get(c) ?? 0 })),
  };
}

/** One bag with its contents and its hand-out date (`GET /bags/:id`, its label). */
export async function getBag(db: Executor, id: string) {
  const [bag] = await listBagRows(db, { bagId: id, limit: 1 });
  if (!bag) throw notFound('object');
  return toBagDto(bag, await contentsOfBags(db, [id]));
}
