import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { keysetPage } from '../../db/cursor.ts';
import { addDays, localDate, localDayRange } from '../../domain/dates.ts';
import { checkStatedInstant } from '../../domain/date-window.ts';
import type { Category } from '../../domain/categories.ts';
import { type AlertDetail, assessReading, excursionDetail, missedReadings, warmRunStart } from '../../domain/cold-chain.ts';
import { type AlertAction, isLateEntry } from '../../domain/excursions.ts';
import type { FoodPolicy } from '../../domain/food-safety.ts';
import { lotCode } from '../../domain/labels.ts';
import { expiryDate, isExpiringSoon, needsBestBeforeCheck } from '../../domain/warehouse-stock.ts';
import { assertInWindow, notFound } from '../../errors.ts';
import { en, type Messages } from '../../i18n/messages.ts';
import type { Actor } from '../auth/actor.ts';
import { insertLotEvents, lockUnit, type LotRow } from '../lots/lots.repo.ts';
import { asStoredLot } from '../lots/lots.service.ts';
import { notifyAlert } from '../notifications/triggers.service.ts';
import { holdBagsOfReading } from './excursions.ts';
import {
  alertsPage, bagsHeldPerAlert, CLOSED_ALERT_ORDER, heldBagsWithAlert, heldLots, holdEventsOfLots, holdLotIds, insertAlert, insertAlertsOnce,
  insertReading, latestReadingsWithUnits, lotsDatedBetween, lotsHeldPerAlert, lotsPastBestBefore, monitoredUnitsWithReadings, OPEN_ALERT_ORDER,
  openExcursion, readingsSinceLastCold, stockedLotsOfUnit, type AlertRow,
} from './storage.repo.ts';
import type { temperatureReadingBody } from './storage.schemas.ts';
import { gramsToKg } from '../../domain/weight.ts';

/** An alert's detail as stored: its code and figures, and the English text beside them. */
export function storedDetail(d: AlertDetail) {
  const { code, ...params } = d;
  return { detail: en.alertDetail(d), detailCode: code, detailParams: params };
}

const DETAIL_CODES = ['excursion_unit_limit', 'excursion_frozen_warm', 'excursion_lot_limit', 'reading_missed', 'bags_unsettled', 'ride_too_long'] as const satisfies readonly AlertDetail['code'][];

/** An alert's detail in the reader's language; an alert raised before codes were stored keeps its English text. */
function detailIn(m: Messages, alert: AlertRow): string {
  if (!alert.detailCode || !(DETAIL_CODES as readonly string[]).includes(alert.detailCode)) return alert.detail;
  return m.alertDetail({ code: alert.detailCode, ...(alert.detailParams as object) } as AlertDetail);
}

/** A lot in the warehouse's lists (alerts, stock); `packableUntil` as on the lot itself (`expiryDate`). */
export const toLotSummary = (l: LotRow, policy: FoodPolicy) => ({
  id: l.id, code: lotCode(l.id), depotId: l.depotId, category: l.category, product: l.product ?? undefined, temperatureClass: l.temperatureClass, dateKind: l.dateKind, date: l.date ?? null,
  storageUnitId: l.storageUnitId, stockKg: gramsToKg(l.stockG), packableUntil: expiryDate(asStoredLot(l), policy),
});

/**
 * Records an own-check temperature reading and applies `assessReading`: an excursion holds the
 * lots above their own limit (every lot in a frozen unit), each with a `hold` lot event naming
 * the unit's open excursion alert (opened now if there is none). A frozen unit warmer than
 * −18 °C for more than 24 hours of readings is an excursion too. Open alerts close only with
 * a corrective action (`POST /alerts/:id/resolve`), never by a reading alone. The same
 * excursion holds the bags waiting in the unit that it is too warm for (`held`). The reading is
 * entered now (`enteredAt`); one entered over an hour after its time is marked late.
 */
