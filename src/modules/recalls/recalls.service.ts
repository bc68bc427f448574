import { and, asc, eq, exists, gte, inArray, isNotNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { bagContents, bags, lots, packingRunLots, packingRuns, reservations, sites } from '../../db/schema/index.ts';
import { localDayRange } from '../../domain/dates.ts';
import { lotCode } from '../../domain/labels.ts';
import { productMatches } from '../../domain/recalls.ts';
import { notFound } from '../../errors.ts';
import { toCsv, type CsvCell, type CsvLocale } from '../../i18n/csv.ts';
import type { Recall, RecallQuery } from './recalls.schemas.ts';
import { gramsToKg } from '../../domain/weight.ts';

const iso = (d: Date | null | undefined) => d?.toISOString();

/**
 * The lots a recall query names, oldest first: one lot; every lot of a product (`productMatches`:
 * case, accents and spaces aside, a word inside the name) and/or of a batch; or a donor's lots;
 * received on the local days `from`..`to` when given (a donor's always are).
 */
export async function matchLots(ex: Executor, q: RecallQuery) {
  if (q.lotId) return ex.select().from(lots).where(eq(lots.id, q.lotId));
  if (q.donorId) {
    const [donor] = await ex.select({ kind: sites.kind }).from(sites).where(eq(sites.id, q.donorId));
    if (donor?.kind !== 'donor') throw notFound('donor');
  }
  const rows = await ex.select().from(lots).where(and(
    q.donorId ? eq(lots.donorId, q.donorId) : undefined,
    q.batch ? sql`lower(trim(${lots.batch})) = lower(${q.batch})` : undefined,
    q.product ? isNotNull(lots.product) : undefined,
    q.from ? gte(lots.receivedAt, localDayRange(q.from).start) : undefined,
    q.to ? lt(lots.receivedAt, localDayRange(q.to).end) : undefined,
  )).orderBy(asc(lots.receivedAt), asc(lots.id));
  return q.product ? rows.filter((l) => productMatches(l.product, q.product!)) : rows;
}

/**
 * Traces a lot (or every lot of a donor received within local dates, or of a product or
 * batch, as `matchLots` finds them) forward: the packing runs that took from it, the bags whose recorded contents hold
 * it (a run spreads each lot over its bags, but a lot of fewer grams than bags reaches only
 * some of them), the reservations and points those bags went to with delivery times, and
 * what is still at the depot. A bag with no recorded contents (packed before bags recorded
 * them) may hold any lot of its run, so it is recalled with its run. Read-only.
 */
export async function traceRecall(ex: Executor, q: RecallQuery): Promise<Recall> {
  if (q.lotId && (await ex.select({ id: lots.id }).from(lots).where(eq(lots.id, q.lotId))).length === 0) throw notFound('lot');
  const lotRows = await matchLots(ex, q);
  const lotIds = lotRows.map((l) => l.id);

  const runRows = lotIds.length === 0 ? [] : await ex
    .select({
      packingRunId: packingRunLots.packingRunId, lotId: packingRunLots.lotId, grams: packingRunLots.grams,
      depotId: packingRuns.depotId, bagType: packingRuns.bagType, bagCount: packingRuns.bagCount, packedAt: packingRuns.packedAt,
    })
    .from(packingRunLots).innerJoin(packingRuns, eq(packingRuns.id, packingRunLots.packingRunId))
    .where(inArray(packingRunLots.lotId, lotIds))
    .orderBy(asc(packingRuns.packedAt), asc(packingRuns.id));
  const runIds = [...new Set(runRows.map((r) => r.packingRunId))];
  const lotsOfRun = new Map<string, string[]>();
  for (const r of runRows) lotsOfRun.set(r.packingRunId, [...(lotsOfRun.get(r.packingRunId) ?? []), r.lotId]);

  const contentsOf = (lotFilter?: SQL) => ex.select({ one: sql`1` }).from(bagContents).where(and(eq(bagContents.bagId, bags.id), lotFilter));
  const bagRows = runIds.length === 0 ? [] : await ex
    .select({ bag: bags, reservation: reservations })
    .from(bags).leftJoin(reservations, eq(reservations.id, bags.reservationId))
    .where(or(
      exists(contentsOf(inArray(bagContents.lotId, lotIds))),
      and(inArray(bags.packingRunId, runIds), notExists(contentsOf())),
    ))
    .orderBy(asc(bags.packedAt), asc(bags.id));
  const contentRows = bagRows.length === 0 ? [] : await ex
    .select({ bagId: bagContents.bagId, lotId: bagContents.lotId }).from(bagContents)
    .where(and(inArray(bagContents.bagId, bagRows.map((b) => b.bag.id)), inArray(bagContents.lotId, lotIds)))
    .orderBy(asc(bagContents.lotId));
  const recalledLotsOfBag = new Map<string, string[]>();
  for (const c of contentRows) recalledLotsOfBag.set(c.bagId, [...(recalledLotsOfBag.get(c.bagId) ?? []), c.lotId]);

  const reservationMap = new Map<string, { row: typeof reservations.$inferSelect; bagsFromLots: number }>();
  for (const { reservation } of bagRows) {
    if (!reservation) continue;
    const entry = reservationMap.get(reservation.id) ?? { row: reservation, bagsFromLots: 0 };
    entry.bagsFromLots += 1;
    reservationMap.set(reservation.id, entry);
  }
  const pointIds = [...new Set([...reservationMap.values()].map((r) => r.row.pointId))];
  const pointRows = pointIds.length === 0 ? [] : await ex.select().from(sites).where(inArray(sites.id, pointIds)).orderBy(asc(sites.name));

  const points = pointRows.map((p) => {
    const reached = bagRows.filter((b) => b.reservation?.pointId === p.id);
    const delivered = reached.filter((b) => b.bag.status === 'delivered').map((b) => b.bag.statusAt.getTime()).sort((a, b) => a - b);
    return {
      pointId: p.id, name: p.name, municipality: p.municipality, address: p.address,
      bagsReserved: reached.filter((b) => b.bag.status === 'reserved').length,
      bagsDispatched: reached.filter((b) => b.bag.status === 'dispatched').length,
      bagsDelivered: delivered.length,
      firstDeliveredAt: delivered.length ? new Date(delivered[0]).toISOString() : undefined,
      lastDeliveredAt: delivered.length ? new Date(delivered[delivered.length - 1]).toISOString() : undefined,
    };
  });

  return {
    lots: lotRows.map((l) => ({
      lotId: l.id, code: lotCode(l.id), product: l.product ?? undefined, batch: l.batch ?? undefined,
      donorId: l.donorId, depotId: l.depotId, category: l.category, dateKind: l.dateKind, date: l.date ?? undefined,
      receivedAt: l.receivedAt.toISOString(), receivedKg: gramsToKg(l.receivedG), stockKg: gramsToKg(l.stockG), storageUnitId: l.storageUnitId,
    })),
    packingRuns: runRows.map((r) => ({
      packingRunId: r.packingRunId, lotId: r.lotId, kg: gramsToKg(r.grams), depotId: r.depotId, bagType: r.bagType, bagCount: r.bagCount, packedAt: r.packedAt.toISOString(),
    })),
    bags: bagRows.map(({ bag, reservation }) => ({
      bagId: bag.id, packingRunId: bag.packingRunId, lotIds: recalledLotsOfBag.get(bag.id) ?? lotsOfRun.get(bag.packingRunId) ?? [], bagType: bag.bagType, weightKg: gramsToKg(bag.weightG),
      earliestUseBy: bag.earliestUseBy ?? undefined, status: bag.status, statusAt: bag.statusAt.toISOString(),
      reservationId: reservation?.id, pointId: reservation?.pointId, deliveryDate: reservation?.date,
      deliveredAt: bag.status === 'delivered' ? bag.statusAt.toISOString() : undefined,
    })),
    reservations: [...reservationMap.values()].map(({ row, bagsFromLots }) => ({
      reservationId: row.id, pointId: row.pointId, date: row.date, bagType: row.bagType, bags: row.bags, status: row.status, bagsFromLots,
      dispatchedAt: iso(row.dispatchedAt), deliveredAt: iso(row.deliveredAt),
    })),
    points,
    inWarehouse: {
      lots: lotRows.filter((l) => l.stockG > 0).map((l) => ({ lotId: l.id, stockKg: gramsToKg(l.stockG), storageUnitId: l.storageUnitId, onHold: l.onHold })),
      bags: bagRows.filter(({ bag }) => bag.status === 'in_stock' || bag.status === 'reserved')
        .map(({ bag }) => ({ bagId: bag.id, status: bag.status, depotId: bag.depotId, reservationId: bag.reservationId ?? undefined })),
    },
  };
}

const CSV_COLUMNS = [
  'record', 'lot_ids', 'packing_run_id', 'bag_id', 'bag_type', 'weight_kg', 'earliest_use_by', 'status', 'status_at',
  'reservation_id', 'delivery_date', 'point_id', 'point_name', 'point_municipality', 'delivered_at', 'stock_kg', 'storage_unit_id',
] as const;

/**
 * The recall as one CSV table for a spreadsheet: a `bag` row per bag (with where it went),
 * then a `lot_stock` row per lot that still has stock at the depot.
 */
export function recallCsv(r: Recall, locale: CsvLocale = 'en'): string {
  const pointById = new Map(r.points.map((p) => [p.pointId, p]));
  const rows: CsvCell[][] = r.bags.map((b) => {
    const point = b.pointId ? pointById.get(b.pointId) : undefined;
    return [
      'bag', b.lotIds.join(' '), b.packingRunId, b.bagId, b.bagType, b.weightKg, b.earliestUseBy, b.status, b.statusAt,
      b.reservationId, b.deliveryDate, b.pointId, point?.name, point?.municipality, b.deliveredAt, '', '',
    ];
  });
  for (const l of r.inWarehouse.lots) {
    rows.push(['lot_stock', l.lotId, '', '', '', '', '', l.onHold ? 'on_hold' : 'in_stock', '', '', '', '', '', '', '', l.stockKg, l.storageUnitId]);
  }
  return toCsv([[...CSV_COLUMNS], ...rows], locale);
}
