import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Executor } from '../../db/client.ts';
import type { TemperatureClass } from '../../domain/categories.ts';
import { localDate, localTimeOnDate, TIME_ZONE, weekdayOf, type LocalDate } from '../../domain/dates.ts';
import {
  cheapestInsertion, removeJob, type CurrentRoute, type InsertionRefusal, type Job, type RouteEvaluation,
} from '../../domain/routing/index.ts';
import { notify } from '../notifications/notifications.service.ts';
import { usersWithRoles } from '../notifications/triggers.repo.ts';
import { findSites } from '../sites/sites.repo.ts';
import { onSameDayVersion } from '../shifts/route-shifts.ts';
import {
  insertPlan, insertRoute, insertStops, lockPlanDay, maxVersion, newestPlanOfDay, publishedPlansOfDay, routesOfPlans, schedulesByIds, updatePlan, vehiclesOf,
  type PlanRow, type RouteRow, type StopRow,
} from './route-plans.repo.ts';
import { createPlan, travelMatrix } from './route-plans.service.ts';
import { buildProblem, inSeason, locationsOf, type SiteInput, type Task } from '../../domain/routing/tasks.ts';
import { gramsToKg } from '../../domain/weight.ts';

/**
 * What a donor or a coordinator changed about *today* (Helsinki) that today's published plan may
 * have to follow. The donor module calls {@link onSameDayChange} in the transaction that records
 * the change, only when the change's `date` is today; tomorrow and later days are planned from
 * the skips and accepted offers directly (route-plans.repo loadPlanningInput).
 *
 * Task ids are the planner's: a scheduled pickup is `pickup-<scheduleId>`, an accepted offer's
 * pickup is `offer-<offerId>` (see domain/routing/tasks).
 */
export type SameDayChange =
  | {
    kind: 'offer_accepted';
    offerId: string;
    donorId: string;
    /** The depot that serves the donor: whose plan of `date` is concerned. */
    depotId: string;
    date: LocalDate;
    taskId: string;
    /** The pickup window the coordinator accepted (instants). */
    windowStart: Date;
    windowEnd: Date;
    /** The donor's estimate, in grams. */
    grams: number;
    temperatureClass: TemperatureClass;
    /** Chilled and frozen offers ride refrigerated or within the cold-ride limit. */
    requiresRefrigeration: boolean;
  }
  | {
    kind: 'pickup_skipped' | 'skip_cancelled';
    skipId: string;
    donorId: string;
    depotId: string;
    date: LocalDate;
    scheduleId: string;
    taskId: string;
  };

/** What a same-day change did to today's published plan. */
export type SameDayOutcome =
  /** No published plan of that day and depot: the day's planning will read the change. */
  | { status: 'no_plan' }
  /** Nothing to change: the task is already on the plan (or, for a skip, not on it or already served). */
  | { status: 'unchanged'; planId: string; version: number }
  /** A new published version with the stop on `routeId`; its driver was told. */
  | { status: 'added'; planId: string; version: number; routeId: string; stopId: string; driverId?: string; arrival: Date }
  /** A new published version without the stop; the driver of `routeId` was told. */
  | { status: 'removed'; planId: string; version: number; routeId: string; driverId?: string }
  /** A later day's plan was made but not yet published: a new version is planned, with the change. */
  | { status: 'replanned'; planId: string; version: number }
  /** No route could take the new stop: the plan is as it was and the coordinators were told why. */
  | { status: 'refused'; planId: string; version: number; reason: InsertionRefusal; routes: { routeId: string; reason: InsertionRefusal }[] };

const MINUTE_MS = 60_000;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
const hhmm = (d: Date) => format(d, 'HH:mm', { in: tz(TIME_ZONE) });
const isCold = (c: TemperatureClass | null | undefined) => c === 'chilled' || c === 'frozen';

/** A stop of a route as the planner's task. */
function stopTask(s: StopRow, coldSchedule: boolean | undefined): Task {
  return {
    taskId: s.taskId, siteId: s.siteId, kind: s.kind, windowStart: s.windowStart, windowEnd: s.windowEnd,
    grams: s.grams, bags: s.bags, bagType: s.bagType, reservationIds: s.reservationIds,
    requiresRefrigeration: s.kind === 'delivery' ? isCold(s.temperatureClass) : (coldSchedule ?? isCold(s.temperatureClass)),
    temperatureClass: s.temperatureClass,
  };
}

/**
 * The solver's job for a stop behind the driver, with what really happened: a pickup carries
 * the kilos collected (none when skipped), a skipped delivery's bags are still on board.
 */
function servedJob(job: Job, s: StopRow): Job {
  if (s.kind === 'pickup') return { ...job, pickup: [s.status === 'done' ? (s.gCollected ?? s.grams) : 0, 0] };
  return s.status === 'done' ? job : { ...job, pickup: job.delivery };
}

