import type { Executor } from '../../db/client.ts';
import { localDayRange } from '../../domain/dates.ts';
import { lotCode } from '../../domain/labels.ts';
import { productMatches } from '../../domain/recalls.ts';
import { notFound } from '../../errors.ts';
import { toCsv, type CsvCell, type CsvLocale } from '../../i18n/csv.ts';
import { findLot } from '../lots/lots.repo.ts';
import type { ReservationRow } from '../reservations/reservations.repo.ts';
import type { Recall, RecallQuery } from './recalls.schemas.ts';
import { bagsOfLotsWithReservation, contentsOfBagsFromLots, lotExists, lotsMatching, runsOfLots, siteKind, sitesByName } from './recalls.repo.ts';
import { gramsToKg } from '../../domain/weight.ts';

const iso = (d: Date | null | undefined) => d?.toISOString();

/**
 * The lots a recall query names, oldest first: one lot; every lot of a product (`productMatches`:
 * case, accents and spaces aside, a word inside the name) and/or of a batch; or a donor's lots;
 * received on the local days `from`..`to` when given (a donor's always are).
 */
export async function matchLots(ex: Executor, q: RecallQuery) {
  if (q.lotId) {
    const lot = await findLot(ex, q.lotId);
    return lot ? [lot] : [];
  }
  if (q.donorId && (await siteKind(ex, q.donorId)) !== 'donor') throw notFound('donor');
  const rows = await lotsMatching(ex, {
    donorId: q.donorId, batch: q.batch, withProduct: !!q.product,
    receivedFrom: q.from ? localDayRange(q.from).start : undefined, receivedTo: q.to ? localDayRange(q.to).end : undefined,
  });
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
  if (q.lotId && !(await lotExists(ex, q.lotId))) throw notFound('lot');
  const lotRows = await matchLots(ex, q);
  const lotIds = lotRows.map((l) => l.id);

  const runRows = lotIds.length === 0 ? [] : await runsOfLots(ex, lotIds);
  const runIds = [...new Set(runRows.map((r) => r.packingRunId))];
  const lotsOfRun = new Map<string, string[]>();
  for (const r of runRows) lotsOfRun.set(r.packingRunId, [...(lotsOfRun.get(r.packingRunId) ?? []), r.lotId]);

  const bagRows = runIds.length === 0 ? [] : await bagsOfLotsWithReservation(ex, lotIds, runIds);
  const contentRows = bagRows.length === 0 ? [] : await contentsOfBagsFromLots(ex, bagRows.map((b) => b.bag.id), lotIds);
  const recalledLotsOfBag = new Map<string, string[]>();
  for (const c of contentRows) recalledLotsOfBag.set(c.bagId, [...(recalledLotsOfBag.get(c.bagId) ?? []), c.lotId]);

  const reservationMap = new Map<string, { row: ReservationRow; bagsFromLots: number }>();
  for (const { reservation } of bagRows) {
    if (!reservation) continue;
    const entry = reservationMap.get(reservation.id) ?? { row: reservation, bagsFromLots: 0 };
    entry.bagsFromLots += 1;
    reservationMap.set(reservation.id, entry);
  }
  const pointIds = [...new Set([...reservationMap.values()].map((r) => r.row.pointId))];
  const pointRows = pointIds.length === 0 ? [] : await sitesByName(ex, pointIds);

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
