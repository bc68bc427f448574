import type { Executor } from '../../db/client.ts';
import { findPlan, publishedPlansOfDay, routesOfPlans } from '../route-plans/route-plans.repo.ts';
import { shiftsForPublishedRoutes } from './shifts.service.ts';

/**
 * What publishing a route plan means for the volunteers, in the publish transaction: each
 * route becomes its driver's driving shift, and the routes of the version it replaces stop
 * being shifts.
 */
export async function onPlanPublished(tx: Executor, planId: string, now: Date) {
  const plan = (await findPlan(tx, planId))!;
  const older = (await publishedPlansOfDay(tx, plan.depotId, plan.date)).filter((p) => p.id !== plan.id);
  const { routes } = await routesOfPlans(tx, [plan.id]);
  const replaced = await routesOfPlans(tx, older.map((p) => p.id));
  await shiftsForPublishedRoutes(tx, {
    depotId: plan.depotId,
    routes: routes.flatMap((r) => (r.driverId ? [{ id: r.id, driverId: r.driverId, start: r.start, end: r.end }] : [])),
    replacedRouteIds: replaced.routes.map((r) => r.id),
    now,
  });
}
