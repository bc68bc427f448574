import type { Logger } from 'pino';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../db/client.ts';
import { callableContact } from '../../domain/contact.ts';
import { addDays, localDate, planStartsFrom } from '../../domain/dates.ts';
import { buildGreatCircleMatrix } from '../../domain/routing/index.ts';
import { solveOffThread } from './solver-thread.ts';
import { AppError, conflict, notFound, unprocessable } from '../../errors.ts';
import { keysetPage } from '../../db/cursor.ts';
import { en, type Messages, type PlanReason } from '../../i18n/messages.ts';
import { enqueueInTx } from '../../jobs/outbox.ts';
import { osrmTable, type TravelMatrix } from './osrm.ts';
import {
  doneTaskIds, findPlan, findUsers, insertPlan, listPlans, PLAN_ORDER, insertRoute, insertStops, listDepots, loadPlanningInput, lockPlanDay,
  maxVersion, newestPublishedVersions, planExistsForDay, publishedPlansOfDay, routesOfPlans, setRouteDriver, updatePlan,
  type PlanRow, type RouteRow, type StopRow,
} from './route-plans.repo.ts';
import { findSite, findSites, registeredPointIds, type SiteRow } from '../sites/sites.repo.ts';
import { onPlanPublished } from '../shifts/route-shifts.ts';
import type { PlanDto, RouteDto, StopCorrectionDto, StopDto, publishBody } from './route-plans.schemas.ts';
import { correctionsOfStops } from '../drivers/drivers.repo.ts';
import { buildProblem, buildTasks, locationsOf, offerTasks, toPlanResult, type PlanResult, type SiteInput } from '../../domain/routing/tasks.ts';
import type { z } from 'zod';
import { gramsToKg } from '../../domain/weight.ts';

/** Fixed seed: the same inputs and time budget give the same plan, run after run. */
const SOLVER_SEED = 20_200_415;

export interface PlannerDeps {
  database: Database;
  config: Config;
  log: Logger;
  now: () => Date;
}

const iso = (d: Date) => d.toISOString();

type CorrectionRow = Awaited<ReturnType<typeof correctionsOfStops>>[number];

export const toCorrectionDto = (c: CorrectionRow): StopCorrectionDto => ({
  id: c.id,
  kgBefore: c.gBefore === null ? undefined : gramsToKg(c.gBefore), kgAfter: c.gAfter === null ? undefined : gramsToKg(c.gAfter),
  bagsBefore: c.bagsBefore ?? undefined, bagsAfter: c.bagsAfter ?? undefined,
  note: c.note ?? undefined, correctedAt: iso(c.correctedAt), correctedBy: c.createdBy, supersedes: c.supersedesId ?? undefined,
});

/** A stop as the API shows it; a corrected one with its corrections (its history), oldest first. */
export function toStopDto(s: StopRow, corrections: readonly CorrectionRow[] = []): StopDto {
  const own = corrections.filter((c) => c.stopId === s.id);
  return {
    id: s.id, seq: s.seq, siteId: s.siteId, kind: s.kind, taskId: s.taskId,
    arrival: iso(s.arrival), departure: iso(s.departure), windowStart: iso(s.windowStart), windowEnd: iso(s.windowEnd),
    kg: gramsToKg(s.grams), bags: s.bags, bagType: s.bagType ?? undefined, temperatureClass: s.temperatureClass ?? undefined,
    loadKgAfter: gramsToKg(s.loadGAfter), loadBagsAfter: s.loadBagsAfter, status: s.status,
    bagsDelivered: s.bagsDelivered ?? undefined, kgCollected: s.gCollected === null ? undefined : gramsToKg(s.gCollected),
    note: s.note ?? undefined, skipReason: s.skipReason ?? undefined, completedAt: s.completedAt ? iso(s.completedAt) : undefined,
    rideMinutes: s.rideMinutes ?? undefined,
    ...(own.length > 0 ? { corrections: own.map(toCorrectionDto) } : {}),
  };
}

