import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { haversineKm } from '../../src/domain/routing/index.ts';
import { bearer, type TestContext } from './app.ts';
import { eventually } from './eventually.ts';
import { post } from './fixtures.ts';
import { stockBags } from './reservations.ts';

/** A Tuesday in August, far enough ahead that no cut-off applies and both farms are in season. */
export const ESSOTE_DAY = '2030-08-13';

export type Auth = Record<string, string>;

/** Re-exported: the route-plan tests and the access matrix import it from here. */
export { post };

/** Requests a plan and waits until the worker has finished it (done or failed). */
export async function planAndWait(ctx: TestContext, auth: Auth, depotId: string, date: string) {
  const accepted = await post(ctx, auth, '/route-plans', { depotId, date }, 202);
  return waitForPlan(ctx, auth, accepted.id);
}

export async function waitForPlan(ctx: TestContext, auth: Auth, id: string, timeoutMs = 30_000) {
  return eventually(async () => {
    const res = await ctx.http().get(`/route-plans/${id}`).set(auth);
    expect(res.status).toBe(200);
    return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
  }, timeoutMs);
}

interface EssoteData {
  depots: { key: string; name: string; municipality: string; lat: number; lon: number; open: string }[];
  foodBankPoints: { key: string; name: string; municipality: string; lat: number; lon: number; distribution: { weekday: string; start: string; end: string }[] }[];
  donors: { name: string; kind: string; municipality: string; lat: number; lon: number; pickup: { weekdays: string[]; window: string; expectedKg: number; season?: string } }[];
  vehicles: { name: string; refrigerated: boolean; capacityKg: number; capacityBags: number; shift: string }[];
  bagTypes: { key: string; targetKg: number }[];
}

/** The Essote network, copied into this fixture: the tests read only files of this repository. */
export const essote: EssoteData = JSON.parse(readFileSync(new URL('./essote-network.json', import.meta.url), 'utf8'));

/** Deliveries of the day: point key → bags per type. */
const ESSOTE_RESERVATIONS: Record<string, Record<string, number>> = {
  mantyharju: { food: 20, family: 5 },
  ristiina: { food: 15 },
  laajatupa: { food: 25, bread: 10 },
  'hope-pomonkatu': { family: 12, hygiene: 8 },
  anttola: { food: 10 },
};
/** Donors that are not collected on Tuesdays in the data but are in this test's Tuesday. */
const EXTRA_TUESDAY = new Set(['K-Citymarket Mikkeli', 'S-market Urpola', 'K-Market Anttola', 'Vihannestila, Hirvensalmi (2. luokan vihanneksia)', 'Marja- ja vihannestila, Juva']);
/** Donors that pick up chilled food (dairy, meat): refrigerated van or a short ride only. */
const CHILLED_DONORS = new Set(['Prisma Mikkeli', 'K-Citymarket Mikkeli']);

/**
 * A realistic Tuesday of the Essote network through the real API: the depot, its two vans,
 * every donor (five that are not collected on Tuesdays get a Tuesday pickup too, so the day
 * has 12 pickups; the Haukivuori shop stays on Thursdays), the five points that receive bags that
 * day (Laajatupa, Hope and Anttola given a Tuesday distribution), bags in stock and the
 * points' reservations.
 */
export async function seedEssoteDay(ctx: TestContext) {
  const coordinator = await ctx.userToken('coordinator');
  const auth = bearer(coordinator.token);
  const d = essote.depots[0];
  const [opensAt, closesAt] = d.open.split('-');
  const depot = await post(ctx, auth, '/sites', { kind: 'depot', name: d.name, municipality: d.municipality, lat: d.lat, lon: d.lon, opensAt, closesAt });
  const vans = [];
  for (const v of essote.vehicles) {
    const [shiftStart, shiftEnd] = v.shift.split('-');
    vans.push(await post(ctx, auth, '/vehicles', {
      depotId: depot.id, name: v.name, refrigerated: v.refrigerated, capacityKg: v.capacityKg, capacityBags: v.capacityBags, shiftStart, shiftEnd,
    }));
  }
  const donors: { id: string; name: string; lat: number; lon: number }[] = [];
  for (const x of essote.donors) {
    const donor = await post(ctx, auth, '/sites', { kind: 'donor', name: x.name, municipality: x.municipality, lat: x.lat, lon: x.lon, depotId: depot.id, donorKind: x.kind, serviceMinutes: 10 });
    const [windowStart, windowEnd] = x.pickup.window.split('-');
    const weekdays = EXTRA_TUESDAY.has(x.name) ? [...x.pickup.weekdays, 'tue'] : x.pickup.weekdays;
    const [seasonStart, seasonEnd] = x.pickup.season ? x.pickup.season.split('/') : [undefined, undefined];
    await post(ctx, auth, `/sites/${donor.id}/pickup-schedules`, {
      weekdays, windowStart, windowEnd, expectedKg: x.pickup.expectedKg, requiresRefrigeration: CHILLED_DONORS.has(x.name),
      ...(seasonStart ? { seasonStart, seasonEnd } : {}),
    });
    donors.push({ ...donor, lat: x.lat, lon: x.lon });
  }
  const points: Record<string, { id: string; lat: number; lon: number }> = {};
  for (const p of essote.foodBankPoints) {
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: p.name, municipality: p.municipality, lat: p.lat, lon: p.lon, depotId: depot.id, serviceMinutes: 15 });
    const days = [...p.distribution];
    if (ESSOTE_RESERVATIONS[p.key] && !days.some((x) => x.weekday === 'tue')) days.push({ ...p.distribution[0], weekday: 'tue' });
    for (const day of days) await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday: day.weekday, start: day.start, end: day.end });
    points[p.key] = { ...point, lat: p.lat, lon: p.lon };
  }
  const target = Object.fromEntries(essote.bagTypes.map((b) => [b.key, b.targetKg]));
  const needed: Record<string, number> = {};
  for (const byType of Object.values(ESSOTE_RESERVATIONS)) for (const [t, n] of Object.entries(byType)) needed[t] = (needed[t] ?? 0) + n;
  for (const [bagType, count] of Object.entries(needed)) {
    await stockBags(ctx.deps.database.db, { depotId: depot.id, bagType, count: count + 5, weightG: Math.round(target[bagType] * 1000), packedAt: new Date() });
  }
  const reservations: { id: string; pointId: string; bags: number }[] = [];
  for (const [key, byType] of Object.entries(ESSOTE_RESERVATIONS)) {
    for (const [bagType, bags] of Object.entries(byType)) {
      reservations.push(await post(ctx, auth, '/reservations', { pointId: points[key].id, date: ESSOTE_DAY, bagType, bags }));
    }
  }
  return { coordinator, auth, depot, vans, donors, points, reservations, bagWeightKg: target };
}

