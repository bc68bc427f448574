import type { z } from 'zod';
import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alerts, bags, lots } from '../../db/schema/index.ts';
import { checkResolve } from '../../domain/excursions.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { Actor } from '../auth/actor.ts';
import { bagsStillHeld, lotsStillHeld } from './excursions.ts';
import { latestReadings } from './storage.repo.ts';
import type { resolveAlertBody } from './storage.schemas.ts';
import { heldCounts, toAlertDto } from './temperature.service.ts';

/**
 * Closes an excursion or missed-reading alert with its corrective action (`checkResolve`): what
 * was done (`action`), a note, who and when. An excursion that still holds lots or bags, or
 * whose unit still reads out of range while it holds food, stays open (409 naming why).
 */
export async function resolveAlert(tx: Executor, actor: Actor, id: string, body: z.infer<typeof resolveAlertBody>, now: Date, m: Messages) {
  const [row] = await tx.select({ alert: alerts, lotsStillHeld, bagsStillHeld }).from(alerts).where(eq(alerts.id, id)).for('update');
  if (!row) throw notFound('alert');
  const unitId = row.alert.storageUnitId;
  const latest = unitId ? (await latestReadings(tx, [unitId])).get(unitId) : undefined;
  const [stock] = unitId ? await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(lots)
    .where(and(eq(lots.storageUnitId, unitId), gt(lots.stockG, 0))) : [{ n: 0 }];
  const [waiting] = unitId ? await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(bags)
    .where(and(eq(bags.storageUnitId, unitId), inArray(bags.status, ['in_stock', 'reserved', 'held']))) : [{ n: 0 }];
  const verdict = checkResolve({
    kind: row.alert.kind, closed: row.alert.closedAt !== null, lotsStillHeld: row.lotsStillHeld, bagsStillHeld: row.bagsStillHeld,
    unitBackInRange: !latest?.excursion, unitHasStock: stock.n + waiting.n > 0,
  });
  if (!verdict.ok) {
    throw conflict(verdict.rule, verdict.message, { rule: verdict.rule, lotsStillHeld: row.lotsStillHeld, bagsStillHeld: row.bagsStillHeld });
  }
  const [closed] = await tx.update(alerts).set({ closedAt: now, action: body.action, note: body.note ?? null, resolvedBy: actor.id })
    .where(eq(alerts.id, id)).returning();
  return { ...toAlertDto(closed, m, (await heldCounts(tx, [id])).get(id)), resolvedBy: { id: actor.id, name: actor.name } };
}
