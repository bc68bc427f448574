import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { BAG_CATEGORIES } from '../../domain/categories.ts';
import { localDate } from '../../domain/dates.ts';
import { planPackingRun, type PackingPlan } from '../../domain/packing.ts';
import { packingView } from '../../domain/warehouse-stock.ts';
import { AppError, conflict, notFound, unprocessable } from '../../errors.ts';
import { gToKg, kgToG } from '../../http/schemas.ts';
import type { Actor } from '../../plugins/access.ts';
import { insertLedger, lotsByIds, takeStock, type LotRow } from '../lots/lots.repo.ts';
import { asStoredLot } from '../lots/lots.service.ts';
import { enqueueTallyRecount } from '../reports/tally-enqueue.ts';
import { findSite } from '../sites/sites.repo.ts';
import { countAvailableBags, findRun, insertBags, insertRun, insertRunLots, packableLots } from './packing.repo.ts';
import type { createPackingRunBody } from './packing.schemas.ts';

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
export async function createPackingRun(tx: Executor, actor: Actor, body: Body, now: Date) {
  const depot = await findSite(tx, body.depotId);
  if (!depot || depot.kind !== 'depot') {
    throw unprocessable('not_a_depot', 'depotId must name a depot', { errors: [{ path: 'body.depotId', message: 'is not a depot' }] });
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transaction((sp) => packOnce(sp as unknown as Executor, actor, body, now));
    } catch (err) {
      if (!(err instanceof StaleStock)) throw err;
      if (attempt >= ATTEMPTS) throw conflict('concurrent_update', 'The stock kept changing while packing; retry the request');
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
    if (!lot) throw unprocessable('unknown_lot', `No such lot: ${lotId}`, { rule: 'unknown_lot', lotId, errors: [{ path, message: 'no such lot' }] });
    if (lot.depotId !== body.depotId) {
      throw unprocessable('other_depot', `Lot ${lotId} is stored in another depot`, { rule: 'other_depot', lotId, errors: [{ path, message: 'is in another depot' }] });
    }
  });
  return rows;
}

async function packOnce(tx: Executor, actor: Actor, body: Body, now: Date) {
  const onDate = localDate(now);
  const lots = await candidates(tx, body);
  const plan = planPackingRun({
    bagType: body.bagType, bagCount: body.bagCount, targetG: body.targetKg === undefined ? undefined : kgToG(body.targetKg),
    onDate, allowPartial: body.allowPartial ?? false, lots: lots.map((l) => packingView(asStoredLot(l))),
    picks: body.lots?.map((l) => ({ lotId: l.lotId, grams: kgToG(l.kg) })),
  });
  if (!plan.ok) throw refusal(plan);

  for (const pick of plan.picks) {
    if (!(await takeStock(tx, pick.lotId, pick.grams, { notOnHold: true }))) throw new StaleStock();
  }
  const run = await insertRun(tx, { depotId: body.depotId, bagType: body.bagType, bagCount: plan.bags.length, packedAt: now, createdBy: actor.id });
  await insertRunLots(tx, plan.picks.map((p) => ({ packingRunId: run.id, lotId: p.lotId, grams: p.grams })));
  await insertLedger(tx, plan.picks.map((p) => ({
    lotId: p.lotId, depotId: body.depotId, kind: 'pack' as const, grams: -p.grams, at: now, packingRunId: run.id, createdBy: actor.id,
  })));
  const bags = await insertBags(tx, plan.bags.map((b) => ({
    packingRunId: run.id, depotId: body.depotId, bagType: body.bagType, weightG: b.weightG, earliestUseBy: b.earliestUseBy,
    status: 'in_stock' as const, packedAt: now, statusAt: now,
  })), actor.id, now);
  await enqueueTallyRecount(tx, body.depotId, now);
  return toRunDto(run, bags, plan.picks, plan.requestedBags);
}

function refusal(plan: Exclude<ReturnType<typeof planPackingRun>, PackingPlan>): AppError {
  if (plan.rule === 'insufficient_stock') {
    return conflict('insufficient_stock', plan.message, {
      rule: plan.rule, requestedBags: plan.requestedBags, available: plan.availableBags, availableKg: gToKg(plan.availableG),
    });
  }
  if (plan.rule === 'exceeds_stock' || plan.rule === 'no_stock') {
    // Short stock is a conflict with the current state (409), like the FEFO shortage, not bad input.
    return conflict('exceeds_stock', plan.message, { rule: plan.rule, lotId: plan.lotId, availableKg: gToKg(plan.availableG ?? 0) });
  }
  return unprocessable(plan.rule, plan.message, { rule: plan.rule, ...(plan.lotId ? { lotId: plan.lotId } : {}) });
}

function toRunDto(
  run: { id: string; depotId: string; bagType: string; packedAt: Date },
  bags: { id: string; weightG: number; earliestUseBy: string | null }[],
  picks: { lotId: string; grams: number }[],
  requestedBags: number,
) {
  return {
    id: run.id, depotId: run.depotId, bagType: run.bagType as Body['bagType'], requestedBags, bagCount: bags.length,
    packedAt: run.packedAt.toISOString(), totalKg: gToKg(picks.reduce((s, p) => s + p.grams, 0)),
    bags: bags.map((b) => ({ id: b.id, weightKg: gToKg(b.weightG), earliestUseBy: b.earliestUseBy ?? undefined })),
    lots: picks.map((p) => ({ lotId: p.lotId, kg: gToKg(p.grams) })),
  };
}

export async function getPackingRun(db: Executor, id: string) {
  const found = await findRun(db, id);
  if (!found) throw notFound('Packing run');
  return toRunDto(found.run, found.bags, found.lots, found.run.bagCount);
}

export async function bagsAvailable(db: Executor, depotId: string, bagType: Body['bagType'], now: Date) {
  return { depotId, bagType, available: await countAvailableBags(db, depotId, bagType, localDate(now)) };
}