interface StopBody {
  id: string; seq: number; siteId: string; kind: 'pickup' | 'delivery'; taskId: string; arrival: string; departure: string;
  windowStart: string; windowEnd: string; kg: number; bags: number; loadKgAfter: number; loadBagsAfter: number;
}
interface RouteBody { id: string; vehicleId: string; start: string; end: string; distanceKm: number; stops: StopBody[] }
interface PlanBody { routes: RouteBody[]; unassigned: { taskId: string }[] }

/**
 * Checks a stored plan independently of the solver: load within capacity at every stop
 * (deliveries loaded at the depot, pickups added), loads as stored, arrivals inside windows
 * and after the drive from the previous stop (great-circle × 1.3 at 60 km/h), shifts kept,
 * chilled pickups in a refrigerated van or at most 60 minutes on board, every task once.
 */
export function checkFeasible(plan: PlanBody, ctx: {
  vehicles: { id: string; capacityKg: number; capacityBags: number; refrigerated: boolean; shiftStart: string; shiftEnd: string }[];
  sites: Map<string, { lat: number; lon: number; serviceMinutes: number }>;
  depot: { lat: number; lon: number };
  chilledTasks: Set<string>;
  expectedTasks: string[];
  date: string;
}): string[] {
  const problems: string[] = [];
  const minutes = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;
  const driveMin = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) => (haversineKm(a, b) * 1.3 / 60) * 60;
  const seen: string[] = [];
  for (const r of plan.routes) {
    const v = ctx.vehicles.find((x) => x.id === r.vehicleId)!;
    let kg = r.stops.filter((s) => s.kind === 'delivery').reduce((a, s) => a + s.kg, 0);
    let bags = r.stops.filter((s) => s.kind === 'delivery').reduce((a, s) => a + s.bags, 0);
    if (kg > v.capacityKg + 1e-6 || bags > v.capacityBags) problems.push(`${r.id}: start load ${kg} kg / ${bags} bags over capacity`);
    let at = r.start;
    let where = ctx.depot;
    for (const s of r.stops) {
      seen.push(s.taskId);
      const site = ctx.sites.get(s.siteId)!;
      if (minutes(at, s.arrival) < driveMin(where, site) - 0.05) problems.push(`${s.taskId}: arrives before it can drive there`);
      if (s.arrival < s.windowStart || s.arrival > s.windowEnd) problems.push(`${s.taskId}: arrival ${s.arrival} outside [${s.windowStart}, ${s.windowEnd}]`);
      if (Math.abs(minutes(s.arrival, s.departure) - site.serviceMinutes) > 0.05) problems.push(`${s.taskId}: service time`);
      kg = s.kind === 'delivery' ? kg - s.kg : kg + s.kg;
      bags = s.kind === 'delivery' ? bags - s.bags : bags + s.bags;
      if (kg < -1e-6 || kg > v.capacityKg + 1e-6 || bags < 0 || bags > v.capacityBags) problems.push(`${s.taskId}: load ${kg} kg / ${bags} bags`);
      if (Math.abs(kg - s.loadKgAfter) > 0.002 || bags !== s.loadBagsAfter) problems.push(`${s.taskId}: stored load ${s.loadKgAfter}/${s.loadBagsAfter}, computed ${kg}/${bags}`);
      if (ctx.chilledTasks.has(s.taskId) && !v.refrigerated && minutes(s.departure, r.end) > 60.05) problems.push(`${s.taskId}: chilled food over 60 minutes unrefrigerated`);
      at = s.departure;
      where = site;
    }
    if (minutes(at, r.end) < driveMin(where, ctx.depot) - 0.05) problems.push(`${r.id}: back at the depot too early`);
    const shiftStart = `${ctx.date}T${v.shiftStart}`;
    const shiftEnd = `${ctx.date}T${v.shiftEnd}`;
    const local = (iso: string) => new Date(iso).toLocaleString('sv-SE', { timeZone: 'Europe/Helsinki' }).replace(' ', 'T').slice(0, 16);
    if (local(r.start) < shiftStart || local(r.end) > shiftEnd) problems.push(`${r.id}: outside shift ${local(r.start)}–${local(r.end)}`);
  }
  seen.push(...plan.unassigned.map((u) => u.taskId));
  const sorted = [...seen].sort();
  if (JSON.stringify(sorted) !== JSON.stringify([...ctx.expectedTasks].sort())) problems.push(`tasks: ${sorted.join(',')} vs expected ${[...ctx.expectedTasks].sort().join(',')}`);
  return problems;
}