export function toRouteDto(r: RouteRow, stops: StopRow[], corrections: readonly CorrectionRow[] = []): RouteDto {
  return {
    id: r.id, vehicleId: r.vehicleId, driverId: r.driverId ?? undefined, start: iso(r.start), end: iso(r.end),
    distanceKm: r.distanceKm, durationMin: r.durationMin, loadedAt: r.loadedAt ? iso(r.loadedAt) : undefined, loadedBy: r.loadedBy ?? undefined,
    stops: stops.map((s) => toStopDto(s, corrections)),
  };
}

/** A published plan is superseded when a newer version of its day is published too. */
const isSuperseded = (plan: PlanRow, newestPublished: Map<string, number>) =>
  plan.status === 'published' && (newestPublished.get(`${plan.depotId}/${plan.date}`) ?? 0) > plan.version;

/** A stop's or task's site: where it is and whom to call (the driver's list shows the same). */
/** A stop's site as drivers and the plan read it: a number typed into the contact becomes its phone, so the driver can call it. */
export const toStopSite = (s: SiteRow) => ({
  id: s.id, name: s.name, municipality: s.municipality, address: s.address, lat: s.lat, lon: s.lon,
  ...callableContact({ contact: s.contact ?? undefined, contactName: s.contactName ?? undefined, phone: s.phone ?? undefined }),
});

type StoredUnassigned = Omit<PlanDto['unassigned'][number], 'site'>;
const storedUnassigned = (plan: PlanRow) => (plan.unassigned as StoredUnassigned[] | null) ?? [];

/** The sites of these plans' stops and unassigned tasks, by id, in one query. */
async function sitesOfPlans(ex: Executor, plans: PlanRow[], stops: StopRow[]) {
  const ids = new Set([...stops.map((s) => s.siteId), ...plans.flatMap((p) => storedUnassigned(p).map((u) => u.siteId))]);
  const rows = await findSites(ex, [...ids]);
  // A point run without a food-aid registration is flagged on the coordinator's plan.
  const registered = await registeredPointIds(ex, rows.filter((s) => s.kind === 'point'));
  return new Map(rows.map((s) => [s.id, { ...toStopSite(s), ...(s.kind === 'point' ? { foodAidRegistered: registered.has(s.id) } : {}) }]));
}

type StopSites = Awaited<ReturnType<typeof sitesOfPlans>>;

function planDto(plan: PlanRow, superseded: boolean, routes: RouteRow[], stops: StopRow[], sites: StopSites, m: Messages, corrections: readonly CorrectionRow[] = []): PlanDto {
  return {
    id: plan.id, depotId: plan.depotId, date: plan.date, version: plan.version, status: plan.status,
    error: plan.error ?? undefined, superseded,
    routes: routes.map((r) => {
      const route = toRouteDto(r, stops.filter((s) => s.routeId === r.id), corrections);
      return { ...route, stops: route.stops.map((s) => ({ ...s, site: sites.get(s.siteId)! })) };
    }),
    unassigned: storedUnassigned(plan).map((u) => ({ ...u, detail: m.unassignedReason[u.reason as PlanReason] ?? u.detail, site: sites.get(u.siteId)! })),
    totals: (plan.totals as PlanDto['totals'] | null) ?? undefined,
    createdAt: iso(plan.createdAt), finishedAt: plan.finishedAt ? iso(plan.finishedAt) : undefined,
    publishedAt: plan.publishedAt ? iso(plan.publishedAt) : undefined,
  };
}

/** A plan as the API answers it; the reasons of unassigned tasks in the reader's language. */
export async function toPlanDto(ex: Executor, plan: PlanRow, m: Messages = en): Promise<PlanDto> {
  const { routes, stops } = await routesOfPlans(ex, [plan.id]);
  const newest = plan.status === 'published' ? await newestPublishedVersions(ex, [plan]) : new Map<string, number>();
  const corrections = await correctionsOfStops(ex, stops.filter((s) => s.status === 'done').map((s) => s.id));
  return planDto(plan, isSuperseded(plan, newest), routes, stops, await sitesOfPlans(ex, [plan], stops), m, corrections);
}