export async function recordReading(tx: Executor, actor: Actor, unitId: string, body: z.infer<typeof temperatureReadingBody>, now: Date) {
  const unit = await lockUnit(tx, unitId);
  if (!unit) throw notFound('storageUnit');
  const at = body.at ? new Date(body.at) : now;
  assertInWindow(checkStatedInstant(at, now, { mayBackdate: actor.role === 'coordinator' }), 'body.at');
  const unitLots = await stockedLotsOfUnit(tx, unit.id);
  const warmSince = unit.temperatureClass === 'frozen'
    ? warmRunStart(await readingsSinceLastCold(tx, unit.id, at), { at, celsius: body.celsius })
    : null;
  const assessed = assessReading({
    unitClass: unit.temperatureClass, celsius: body.celsius, at, warmSince,
    lots: unitLots.map((l) => ({ ...l, category: l.category as Category })),
  });
  const { excursion, warning } = assessed;
  const reading = await insertReading(tx, {
    storageUnitId: unit.id, celsius: body.celsius, at, excursion, warning, recordedBy: actor.id, enteredAt: now,
  });

  let alertId: string | undefined;
  let held: { id: string }[] = [];
  let heldBags = 0;
  if (excursion) {
    const alert = await openExcursion(tx, unit.id) ?? (await insertAlert(tx, {
      kind: 'excursion', storageUnitId: unit.id, readingId: reading.id, openedAt: at,
      ...storedDetail(excursionDetail(unit, body.celsius, assessed)),
    }).then(async (opened) => {
      await notifyAlert(tx, opened.id, now);
      return opened;
    }));
    alertId = alert.id;
    if (assessed.heldLotIds.length > 0) {
      held = await holdLotIds(tx, assessed.heldLotIds);
      await insertLotEvents(tx, held.map((l) => ({
        lotId: l.id, kind: 'hold', data: { alertId: alert.id, readingId: reading.id, celsius: body.celsius }, at, createdBy: actor.id,
      })));
    }
    heldBags = await holdBagsOfReading(tx, unit, { celsius: body.celsius, excursion }, alert.id, at, actor.id);
  }
  return {
    id: reading.id, storageUnitId: unit.id, celsius: reading.celsius, at: reading.at.toISOString(), excursion, warning,
    alertId, heldLots: held.length, heldBags, enteredAt: reading.enteredAt.toISOString(), late: isLateEntry(reading),
    limitC: assessed.limitC ?? undefined, excursionReason: assessed.reason ?? undefined,
  };
}

export type AlertsQuery = { depotId?: string; status: 'open' | 'closed'; from?: string; to?: string; limit: number; cursor?: string };

/**
 * Alerts with what they hold: the open ones (`status=open`, the default) with the lots and bags
 * still held, every hold, lots expiring soon, and frozen-unit warnings; or the closed ones
 * (`status=closed`, closed on the local days `from`..`to`), a page of alerts at a time, with the corrective
 * action, its note, who closed it and when. Each alert's `detail` is put into the reader's
 * language `m`, and says how many lots and bags it held, or that it held nothing.
 */
export async function listAlerts(db: Executor, q: AlertsQuery, now: Date, policy: FoodPolicy, m: Messages) {
  const { depotId } = q;
  const closed = q.status === 'closed';
  const filter = closed
    ? { closed, closedFrom: q.from ? localDayRange(q.from).start : undefined, closedTo: q.to ? localDayRange(q.to).end : undefined, depotId }
    : { closed, depotId };
  const { page: rows, nextCursor } = await keysetPage(q, closed ? CLOSED_ALERT_ORDER : OPEN_ALERT_ORDER, (w) => alertsPage(db, filter, w));
  const alertIds = rows.map((r) => r.alert.id);
  const holds = await heldLots(db, depotId);
  const holdEvents = alertIds.length === 0 || holds.length === 0 ? [] : await holdEventsOfLots(db, holds.map((l) => l.id));
  const holdsById = new Map(holds.map((l) => [l.id, l]));
  const everHeld = await heldCounts(db, alertIds);
  const bagsHeld = await bagsHeldBy(db, alertIds);

  const today = localDate(now);
  const soon = (await lotsDatedBetween(db, depotId, today, addDays(today, 2), policy.frozenShelfDays))
    .filter((l) => isExpiringSoon(asStoredLot(l), today, 2, policy));
  const checks = (await lotsPastBestBefore(db, depotId, today)).filter((l) => needsBestBeforeCheck(asStoredLot(l), today, policy));

  const latest = await latestReadingsWithUnits(db, depotId);

  return {
    items: rows.map(({ alert, unit, celsius, resolvedByName }) => ({
      ...toAlertDto(alert, m, everHeld.get(alert.id)),
      storageUnitName: unit?.name ?? undefined, celsius: celsius ?? undefined,
      heldLots: holdEvents.filter((e) => e.alertId === alert.id).flatMap((e) => {
        const lot = holdsById.get(e.lotId);
        return lot ? [toLotSummary(lot, policy)] : [];
      }),
      heldBags: bagsHeld.filter((b) => b.alertId === alert.id).map(({ alertId: _, ...b }) => b),
      resolvedBy: alert.resolvedBy ? { id: alert.resolvedBy, name: resolvedByName ?? '' } : undefined,
    })),
    nextCursor,
    holds: holds.map((l) => toLotSummary(l, policy)),
    expiringSoon: soon.map((l) => toLotSummary(l, policy)),
    needsBestBeforeCheck: checks.map((l) => toLotSummary(l, policy)),
    warnings: latest.filter((r) => r.reading.warning).map((r) => ({
      storageUnitId: r.unit.id, storageUnitName: r.unit.name, celsius: r.reading.celsius, at: r.reading.at.toISOString(),
    })),
  };
}