interface DayRoute { route: RouteRow; stops: StopRow[]; served: number }

/**
 * Today's published routes as the solver sees them during the day: every route's stops, those
 * behind the driver first (done or skipped, in the order they were recorded), then the rest in
 * the planned order; the new task, if any, is the last job. The van has left once a stop is
 * served or its planned start has passed.
 */
async function dayModel(tx: Executor, plan: PlanRow, routes: RouteRow[], stops: StopRow[], extra: Task | null, now: Date, osrmUrl?: string) {
  const day: DayRoute[] = routes.map((route) => {
    const own = stops.filter((s) => s.routeId === route.id);
    const served = own.filter((s) => s.status !== 'planned')
      .sort((a, b) => (a.completedAt?.getTime() ?? 0) - (b.completedAt?.getTime() ?? 0) || a.seq - b.seq);
    return { route, stops: [...served, ...own.filter((s) => s.status === 'planned')], served: served.length };
  });
  const vehicleRows = new Map((await vehiclesOf(tx, routes.map((r) => r.vehicleId))).map((v) => [v.id, v]));
  const siteRows = await findSites(tx, [...new Set([plan.depotId, ...stops.map((s) => s.siteId), ...(extra ? [extra.siteId] : [])])]);
  const sites = new Map<string, SiteInput>(siteRows.map((s) => [s.id, { id: s.id, lat: s.lat, lon: s.lon, serviceMinutes: s.serviceMinutes }]));
  const scheduleIds = stops.filter((s) => s.kind === 'pickup' && s.taskId.startsWith('pickup-')).map((s) => s.taskId.slice('pickup-'.length));
  const coldSchedules = new Map((await schedulesByIds(tx, scheduleIds)).map((s) => [`pickup-${s.id}`, s.requiresRefrigeration]));
  const tasks = [...day.flatMap((d) => d.stops.map((s) => stopTask(s, coldSchedules.get(s.taskId)))), ...(extra ? [extra] : [])];
  const depot = sites.get(plan.depotId)!;
  const matrix = await travelMatrix(osrmUrl, locationsOf(depot, tasks, sites));
  const built = buildProblem({ date: plan.date, depot, vehicles: day.map((d) => vehicleRows.get(d.route.vehicleId)!), tasks, sites, matrix });
  const toMin = (d: Date) => (d.getTime() - built.origin.getTime()) / MINUTE_MS;
  const at = (min: number) => new Date(built.origin.getTime() + Math.round(min * MINUTE_MS));
  const jobs = [...built.problem.jobs];
  const current: CurrentRoute[] = [];
  let next = 0;
  day.forEach((d, vehicle) => {
    const ids = d.stops.map((_, i) => next + i);
    d.stops.forEach((s, i) => { if (i < d.served) jobs[next + i] = servedJob(jobs[next + i], s); });
    next += d.stops.length;
    current.push({
      vehicle, jobs: ids, served: d.served,
      servedAt: d.stops.slice(0, d.served).map((s) => toMin(s.completedAt ?? now)),
      departedAt: d.served > 0 || now >= d.route.start ? toMin(d.route.start) : undefined,
    });
  });
  const stopOfJob = day.flatMap((d) => d.stops);
  return { day, problem: { ...built.problem, jobs }, current, stopOfJob, at, now: toMin(now) };
}

type Model = Awaited<ReturnType<typeof dayModel>>;

/**
 * Writes the next published version of the day: every route again with its vehicle and
 * driver, every stop a copy of the one it continues (outcomes kept); the changed route's stops
 * in their new order with the new schedule from where the driver is, `added` among them.
 * History stays: the earlier version is not touched, it reads `superseded`.
 */
