import type { z } from 'zod';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alerts, lotEvents, lots, storageUnits, temperatureReadings } from '../../db/schema/index.ts';
import { addDays, localDate } from '../../domain/dates.ts';
import { checkStatedInstant } from '../../domain/date-window.ts';
import { CHILLED_MAX_C, FROZEN_MAX_C, classifyReading } from '../../domain/food-safety.ts';
import { isExpiringSoon } from '../../domain/warehouse-stock.ts';
import { notFound } from '../../errors.ts';
import { assertInWindow, gToKg } from '../../http/schemas.ts';
import type { Actor } from '../../plugins/access.ts';
import { insertLotEvents, lockUnit, type LotRow } from '../lots/lots.repo.ts';
import { asStoredLot } from '../lots/lots.service.ts';
import { heldLots, lotsDatedBetween } from './storage.repo.ts';
import { notifyAlert } from '../notifications/triggers.service.ts';
import type { temperatureReadingBody } from './storage.schemas.ts';

export const toLotSummary = (l: LotRow) => ({
  id: l.id, depotId: l.depotId, category: l.category, temperatureClass: l.temperatureClass, dateKind: l.dateKind, date: l.date ?? null,
  storageUnitId: l.storageUnitId, stockKg: gToKg(l.stockG),
});

/**
 * Records an own-check temperature reading. An excursion (chilled above +6 °C, frozen above
 * −15 °C) opens an alert and puts every lot with stock in the unit on hold, each with a
 * `hold` lot event naming the alert; the alert closes when all of them are released or
 * discarded. A reading back in range closes excursion alerts of the unit that held nothing.
 */
export async function recordReading(tx: Executor, actor: Actor, unitId: string, body: z.infer<typeof temperatureReadingBody>, now: Date) {
  const unit = await lockUnit(tx, unitId);
  if (!unit) throw notFound('storageUnit');
  const at = body.at ? new Date(body.at) : now;
  assertInWindow(checkStatedInstant(at, now, { mayBackdate: actor.role === 'coordinator' }), 'body.at');
  const { excursion, warning } = classifyReading(unit.temperatureClass, body.celsius);
  const [reading] = await tx.insert(temperatureReadings).values({
    storageUnitId: unit.id, celsius: body.celsius, at, excursion, warning, recordedBy: actor.id,
  }).returning();

  let alertId: string | undefined;
  let held: { id: string }[] = [];
  if (excursion) {
    const limit = unit.temperatureClass === 'chilled' ? CHILLED_MAX_C : FROZEN_MAX_C;
    const [alert] = await tx.insert(alerts).values({
      kind: 'excursion', storageUnitId: unit.id, readingId: reading.id, openedAt: at,
      detail: `${unit.name} measured ${body.celsius} °C; the limit for ${unit.temperatureClass} is ${limit} °C. Its lots are held for review.`,
    }).returning();
    alertId = alert.id;
    await notifyAlert(tx, alert.id, now);
    held = await tx.update(lots).set({ onHold: true })
      .where(and(eq(lots.storageUnitId, unit.id), sql`${lots.stockG} > 0`)).returning({ id: lots.id });
    await insertLotEvents(tx, held.map((l) => ({
      lotId: l.id, kind: 'hold', data: { alertId: alert.id, readingId: reading.id, celsius: body.celsius }, at, createdBy: actor.id,
    })));
  } else {
    await tx.update(alerts).set({ closedAt: at }).where(and(
      eq(alerts.storageUnitId, unit.id), isNull(alerts.closedAt), eq(alerts.kind, 'excursion'),
      sql`not exists (select 1 from ${lotEvents} e where e.kind = 'hold' and e.data->>'alertId' = ${alerts.id}::text)`,
    ));
  }
  return {
    id: reading.id, storageUnitId: unit.id, celsius: reading.celsius, at: reading.at.toISOString(), excursion, warning,
    alertId, heldLots: held.length,
  };
}

/** Open excursion alerts with the lots still held, every hold, lots expiring soon, and frozen-unit warnings. */
export async function listAlerts(db: Executor, depotId: string | undefined, now: Date) {
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
  const soon = (await lotsDatedBetween(db, depotId, today, addDays(today, 2))).filter((l) => isExpiringSoon(asStoredLot(l), today));

  const latest = await db.selectDistinctOn([temperatureReadings.storageUnitId], { reading: temperatureReadings, unit: storageUnits })
    .from(temperatureReadings)
    .innerJoin(storageUnits, eq(storageUnits.id, temperatureReadings.storageUnitId))
    .where(depotId ? eq(storageUnits.depotId, depotId) : undefined)
    .orderBy(temperatureReadings.storageUnitId, desc(temperatureReadings.at), desc(temperatureReadings.createdAt));

  return {
    items: open.map(({ alert, unit, celsius }) => ({
      id: alert.id, kind: alert.kind, storageUnitId: alert.storageUnitId ?? undefined, storageUnitName: unit?.name ?? undefined,
      celsius: celsius ?? undefined, detail: alert.detail, openedAt: alert.openedAt.toISOString(),
      heldLots: holdEvents.filter((e) => e.alertId === alert.id).flatMap((e) => {
        const lot = holdsById.get(e.lotId);
        return lot ? [toLotSummary(lot)] : [];
      }),
    })),
    holds: holds.map(toLotSummary),
    expiringSoon: soon.map(toLotSummary),
    warnings: latest.filter((r) => r.reading.warning).map((r) => ({
      storageUnitId: r.unit.id, storageUnitName: r.unit.name, celsius: r.reading.celsius, at: r.reading.at.toISOString(),
    })),
  };
}
