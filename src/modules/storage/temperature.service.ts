import type { z } from 'zod';
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alerts, lotEvents, lots, storageUnits, temperatureReadings } from '../../db/schema/index.ts';
import { addDays, localDate, localDayRange } from '../../domain/dates.ts';
import { checkStatedInstant } from '../../domain/date-window.ts';
import type { Category } from '../../domain/categories.ts';
import { type AlertDetail, assessReading, excursionDetail, missedReadings, warmRunStart } from '../../domain/cold-chain.ts';
import type { FoodPolicy } from '../../domain/food-safety.ts';
import { lotCode } from '../../domain/labels.ts';
import { expiryDate, isExpiringSoon, needsBestBeforeCheck } from '../../domain/warehouse-stock.ts';
import { notFound } from '../../errors.ts';
import { en, type Messages } from '../../i18n/messages.ts';
import { assertInWindow, gToKg } from '../../http/schemas.ts';
import type { Actor } from '../../plugins/access.ts';
import { insertLotEvents, lockUnit, type LotRow } from '../lots/lots.repo.ts';
import { asStoredLot } from '../lots/lots.service.ts';
import { notifyAlert } from '../notifications/triggers.service.ts';
import { closeResolvedExcursions } from './excursions.ts';
import { heldLots, lotsDatedBetween, lotsPastBestBefore, openExcursion, readingsSinceLastCold } from './storage.repo.ts';
import type { temperatureReadingBody } from './storage.schemas.ts';

/** An alert's detail as stored: its code and figures, and the English text beside them. */
function storedDetail(d: AlertDetail) {
  const { code, ...params } = d;
  return { detail: en.alertDetail(d), detailCode: code, detailParams: params };
}

const DETAIL_CODES = ['excursion_unit_limit', 'excursion_frozen_warm', 'excursion_lot_limit', 'reading_missed'] as const satisfies readonly AlertDetail['code'][];

/** An alert's detail in the reader's language; an alert raised before codes were stored keeps its English text. */
function detailIn(m: Messages, alert: typeof alerts.$inferSelect): string {
  if (!alert.detailCode || !(DETAIL_CODES as readonly string[]).includes(alert.detailCode)) return alert.detail;
  return m.alertDetail({ code: alert.detailCode, ...(alert.detailParams as object) } as AlertDetail);
}

/** A lot in the warehouse's lists (alerts, stock); `packableUntil` as on the lot itself (`expiryDate`). */
export const toLotSummary = (l: LotRow, policy: FoodPolicy) => ({
  id: l.id, code: lotCode(l.id), depotId: l.depotId, category: l.category, product: l.product ?? undefined, temperatureClass: l.temperatureClass, dateKind: l.dateKind, date: l.date ?? null,
  storageUnitId: l.storageUnitId, stockKg: gToKg(l.stockG), packableUntil: expiryDate(asStoredLot(l), policy),
});

/**
 * Records an own-check temperature reading and applies `assessReading`: an excursion holds the
 * lots above their own limit (every lot in a frozen unit), each with a `hold` lot event naming
 * the unit's open excursion alert (opened now if there is none). A frozen unit warmer than
 * −18 °C for more than 24 hours of readings is an excursion too. Open alerts close only when
 * the unit reads back within limits and every held lot is released or discarded; a reading
 * also closes the unit's `reading_missed` alerts.
 */
export async function recordReading(tx: Executor, actor: Actor, unitId: string, body: z.infer<typeof temperatureReadingBody>, now: Date) {
  const unit = await lockUnit(tx, unitId);
  if (!unit) throw notFound('storageUnit');
  const at = body.at ? new Date(body.at) : now;
  assertInWindow(checkStatedInstant(at, now, { mayBackdate: actor.role === 'coordinator' }), 'body.at');
  const unitLots = await tx.select({ id: lots.id, category: lots.category, temperatureClass: lots.temperatureClass })
    .from(lots).where(and(eq(lots.storageUnitId, unit.id), sql`${lots.stockG} > 0`));
  const warmSince = unit.temperatureClass === 'frozen'
    ? warmRunStart(await readingsSinceLastCold(tx, unit.id, at), { at, celsius: body.celsius })
    : null;
  const assessed = assessReading({
    unitClass: unit.temperatureClass, celsius: body.celsius, at, warmSince,
    lots: unitLots.map((l) => ({ ...l, category: l.category as Category })),
  });
  const { excursion, warning } = assessed;
  const [reading] = await tx.insert(temperatureReadings).values({
    storageUnitId: unit.id, celsius: body.celsius, at, excursion, warning, recordedBy: actor.id,
  }).returning();

  let alertId: string | undefined;
  let held: { id: string }[] = [];
  if (excursion) {
    const alert = await openExcursion(tx, unit.id) ?? (await tx.insert(alerts).values({
      kind: 'excursion', storageUnitId: unit.id, readingId: reading.id, openedAt: at,
      ...storedDetail(excursionDetail(unit, body.celsius, assessed)),
    }).returning().then(async ([opened]) => {
      await notifyAlert(tx, opened.id, now);
      return opened;
    }));
    alertId = alert.id;
    if (assessed.heldLotIds.length > 0) {
      held = await tx.update(lots).set({ onHold: true }).where(inArray(lots.id, assessed.heldLotIds)).returning({ id: lots.id });
      await insertLotEvents(tx, held.map((l) => ({
        lotId: l.id, kind: 'hold', data: { alertId: alert.id, readingId: reading.id, celsius: body.celsius }, at, createdBy: actor.id,
      })));
    }
  }
  await closeResolvedExcursions(tx, { unitId: unit.id }, at);
  await tx.update(alerts).set({ closedAt: at }).where(and(eq(alerts.storageUnitId, unit.id), eq(alerts.kind, 'reading_missed'), isNull(alerts.closedAt)));
  return {
    id: reading.id, storageUnitId: unit.id, celsius: reading.celsius, at: reading.at.toISOString(), excursion, warning,
    alertId, heldLots: held.length,
  };
}