async function writeVersion(
  tx: Executor, plan: PlanRow, m: Model, changed: { index: number; jobs: number[]; evaluation: RouteEvaluation }, added: Task | null, now: Date,
) {
  const version = (await maxVersion(tx, plan.depotId, plan.date)) + 1;
  const next = await insertPlan(tx, {
    depotId: plan.depotId, date: plan.date, version, status: 'published', requestedBy: null,
    unassigned: plan.unassigned, finishedAt: now, publishedAt: now,
  });
  const copy = ({ id: _id, routeId: _r, createdAt: _c, ...rest }: StopRow) => rest;
  let addedStop: { routeId: string; stopId: string; arrival: Date; driverId?: string } | undefined;
  const written: RouteRow[] = [];
  for (const [i, d] of m.day.entries()) {
    const { route } = d;
    const ev = i === changed.index ? changed.evaluation : null;
    const row = await insertRoute(tx, {
      planId: next.id, vehicleId: route.vehicleId, driverId: route.driverId,
      start: ev ? m.at(ev.departDepot) : route.start, end: ev ? m.at(ev.returnDepot) : route.end,
      distanceKm: ev ? round(ev.distance, 3) : route.distanceKm, durationMin: ev ? round(ev.duration, 1) : route.durationMin,
    });
    written.push(row);
    if (!ev) {
      await insertStops(tx, d.stops.map((s) => ({ ...copy(s), routeId: row.id })));
      continue;
    }
    const rows = changed.jobs.map((job, k) => {
      const stop = m.stopOfJob[job] as StopRow | undefined;
      const times = k < d.served && stop
        ? { arrival: stop.arrival, departure: stop.departure, loadGAfter: stop.loadGAfter, loadBagsAfter: stop.loadBagsAfter }
        : { arrival: m.at(ev.starts[k]), departure: m.at(ev.departures[k]), loadGAfter: Math.round(ev.loads[k][0]), loadBagsAfter: Math.round(ev.loads[k][1]) };
      if (stop) return { ...copy(stop), ...times, routeId: row.id, seq: k + 1 };
      const t = added!;
      return {
        routeId: row.id, seq: k + 1, siteId: t.siteId, kind: t.kind, taskId: t.taskId, ...times,
        windowStart: t.windowStart!, windowEnd: t.windowEnd!, grams: t.grams, bags: t.bags, bagType: t.bagType,
        reservationIds: t.reservationIds, temperatureClass: t.temperatureClass,
      };
    });
    await insertStops(tx, rows);
    if (added) {
      const k = changed.jobs.findIndex((j) => !m.stopOfJob[j]);
      const { stops } = await routesOfPlans(tx, [next.id]);
      const stop = stops.find((s) => s.routeId === row.id && s.taskId === added.taskId)!;
      addedStop = { routeId: row.id, stopId: stop.id, arrival: m.at(ev.starts[k]), driverId: route.driverId ?? undefined };
    }
  }
  const distanceKm = round(written.reduce((a, r) => a + r.distanceKm, 0), 3);
  const durationMin = round(written.reduce((a, r) => a + r.durationMin, 0), 1);
  await updatePlan(tx, next.id, { totals: { vehicles: written.length, distanceKm, durationMin } });
  await onSameDayVersion(tx, next.id, now);
  return { plan: next, route: written[changed.index], addedStop };
}

/** A scheduled pickup of the day as a task again (its skip was undone), or null when it is not on that day. */
async function scheduledTask(tx: Executor, date: LocalDate, scheduleId: string): Promise<Task | null> {
  const [s] = await schedulesByIds(tx, [scheduleId]);
  if (!s || !s.weekdays.includes(weekdayOf(date)) || !inSeason(date, s.seasonStart, s.seasonEnd)) return null;
  return {
    taskId: `pickup-${s.id}`, siteId: s.donorId, kind: 'pickup',
    windowStart: localTimeOnDate(date, s.windowStart), windowEnd: localTimeOnDate(date, s.windowEnd),
    grams: s.expectedG, bags: 0, bagType: null, reservationIds: [], requiresRefrigeration: s.requiresRefrigeration, temperatureClass: null,
  };
}

async function siteName(tx: Executor, id: string) {
  return (await findSites(tx, [id]))[0]?.name ?? '';
}

/**
 * Follows a same-day change on today's published plan of the depot, in the caller's
 * transaction (under the day's plan lock, so two changes make versions n + 1 and n + 2):
 * - an offer accepted for today, or a skip undone: the pickup goes into the route that takes
 *   it most cheaply, keeping every window, the vans' kilos and bags at every stop, the cold
 *   ride and the shifts, from where each driver is now (stops already done stay as they are);
 *   the plan gets a new published version and the driver is told ("Reitille lisätty nouto:
 *   Tuottaja X, noin klo 11.40"). If no route can take it, nothing changes and the
 *   coordinators are told why; they may take it for tomorrow.
 * - a pickup skipped by its donor: the stop leaves its route (a new version, the rest of the
 *   route from where the driver is) and the driver is told.
 * Routes keep their vehicles and drivers; their ids are new (a published version never
 * changes), and outcomes the phones recorded against the earlier version still count
 * (`POST /routes/:id/stops/:stopId/complete` carries them over to the current version).
 * A day without a published plan is left alone (the planning of the day reads the change).
 * `osrmUrl`: the road network the plan was made with (`OSRM_URL`), great-circle otherwise.
 */