/** An alert as every answer shows it: its detail in the reader's language (with what it held), and how it was closed. */
export function toAlertDto(alert: AlertRow, m: Messages, held?: { lots: number; bags: number }) {
  const excursion = alert.kind === 'excursion' && alert.detailCode !== null;
  return {
    id: alert.id, kind: alert.kind, storageUnitId: alert.storageUnitId ?? undefined,
    depotId: alert.depotId ?? undefined, routeId: alert.routeId ?? undefined, stopId: alert.stopId ?? undefined,
    detail: excursion ? `${detailIn(m, alert)} ${m.coldStore.alertHeld(held?.lots ?? 0, held?.bags ?? 0)}` : detailIn(m, alert),
    openedAt: alert.openedAt.toISOString(), closedAt: alert.closedAt?.toISOString(),
    action: (alert.action ?? undefined) as AlertAction | undefined, note: alert.note ?? undefined,
  };
}

/** How many lots and bags each of these alerts has held (released or not). */
export async function heldCounts(db: Executor, alertIds: string[]) {
  const out = new Map<string, { lots: number; bags: number }>(alertIds.map((id) => [id, { lots: 0, bags: 0 }]));
  if (alertIds.length === 0) return out;
  const lotRows = await lotsHeldPerAlert(db, alertIds);
  const bagRows = await bagsHeldPerAlert(db, alertIds);
  for (const r of lotRows) out.get(r.alertId)!.lots = r.n;
  for (const r of bagRows) if (r.alertId) out.get(r.alertId)!.bags = r.n;
  return out;
}

/** The bags these alerts still hold (status `held`, held last by one of them). */
async function bagsHeldBy(db: Executor, alertIds: string[]) {
  if (alertIds.length === 0) return [];
  const rows = await heldBagsWithAlert(db);
  return rows.filter((r) => alertIds.includes(r.alertId)).map((r) => ({
    id: r.id, bagType: r.bagType, temperatureClass: r.temperatureClass, reservationId: r.reservationId ?? undefined, storageUnitId: r.storageUnitId ?? undefined, alertId: r.alertId,
  }));
}

/**
 * The nightly own-check audit: for the local day before `now`, every monitored unit that got
 * fewer readings than its `readingsPerDay` gets one `reading_missed` alert (once per unit and
 * day, however often the job runs). Only readings entered on time count (a reading typed in
 * over an hour after its time, `isLateEntry`, does not make the day whole); the alert is closed
 * with a corrective action like any other.
 */
export async function raiseMissedReadings(db: Executor, now: Date) {
  const day = addDays(localDate(now), -1);
  const { start, end } = localDayRange(day);
  const units = await monitoredUnitsWithReadings(db, start, end);
  const missed = units.flatMap(({ unit, readings }) => {
    const n = missedReadings({ readingsPerDay: unit.readingsPerDay, readingsThatDay: readings });
    return n === 0 ? [] : [{
      kind: 'reading_missed', storageUnitId: unit.id, day, openedAt: now,
      ...storedDetail({ code: 'reading_missed', unitName: unit.name, day, readings, readingsPerDay: unit.readingsPerDay, missed: n }),
    }];
  });
  if (missed.length > 0) await insertAlertsOnce(db, missed);
  return missed.length;
}