/**
 * Open excursion alerts with the lots still held, every hold, lots expiring soon, and
 * frozen-unit warnings. Each alert's `detail` is put into the reader's language `m`.
 */
export async function listAlerts(db: Executor, depotId: string | undefined, now: Date, policy: FoodPolicy, m: Messages) {
  const open = await db.select({ alert: alerts, unit: storageUnits, celsius: temperatureReadings.celsius })
    .from(alerts)
    .leftJoin(storageUnits, eq(storageUnits.id, alerts.storageUnitId))
    .leftJoin(temperatureReadings, eq(temperatureReadings.id, alerts.readingId))
    .where(and(isNull(alerts.closedAt), depotId ? eq(storageUnits.depotId, depotId) : undefined))
    .orderBy(asc(alerts.openedAt));
  const holds = await heldLots(db, depotId);
  const holdEvents = open.length === 0 || holds.length === 0 ? [] : await db.select({ lotId: lotEvents.lotId, alertId: sql<string>`${lotEvents.data}->>'alertId'` })
    .from(lotEvents)
    .where(and(eq(lotEvents.kind, 'hold'), inArray(lotEvents.lotId, holds.map((l) => l.id))));
  const holdsById = new Map(holds.map((l) => [l.id, l]));

  const today = localDate(now);
  const soon = (await lotsDatedBetween(db, depotId, today, addDays(today, 2), policy.frozenShelfDays))
    .filter((l) => isExpiringSoon(asStoredLot(l), today, 2, policy));
  const checks = (await lotsPastBestBefore(db, depotId, today)).filter((l) => needsBestBeforeCheck(asStoredLot(l), today, policy));

  const latest = await db.selectDistinctOn([temperatureReadings.storageUnitId], { reading: temperatureReadings, unit: storageUnits })
    .from(temperatureReadings)
    .innerJoin(storageUnits, eq(storageUnits.id, temperatureReadings.storageUnitId))
    .where(depotId ? eq(storageUnits.depotId, depotId) : undefined)
    .orderBy(temperatureReadings.storageUnitId, desc(temperatureReadings.at), desc(temperatureReadings.createdAt));

  return {
    items: open.map(({ alert, unit, celsius }) => ({
      id: alert.id, kind: alert.kind, storageUnitId: alert.storageUnitId ?? undefined, storageUnitName: unit?.name ?? undefined,
      celsius: celsius ?? undefined, detail: detailIn(m, alert), openedAt: alert.openedAt.toISOString(),
      heldLots: holdEvents.filter((e) => e.alertId === alert.id).flatMap((e) => {
        const lot = holdsById.get(e.lotId);
        return lot ? [toLotSummary(lot, policy)] : [];
      }),
    })),
    holds: holds.map((l) => toLotSummary(l, policy)),
    expiringSoon: soon.map((l) => toLotSummary(l, policy)),
    needsBestBeforeCheck: checks.map((l) => toLotSummary(l, policy)),
    warnings: latest.filter((r) => r.reading.warning).map((r) => ({
      storageUnitId: r.unit.id, storageUnitName: r.unit.name, celsius: r.reading.celsius, at: r.reading.at.toISOString(),
    })),
  };
}

/**
 * The nightly own-check audit: for the local day before `now`, every monitored unit that got
 * fewer readings than its `readingsPerDay` gets one `reading_missed` alert (once per unit and
 * day, however often the job runs). The unit's next reading closes it.
 */
export async function raiseMissedReadings(db: Executor, now: Date) {
  const day = addDays(localDate(now), -1);
  const { start, end } = localDayRange(day);
  const units = await db.select({
    unit: storageUnits,
    readings: sql<number>`(select count(*) from ${temperatureReadings} r where r.storage_unit_id = "storage_units"."id"
      and r.at >= ${start} and r.at < ${end})`.mapWith(Number),
  }).from(storageUnits).where(and(sql`${storageUnits.readingsPerDay} > 0`, lt(storageUnits.createdAt, start)));
  const missed = units.flatMap(({ unit, readings }) => {
    const n = missedReadings({ readingsPerDay: unit.readingsPerDay, readingsThatDay: readings });
    return n === 0 ? [] : [{
      kind: 'reading_missed', storageUnitId: unit.id, day, openedAt: now,
      ...storedDetail({ code: 'reading_missed', unitName: unit.name, day, readings, readingsPerDay: unit.readingsPerDay, missed: n }),
    }];
  });
  if (missed.length > 0) await db.insert(alerts).values(missed).onConflictDoNothing();
  return missed.length;
}