export async function onSameDayChange(tx: Executor, change: SameDayChange, now: Date, opts: { osrmUrl?: string } = {}): Promise<SameDayOutcome> {
  await lockPlanDay(tx, change.depotId, change.date);
  const [plan] = await publishedPlansOfDay(tx, change.depotId, change.date);
  if (!plan) return { status: 'no_plan' };
  const unchanged = { status: 'unchanged' as const, planId: plan.id, version: plan.version };
  const { routes, stops } = await routesOfPlans(tx, [plan.id]);

  if (change.kind === 'pickup_skipped') {
    const stop = stops.find((s) => s.taskId === change.taskId && s.status === 'planned');
    if (!stop) return unchanged;
    const m = await dayModel(tx, plan, routes, stops, null, now, opts.osrmUrl);
    const index = m.day.findIndex((d) => d.route.id === stop.routeId);
    const job = m.stopOfJob.indexOf(stop);
    const { jobs, evaluation } = removeJob(m.problem, m.current[index], job, m.now);
    const { plan: next, route } = await writeVersion(tx, plan, m, { index, jobs, evaluation }, null, now);
    if (route.driverId) {
      await notify(tx, [route.driverId], {
        kind: 'route_stop_removed', key: `same-day:${next.id}:${stop.taskId}`, urgent: true,
        params: { kind: stop.kind, siteName: await siteName(tx, stop.siteId), ...(plan.date === localDate(now) ? {} : { date: plan.date }) },
        data: { routeId: route.id, planId: next.id },
      }, now);
    }
    return { status: 'removed', planId: next.id, version: next.version, routeId: route.id, driverId: route.driverId ?? undefined };
  }

  if (stops.some((s) => s.taskId === change.taskId)) return unchanged;
  const task: Task | null = change.kind === 'offer_accepted'
    ? {
      taskId: change.taskId, siteId: change.donorId, kind: 'pickup', windowStart: change.windowStart, windowEnd: change.windowEnd,
      grams: change.grams, bags: 0, bagType: null, reservationIds: [], requiresRefrigeration: change.requiresRefrigeration,
      temperatureClass: change.temperatureClass,
    }
    : await scheduledTask(tx, change.date, change.scheduleId);
  if (!task) return unchanged;
  const m = await dayModel(tx, plan, routes, stops, task, now, opts.osrmUrl);
  const answer = cheapestInsertion(m.problem, m.current, m.problem.jobs.length - 1, m.now);
  if (!answer.ok) {
    const coordinators = await usersWithRoles(tx, ['coordinator']);
    await notify(tx, coordinators.map((u) => u.id), {
      kind: 'same_day_not_routed', key: `same-day-refused:${plan.id}:${task.taskId}`, urgent: true,
      params: { siteName: await siteName(tx, task.siteId), date: plan.date, kg: gramsToKg(task.grams), reason: answer.reason },
      data: { planId: plan.id, taskId: task.taskId, ...(change.kind === 'offer_accepted' ? { offerId: change.offerId } : {}) },
    }, now);
    return {
      status: 'refused', planId: plan.id, version: plan.version, reason: answer.reason,
      routes: answer.routes.map((r) => ({ routeId: m.day[r.route].route.id, reason: r.reason })),
    };
  }
  const { plan: next, addedStop } = await writeVersion(tx, plan, m, { index: answer.route, jobs: answer.jobs, evaluation: answer.evaluation }, task, now);
  const added = addedStop!;
  if (added.driverId) {
    await notify(tx, [added.driverId], {
      kind: 'route_stop_added', key: `same-day:${next.id}:${task.taskId}`, urgent: true,
      params: { kind: 'pickup', siteName: await siteName(tx, task.siteId), at: hhmm(added.arrival) },
      data: { routeId: added.routeId, stopId: added.stopId, planId: next.id },
    }, now);
  }
  return { status: 'added', planId: next.id, version: next.version, ...added };
}

/**
 * Follows a change of a later day (an offer accepted for tomorrow at 19.00) whose plan was
 * already made by the 18:00 planning, or by a coordinator: a published plan takes it as today's
 * does ({@link onSameDayChange}: inserted where cheapest, a new version, the driver told); a plan
 * made but not published is planned again (a new version that reads the change; nobody has the
 * routes on a phone yet, so a fresh plan beats an insertion); a plan still queued reads it anyway.
 */
export async function onPlannedDayChange(tx: Executor, change: SameDayChange, now: Date, opts: { osrmUrl?: string } = {}): Promise<SameDayOutcome> {
  const outcome = await onSameDayChange(tx, change, now, opts);
  if (outcome.status !== 'no_plan') return outcome;
  const newest = await newestPlanOfDay(tx, change.depotId, change.date);
  if (newest?.status !== 'done' && newest?.status !== 'running') return outcome;
  const plan = await createPlan(tx, change.depotId, change.date, null);
  return { status: 'replanned', planId: plan.id, version: plan.version };
}
