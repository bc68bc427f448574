import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Executor } from '../../src/db/client.ts';
import { bagContents, bagEvents, bags, intakeRefusals, intakes, ledgerEntries, lots, packingRuns, reservations, sites, storageUnits } from '../../src/db/schema/index.ts';
import { BAG_TYPES, CATEGORIES, DISCARD_REASONS, REFUSAL_REASONS, type BagType, type Category, type RefusalReason } from '../../src/domain/categories.ts';
import { localDate, localTimeOnDate, type LocalDate } from '../../src/domain/dates.ts';
import type { BagRecord, LedgerEntry, RefusalRecord } from '../../src/domain/tallies.ts';

/**
 * Operation histories written straight into the tables (no API), so a test can make any
 * shape of history — late intakes, corrections, midnight and DST edges — and compare the
 * tallies with sums over exactly these records.
 */
export interface Network {
  depotId: string;
  donorIds: string[];
  /** The donor of kind `producer`. */
  producerId: string;
  pointIds: string[];
  unitId: string;
}

export async function insertNetwork(db: Executor, label = randomUUID().slice(0, 8)): Promise<Network> {
  const site = (kind: 'depot' | 'donor' | 'point', name: string, extra: Partial<typeof sites.$inferInsert> = {}) =>
    ({ id: randomUUID(), kind, name, municipality: 'Mikkeli', lat: 61.7, lon: 27.2, ...extra });
  const depot = site('depot', `Depot ${label}`);
  const donors = [
    site('donor', `Shop ${label}`, { depotId: depot.id, donorKind: 'shop' }),
    site('donor', `Farm ${label}`, { depotId: depot.id, donorKind: 'producer' }),
    site('donor', `Bakery ${label}`, { depotId: depot.id, donorKind: 'other' }),
  ];
  const points = [site('point', `Point A ${label}`, { depotId: depot.id }), site('point', `Point B ${label}`, { depotId: depot.id })];
  await db.insert(sites).values([depot, ...donors, ...points]);
  const unitId = randomUUID();
  await db.insert(storageUnits).values({ id: unitId, depotId: depot.id, name: 'Store', temperatureClass: 'ambient', capacityG: 10_000_000 });
  return { depotId: depot.id, donorIds: donors.map((d) => d.id), producerId: donors[1].id, pointIds: points.map((p) => p.id), unitId };
}

/** Days around both 2026 DST changes (23 h on 03-29, 25 h on 10-25) and an ordinary one. */
export const EDGE_DAYS: readonly LocalDate[] = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26', '2026-06-30'];

/** An instant near an edge day: often right at local midnight (± 1 ms), otherwise anywhere in the day ± 1 h. */
export const instantArb = fc.oneof(
  fc.record({ day: fc.constantFrom(...EDGE_DAYS), ms: fc.constantFrom(-1, 0, 1, 3_600_000 * 3 + 1, 23 * 3_600_000 - 1) }),
  fc.record({ day: fc.constantFrom(...EDGE_DAYS), ms: fc.integer({ min: -3_600_000, max: 26 * 3_600_000 }) }),
).map(({ day, ms }) => new Date(localTimeOnDate(day, '00:00').getTime() + ms));

type Later = { kind: 'discard' | 'adjust' | 'pack' | 'freeze'; afterMs: number; fraction: number; reason: string; bags: number; deliver: boolean; deliverAfterMs: number; point: number; bagType: BagType };

export interface LotPlan {
  donor: number;
  category: Category;
  receivedAt: Date;
  grams: number;
  later: Later[];
  /** Food of the same delivery turned away at the door (any category). */
  refused?: { category: Category; grams: number; reason: RefusalReason }[];
}

const laterArb: fc.Arbitrary<Later> = fc.record({
  kind: fc.constantFrom('discard', 'adjust', 'pack', 'pack', 'freeze'),
  afterMs: fc.integer({ min: 0, max: 3 * 24 * 3_600_000 }),
  fraction: fc.double({ min: 0.05, max: 0.9, noNaN: true }),
  reason: fc.constantFrom(...DISCARD_REASONS, 'mouldy'),
  bags: fc.integer({ min: 1, max: 3 }),
  deliver: fc.boolean(),
  deliverAfterMs: fc.integer({ min: 0, max: 2 * 24 * 3_600_000 }),
  point: fc.integer({ min: 0, max: 1 }),
  bagType: fc.constantFrom(...BAG_TYPES),
});

export const lotPlanArb: fc.Arbitrary<LotPlan> = fc.record({
  donor: fc.integer({ min: 0, max: 2 }),
  category: fc.constantFrom(...CATEGORIES),
  receivedAt: instantArb,
  grams: fc.integer({ min: 1, max: 400_000 }),
  later: fc.array(laterArb, { maxLength: 4 }),
  refused: fc.array(fc.record({
    category: fc.constantFrom(...CATEGORIES), grams: fc.integer({ min: 1, max: 50_000 }), reason: fc.constantFrom(...REFUSAL_REASONS),
  }), { maxLength: 2 }),
});

export interface Written {
  entries: LedgerEntry[];
  bags: BagRecord[];
  refusals: RefusalRecord[];
  /** Every local day something was booked on. */
  days: Set<LocalDate>;
}

