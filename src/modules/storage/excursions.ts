import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alerts, lotEvents, lots } from '../../db/schema/index.ts';
import { canCloseExcursion, holdsOnArrival } from '../../domain/cold-chain.ts';
import type { Category } from '../../domain/categories.ts';
import { insertLotEvents, type LotRow } from '../lots/lots.repo.ts';
import { latestReadings, openExcursion } from './storage.repo.ts';

/** How many lots an alert still holds (on hold, with stock). */
// Written with the table's own name: drizzle leaves columns unqualified in a one-table select.
const stillHeld = sql<number>`(select count(*) from ${lotEvents} e join ${lots} l on l.id = e.lot_id
  where e.kind = 'hold' and e.data->>'alertId' = "alerts"."id"::text and l.on_hold and l.stock_g > 0)`.mapWith(Number);

/**
 * Closes the open excursion alerts that `canCloseExcursion` allows: of the given units, or
 * the ones that held the given lot. Called after every reading, release and discard.
 */
export async function closeResolvedExcursions(db: Executor, scope: { unitId: string } | { lotId: string }, now: Date) {
  const which = 'unitId' in scope
    ? eq(alerts.storageUnitId, scope.unitId)
    : sql`"alerts"."id" in (select (h.data->>'alertId')::uuid from ${lotEvents} h where h.lot_id = ${scope.lotId} and h.kind = 'hold')`;
  const open = await db.select({ id: alerts.id, unitId: alerts.storageUnitId, stillHeld })
    .from(alerts).where(and(eq(alerts.kind, 'excursion'), isNull(alerts.closedAt), which));
  if (open.length === 0) return;
  const latest = await latestReadings(db, [...new Set(open.flatMap((a) => (a.unitId ? [a.unitId] : [])))]);
  const ids = open.filter((a) => canCloseExcursion({
    unitBackInRange: !(a.unitId && latest.get(a.unitId)?.excursion), lotsStillHeld: a.stillHeld,
  })).map((a) => a.id);
  if (ids.length > 0) await db.update(alerts).set({ closedAt: now }).where(inArray(alerts.id, ids));
}

/**
 * Puts on hold the lots just taken into a unit in excursion (weighed in or moved there), as
 * `holdsOnArrival` says, with a `hold` event naming the unit's open alert. Returns the lots as
 * they are now.
 */
export async function holdLotsTakenIntoExcursion(db: Executor, taken: LotRow[], at: Date, actorId: string | null): Promise<LotRow[]> {
  const latest = await latestReadings(db, [...new Set(taken.map((l) => l.storageUnitId))]);
  const toHold = taken.filter((l) => l.stockG > 0 && holdsOnArrival({ ...l, category: l.category as Category }, latest.get(l.storageUnitId) ?? null));
  if (toHold.length === 0) return taken;
  const held = new Map((await db.update(lots).set({ onHold: true }).where(inArray(lots.id, toHold.map((l) => l.id))).returning()).map((l) => [l.id, l]));
  const alertOf = new Map<string, string | undefined>();
  for (const unitId of new Set(toHold.map((l) => l.storageUnitId))) alertOf.set(unitId, (await openExcursion(db, unitId))?.id);
  await insertLotEvents(db, toHold.map((l) => ({
    lotId: l.id, kind: 'hold', at, createdBy: actorId,
    data: { alertId: alertOf.get(l.storageUnitId) ?? null, reason: 'taken into a unit in excursion', celsius: latest.get(l.storageUnitId)?.celsius },
  })));
  return taken.map((l) => held.get(l.id) ?? l);
}
