import type { Executor } from '../../db/client.ts';
import { findPlan, publishedPlansOfDay, routesOfPlans } from '../route-plans/route-plans.repo.ts';
import { notifyRoutesPublished } from '../notifications/triggers.service.ts';
import { shiftsForPublishedRoutes } from './shifts.service.ts';

/** Each route of a just-published plan becomes its driver's driving shift; the replaced versions' routes stop being shifts. */
async function shiftsFollowPlan(tx: Executor, planId: string, now: Date) {
  const plan = (await findPlan(tx, planId))!;
  const older = (await publishedPlansOfDay(tx, plan.depotId, plan.date)).filter((p) => p.id !== plan.id);
  const { routes, stops } = await routesOfPlans(tx, [plan.id]);
  const replaced = await routesOfPlans(tx, older.map((p) => p.id));
  const driven = routes.flatMap((r) => (r.driverId ? [{ ...r, driverId: r.driverId, stops: stops.filter((s) => s.routeId === r.id).length }] : []));
  await shiftsForPublishedRoutes(tx, { depotId: plan.depotId, routes: driven, replacedRouteIds: replaced.routes.map((r) => r.id), now });
  return { plan, driven, replaced };
}

/**
 * What publishing a route plan means for the volunteers, in the publish transaction: each
 * route becomes its driver's driving shift, and the routes of the version it replaces stop
 * being shifts; each driver is told of their route (published, or changed when they drove the
 * version it replaces).
 */
export async function onPlanPublished(tx: Executor, planId: string, now: Date) {
  const { plan, driven, replaced } = await shiftsFollowPlan(tx, planId, now);
  await notifyRoutesPublished(tx, {
    date: plan.date, routes: driven, previousDriverIds: replaced.routes.flatMap((r) => (r.driverId ? [r.driverId] : [])), now,
  });
}

/**
 * A same-day version of a published plan (a stop added or taken off during the day): the
 * drivers' shifts follow their routes to it. Nobody gets the general "your route changed":
 * the driver of the changed route is told what changed, the others' routes are as they were.
 */
export async function onSameDayVersion(tx: Executor, planId: string, now: Date) {
  await shiftsFollowPlan(tx, planId, now);
}