/**
 * Writes the lots of a plan: an intake entry each, then its later entries in time order,
 * each bounded by the stock at that moment (so stock never goes negative). A pack entry
 * becomes a packing run of 1–3 bags (their contents: the lot) whose weights add up to the grams packed; some bags are
 * delivered to a point (with a dispatched event first).
 */
export async function writeHistory(db: Executor, net: Network, plans: readonly LotPlan[]): Promise<Written> {
  const out: Written = { entries: [], bags: [], refusals: [], days: new Set() };
  for (const plan of plans) {
    const intakeId = randomUUID();
    const lotId = randomUUID();
    const donorId = net.donorIds[plan.donor];
    await db.insert(intakes).values({ id: intakeId, donorId, depotId: net.depotId, receivedAt: plan.receivedAt });
    let stock = plan.grams;
    let at = plan.receivedAt.getTime();
    const rows: (typeof ledgerEntries.$inferInsert)[] = [{ lotId, depotId: net.depotId, kind: 'intake', grams: plan.grams, at: plan.receivedAt }];
    const runs: { at: Date; grams: number; later: Later }[] = [];
    for (const l of plan.later) {
      at += l.afterMs;
      const when = new Date(at);
      let grams = 0;
      if (l.kind === 'discard' || l.kind === 'pack') grams = -Math.min(stock, Math.max(1, Math.floor(stock * l.fraction)));
      if (l.kind === 'adjust') grams = l.fraction < 0.4 ? -Math.floor(stock * l.fraction) : Math.floor(5_000 * l.fraction);
      if ((l.kind === 'discard' || l.kind === 'pack') && grams === 0) continue;
      stock += grams;
      const reason = l.kind === 'discard' ? l.reason : l.kind === 'adjust' ? 'recount' : null;
      rows.push({ lotId, depotId: net.depotId, kind: l.kind, grams, at: when, reason });
      if (l.kind === 'pack') runs.push({ at: when, grams: -grams, later: l });
    }
    await db.insert(lots).values({
      id: lotId, intakeId, donorId, depotId: net.depotId, category: plan.category, temperatureClass: 'ambient', dateKind: 'none',
      storageUnitId: net.unitId, receivedG: plan.grams, stockG: stock, receivedAt: plan.receivedAt,
    });
    await db.insert(ledgerEntries).values(rows);
    for (const r of plan.refused ?? []) {
      await db.insert(intakeRefusals).values({ intakeId, donorId, depotId: net.depotId, category: r.category, grams: r.grams, reason: r.reason, at: plan.receivedAt });
      out.refusals.push({ depotId: net.depotId, donorId, category: r.category, grams: r.grams, reason: r.reason, at: plan.receivedAt });
    }
    for (const r of rows) {
      out.entries.push({ lotId, kind: r.kind, grams: r.grams, at: r.at, reason: r.reason ?? null, depotId: net.depotId, donorId, category: plan.category });
      out.days.add(localDate(r.at));
    }
    for (const run of runs) await writeRun(db, net, run, { lotId, donorId, category: plan.category }, out);
  }
  return out;
}

async function writeRun(db: Executor, net: Network, run: { at: Date; grams: number; later: Later }, lot: { lotId: string; donorId: string; category: Category }, out: Written) {
  const runId = randomUUID();
  const count = Math.min(run.later.bags, run.grams);
  await db.insert(packingRuns).values({ id: runId, depotId: net.depotId, bagType: run.later.bagType, bagCount: count, packedAt: run.at });
  const base = Math.floor(run.grams / count);
  for (let i = 0; i < count; i++) {
    const weightG = i === 0 ? run.grams - base * (count - 1) : base;
    const bagId = randomUUID();
    const delivered = run.later.deliver && i < 2;
    const pointId = net.pointIds[(run.later.point + i) % net.pointIds.length];
    let reservationId: string | null = null;
    const deliveredAt = new Date(run.at.getTime() + run.later.deliverAfterMs + i * 60_000);
    if (delivered) {
      reservationId = randomUUID();
      await db.insert(reservations).values({
        id: reservationId, pointId, depotId: net.depotId, date: localDate(deliveredAt), bagType: run.later.bagType, bags: 1,
        status: 'delivered', bagsDelivered: 1, deliveredAt,
      });
    }
    await db.insert(bags).values({
      id: bagId, packingRunId: runId, depotId: net.depotId, bagType: run.later.bagType, weightG, packedAt: run.at,
      status: delivered ? 'delivered' : 'in_stock', reservationId, statusAt: delivered ? deliveredAt : run.at,
    });
    await db.insert(bagContents).values({ bagId, lotId: lot.lotId, grams: weightG });
    await db.insert(bagEvents).values({ bagId, fromStatus: null, toStatus: 'in_stock', at: run.at });
    if (delivered) {
      await db.insert(bagEvents).values([
        { bagId, fromStatus: 'reserved', toStatus: 'dispatched', reservationId, at: new Date(deliveredAt.getTime() - 1) },
        { bagId, fromStatus: 'dispatched', toStatus: 'delivered', reservationId, at: deliveredAt },
      ]);
      out.days.add(localDate(deliveredAt));
    }
    out.bags.push({
      bagId, depotId: net.depotId, bagType: run.later.bagType, weightG, packedAt: run.at,
      pointId: delivered ? pointId : null, deliveredAt: delivered ? deliveredAt : null,
      contents: [{ donorId: lot.donorId, category: lot.category }],
    });
    out.days.add(localDate(run.at));
  }
}
