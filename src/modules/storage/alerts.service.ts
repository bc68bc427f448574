import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { checkResolve } from '../../domain/excursions.ts';
import { conflict, notFound } from '../../errors.ts';
import type { Messages } from '../../i18n/messages.ts';
import type { Actor } from '../auth/actor.ts';
import { closeAlert, latestReadings, lockAlertWithHolds, stockedLotCount, waitingBagCount } from './storage.repo.ts';
import type { resolveAlertBody } from './storage.schemas.ts';
import { heldCounts, toAlertDto } from './temperature.service.ts';

/**
 * Closes an excursion or missed-reading alert with its corrective action (`checkResolve`): what
 * was done (`action`), a note, who and when. An excursion that still holds lots or bags, or
 * whose unit still reads out of range while it holds food, stays open (409 naming why).
 */
export async function resolveAlert(tx: Executor, actor: Actor, id: string, body: z.infer<typeof resolveAlertBody>, now: Date, m: Messages) {
  const row = await lockAlertWithHolds(tx, id);
  if (!row) throw notFound('alert');
  const unitId = row.alert.storageUnitId;
  const latest = unitId ? (await latestReadings(tx, [unitId])).get(unitId) : undefined;
  const stock = unitId ? await stockedLotCount(tx, unitId) : 0;
  const waiting = unitId ? await waitingBagCount(tx, unitId) : 0;
  const verdict = checkResolve({
    kind: row.alert.kind, closed: row.alert.closedAt !== null, lotsStillHeld: row.lotsStillHeld, bagsStillHeld: row.bagsStillHeld,
    unitBackInRange: !latest?.excursion, unitHasStock: stock + waiting > 0,
  });
  if (!verdict.ok) {
    throw conflict(verdict.rule, verdict.message, { rule: verdict.rule, lotsStillHeld: row.lotsStillHeld, bagsStillHeld: row.bagsStillHeld });
  }
  const closed = await closeAlert(tx, id, { closedAt: now, action: body.action, note: body.note ?? null, resolvedBy: actor.id });
  return { ...toAlertDto(closed, m, (await heldCounts(tx, [id])).get(id)), resolvedBy: { id: actor.id, name: actor.name } };
}
