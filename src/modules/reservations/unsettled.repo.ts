import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { alerts, bags, routeStops } from '../../db/schema/index.ts';

/**
 * Of these reservations, the ones on a route with an open `bags_unsettled` alert: their bags
 * were still dispatched when the route's day ended, and can now only be returned or discarded.
 */
export async function unsettledReservations(ex: Executor, reservationIds: string[]): Promise<string[]> {
  if (reservationIds.length === 0) return [];
  const rows = await ex.select({ ids: routeStops.reservationIds }).from(routeStops)
    .innerJoin(alerts, and(eq(alerts.routeId, routeStops.routeId), eq(alerts.kind, 'bags_unsettled'), isNull(alerts.closedAt)))
    .where(sql`${routeStops.reservationIds} && array[${sql.join(reservationIds.map((id) => sql`${id}::uuid`), sql`, `)}]::uuid[]`);
  return reservationIds.filter((id) => rows.some((r) => r.ids.includes(id)));
}

/**
 * Closes the open `bags_unsettled` alerts of routes carrying these reservations once none of the
 * route's bags is still dispatched: the return or discard that settled them is the corrective
 * action (recorded as `other`, with a note saying so).
 */
export async function closeSettledAlerts(tx: Executor, reservationIds: string[], now: Date, actorId: string | null) {
  if (reservationIds.length === 0) return;
  const open = await tx.select({ id: alerts.id, routeId: alerts.routeId }).from(alerts)
    .innerJoin(routeStops, eq(routeStops.routeId, alerts.routeId))
    .where(and(eq(alerts.kind, 'bags_unsettled'), isNull(alerts.closedAt),
      sql`${routeStops.reservationIds} && array[${sql.join(reservationIds.map((id) => sql`${id}::uuid`), sql`, `)}]::uuid[]`));
  for (const a of new Map(open.map((x) => [x.id, x])).values()) {
    const ids = [...new Set((await tx.select({ ids: routeStops.reservationIds }).from(routeStops).where(eq(routeStops.routeId, a.routeId!))).flatMap((s) => s.ids))];
    const [left] = await tx.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(bags)
      .where(and(inArray(bags.reservationId, ids), eq(bags.status, 'dispatched')));
    if (left.n === 0) {
      await tx.update(alerts).set({ closedAt: now, action: 'other', note: 'settled: the bags were returned or discarded', resolvedBy: actorId })
        .where(and(eq(alerts.id, a.id), isNull(alerts.closedAt)));
    }
  }
}