/** Plans of a depot and/or date, without their routes: how a coordinator finds the nightly plan. */
export async function findPlans(ex: Executor, q: { depotId?: string; date?: string; limit: number; cursor?: string }, m: Messages = en) {
  const { page: rows, nextCursor } = await keysetPage(q, PLAN_ORDER, (w) => listPlans(ex, { depotId: q.depotId, date: q.date, ...w }));
  const newest = await newestPublishedVersions(ex, rows.filter((p) => p.status === 'published'));
  const sites = await sitesOfPlans(ex, rows, []);
  return {
    items: rows.map((p) => {
      const { routes: _routes, ...summary } = planDto(p, isSuperseded(p, newest), [], [], sites, m);
      return summary;
    }),
    nextCursor,
  };
}

export async function requirePlan(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<PlanRow> {
  const plan = await findPlan(ex, id, opts);
  if (!plan) throw notFound('routePlan');
  return plan;
}

/**
 * Creates the next plan version of a (depot, date) and queues its `plan-routes` job, in the
 * caller's transaction. The version is read under a per-day advisory lock, so two requests
 * make versions n and n+1, never a unique-key error.
 */
export async function createPlan(tx: Executor, depotId: string, date: string, requestedBy: string | null): Promise<PlanRow> {
  const depot = await findSite(tx, depotId);
  if (depot?.kind !== 'depot') throw notFound('depot');
  await lockPlanDay(tx, depotId, date);
  const plan = await insertPlan(tx, { depotId, date, version: (await maxVersion(tx, depotId, date)) + 1, requestedBy });
  await enqueueInTx(tx, 'plan-routes', { planId: plan.id }, { jobId: `plan-routes.${plan.id}` });
  return plan;
}

/**
 * Nightly job: tomorrow's plan (local date) for every depot that has no plan for that day yet.
 * The check and the insert happen under the same per-day lock, so several workers or a
 * restarted job make one plan, not two.
 */
export async function planNextDay(database: Database, now: Date): Promise<number> {
  const date = addDays(localDate(now), 1);
  let created = 0;
  for (const depot of await listDepots(database.db)) {
    await database.db.transaction(async (tx) => {
      await lockPlanDay(tx, depot.id, date);
      if (await planExistsForDay(tx, depot.id, date)) return;
      await createPlan(tx, depot.id, date, null);
      created += 1;
    });
  }
  return created;
}

/** Distances and durations: OSRM when configured (`OSRM_URL`), otherwise great-circle × 1.3 at 60 km/h. */
export async function travelMatrix(osrmUrl: string | undefined, points: SiteInput[]): Promise<TravelMatrix> {
  if (points.length <= 1) return { durations: [[0]], distances: [[0]] };
  if (osrmUrl) return osrmTable(osrmUrl, points);
  return buildGreatCircleMatrix(points, { circuityFactor: 1.3, speedKmh: 60 });
}

/** Loads the day (database reads: a failure here is transient and the job retries). */
async function loadDay(ex: Executor, plan: PlanRow) {
  const depot = await findSite(ex, plan.depotId);
  if (!depot) throw notFound('depot');
  return { depot, input: await loadPlanningInput(ex, plan.depotId, plan.date), done: await doneTaskIds(ex, plan.depotId, plan.date) };
}

/** Builds the tasks and solves them: pure work plus the optional OSRM call. */
async function computePlan(deps: PlannerDeps, plan: PlanRow, day: Awaited<ReturnType<typeof loadDay>>): Promise<PlanResult> {
  const { depot, input, done } = day;
  const siteInput = (s: { id: string; lat: number; lon: number; serviceMinutes: number }): SiteInput =>
    ({ id: s.id, lat: s.lat, lon: s.lon, serviceMinutes: s.serviceMinutes });
  const sites = new Map<string, SiteInput>([...input.donors, ...input.points].map((s) => [s.id, siteInput(s)]));
  // A re-plan of a day under way leaves out what drivers already did (delivered reservations
  // are no longer held or dispatched, so only pickups need this).
  const tasks = [...buildTasks(plan.date, input.schedules, input.points.map((p) => ({
    pointId: p.id,
    distributionDays: input.distributionDays.filter((d) => d.pointId === p.id),
    reservations: input.held.filter((r) => r.pointId === p.id)
      .map((r) => ({ id: r.id, bagType: r.bagType, bags: r.bagCount || r.bags, grams: Number(r.grams), classes: r.classes })),
  }))), ...offerTasks(input.offers)].filter((t) => !done.has(t.taskId));
  const depotSite = siteInput(depot);
  const matrix = await travelMatrix(deps.config.OSRM_URL, locationsOf(depotSite, tasks, sites));
  // A plan of today made during the day starts from now: no times in the past.
  const startsFrom = planStartsFrom(plan.date, deps.now());
  const built = buildProblem({ date: plan.date, depot: depotSite, vehicles: input.vehicles, tasks, sites, matrix, startsFrom });
  const solution = await solveOffThread(built.problem, { timeLimitMs: deps.config.PLANNING_TIME_LIMIT_MS, seed: SOLVER_SEED });
  const result = toPlanResult(built, solution, input.vehicles.map((v) => v.id));
  return startsFrom ? { ...result, totals: { ...result.totals, startsFrom: iso(startsFrom) } } : result;
}

/**
 * The `plan-routes` processor. Idempotent and never half-visible:
 * 1. a short transaction marks the plan `running` (only a `queued` or `running` one is worked on);
 * 2. the day is loaded and solved outside any transaction;
 * 3. one transaction locks the plan row, and only if it is still `queued`/`running` writes all
 *    routes and stops and sets `done` — so a job killed anywhere and retried, or run twice at
 *    once, leaves exactly one set of routes, and readers see either no routes or all of them.
 * A plan that cannot be made (routing engine down, bad data) ends `failed` with the reason.
 */
export async function runPlan(deps: PlannerDeps, planId: string): Promise<void> {
  const db = deps.database.db;
  const started = performance.now();
  const plan = await db.transaction(async (tx) => {
    const p = await findPlan(tx, planId, { forUpdate: true });
    if (!p || (p.status !== 'queued' && p.status !== 'running')) return null;
    if (p.status === 'queued') await updatePlan(tx, planId, { status: 'running' });
    return p;
  });
  if (!plan) {
    deps.log.info({ planId }, 'plan-routes: plan already finished or missing; nothing to do');
    return;
  }
  const day = await loadDay(db, plan);
  let result: PlanResult;
  try {
    result = await computePlan(deps, plan, day);
  } catch (err) {
    const reason = err instanceof AppError ? err.message : `Planning failed: ${(err as Error).message}`;
    deps.log.warn({ planId, err: (err as Error).message }, 'plan-routes: plan failed');
    await db.transaction(async (tx) => {
      const p = await findPlan(tx, planId, { forUpdate: true });
      if (p && (p.status === 'queued' || p.status === 'running')) {
        await updatePlan(tx, planId, { status: 'failed', error: reason.slice(0, 1000), finishedAt: deps.now() });
      }
    });
    return;
  }
  const planMs = Math.round(performance.now() - started);
  await db.transaction(async (tx) => {
    const p = await findPlan(tx, planId, { forUpdate: true });
    if (!p || (p.status !== 'queued' && p.status !== 'running')) return;
    for (const r of result.routes) {
      const route = await insertRoute(tx, {
        planId, vehicleId: r.vehicleId, start: r.start, end: r.end, distanceKm: r.distanceKm, durationMin: r.durationMin,
      });
      await insertStops(tx, r.stops.map((s) => ({
        routeId: route.id, seq: s.seq, siteId: s.task.siteId, kind: s.task.kind, taskId: s.task.taskId,
        arrival: s.arrival, departure: s.departure, windowStart: s.task.windowStart!, windowEnd: s.task.windowEnd!,
        grams: s.task.grams, bags: s.task.bags, bagType: s.task.bagType, reservationIds: s.task.reservationIds,
        temperatureClass: s.task.temperatureClass, loadGAfter: s.loadGAfter, loadBagsAfter: s.loadBagsAfter,
      })));
    }
    await updatePlan(tx, planId, {
      status: 'done', totals: { ...result.totals, planMs }, unassigned: result.unassigned, finishedAt: deps.now(), error: null,
    });
  });
  deps.log.info({ planId, routes: result.routes.length, unassigned: result.unassigned.length, planMs }, 'plan-routes: plan done');
}

/**
 * Publishes a finished plan: every route gets a driver (a user with role `driver`, at most one
 * route each) and the plan becomes `published`. Nothing is dispatched: each route's bags leave
 * when its driver confirms the loading on the route's day (`loadRoute`), so a bag past its
 * hand-out date by then is discarded at the depot, never loaded. At most one published plan per (depot, date) is current: the newest version;
 * an older published one keeps its status (history never changes) and reads `superseded`.
 * Publishing again with the same assignments answers the plan again; other assignments are 409.
 */
export async function publishPlan(
  tx: Executor, id: string, body: z.infer<typeof publishBody>, now: Date,
) {
  const first = await requirePlan(tx, id);
  await lockPlanDay(tx, first.depotId, first.date);
  const plan = await requirePlan(tx, id, { forUpdate: true });
  const { routes } = await routesOfPlans(tx, [plan.id]);
  const wanted = new Map(body.assignments.map((a) => [a.routeId, a.driverId]));
  if (plan.status === 'published') {
    const same = routes.length === body.assignments.length && routes.every((r) => wanted.get(r.id) === r.driverId);
    if (!same) throw conflict('already_published', (m) => m.alreadyPublished());
    return toPlanDto(tx, plan);
  }
  if (plan.status !== 'done') {
    throw conflict('plan_not_ready', (m) => m.planNotReady(plan.status), { planStatus: plan.status });
  }
  const newer = (await publishedPlansOfDay(tx, plan.depotId, plan.date)).find((p) => p.version > plan.version);
  if (newer) throw conflict('newer_version_published', (m) => m.newerVersionPublished(newer.version), { publishedVersion: newer.version });

  if (wanted.size !== body.assignments.length) throw unprocessable('duplicate_route', (m) => m.duplicateRoute());
  const unknown = body.assignments.filter((a) => !routes.some((r) => r.id === a.routeId));
  if (unknown.length > 0) throw unprocessable('unknown_route', (m) => m.unknownRoute(), { routeIds: unknown.map((a) => a.routeId) });
  const missing = routes.filter((r) => !wanted.has(r.id));
  if (missing.length > 0) throw unprocessable('route_without_driver', (m) => m.routeWithoutDriver(), { routeIds: missing.map((r) => r.id) });
  const driverIds = [...wanted.values()];
  if (new Set(driverIds).size !== driverIds.length) throw unprocessable('driver_double_booked', (m) => m.driverDoubleBooked());
  const drivers = await findUsers(tx, driverIds);
  const notDrivers = driverIds.filter((d) => !drivers.some((u) => u.id === d && u.role === 'driver' && u.active));
  if (notDrivers.length > 0) throw unprocessable('not_a_driver', (m) => m.notADriver(), { driverIds: notDrivers });

  for (const [routeId, driverId] of wanted) await setRouteDriver(tx, routeId, driverId);
  await updatePlan(tx, plan.id, { status: 'published', publishedAt: now });
  await onPlanPublished(tx, plan.id, now);
  return toPlanDto(tx, await requirePlan(tx, plan.id));
}
