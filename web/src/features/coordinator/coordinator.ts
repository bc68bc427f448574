import { cachedGet, request, type Problem } from '../../lib/api.ts';
import { enqueue, flush, newKey, settled } from '../../lib/outbox.ts';
import { fieldErrors } from './staff.ts';

export interface Site { id: string; kind: 'depot' | 'donor' | 'point'; name: string; municipality: string; address: string; lat: number; lon: number; phone?: string; contactName?: string }
export interface User { id: string; name: string; email: string; role: string; active?: boolean }
export interface PlanStop { id: string; seq: number; siteId: string; kind: 'pickup' | 'delivery'; arrival: string; kg: number; bags: number; status: string }
export interface PlanRoute { id: string; vehicleId: string; driverId?: string; start: string; end: string; distanceKm: number; stops: PlanStop[] }
export interface Plan {
  id: string; depotId: string; date: string; version: number; status: 'queued' | 'running' | 'done' | 'failed' | 'published';
  error?: string; superseded: boolean; routes: PlanRoute[]; unassigned: { taskId: string; siteId: string; reason: string; detail?: string }[];
  totals?: { vehicles: number; distanceKm: number; durationMin: number };
}

export const loadSites = () => cachedGet<{ items: Site[] }>('/sites');
export const loadDrivers = () => cachedGet<{ items: User[] }>('/users?role=driver');
export const loadPlan = async (id: string) => (await request<Plan>('GET', `/route-plans/${id}`)).body;
export const loadPlans = async (depotId: string, date: string) =>
  (await request<{ items: Plan[] }>('GET', `/route-plans?depotId=${depotId}&date=${date}`)).body.items ?? [];

/**
 * A coordinator's write through the outbox, waiting for the server's answer when online:
 * `ok` with the body, a `problem` (Finnish `detail`, `errors` per field), or `queued` offline.
 */
export type Written<T> = { ok: true; body: T } | { ok: false; problem: Problem } | { queued: true };

export async function write<T>(path: string, body: unknown, label: string, kind: string, method: 'POST' | 'PATCH' = 'POST'): Promise<Written<T>> {
  const key = newKey();
  await enqueue({ key, method, path, body, kind, label });
  await flush();
  const answer = settled.value[key];
  if (!answer) return { queued: true };
  return answer.ok ? { ok: true, body: answer.body as T } : { ok: false, problem: answer.body as Problem };
}

/**
 * What a form shows after a write: a notice ("saved", "queued" or the server's `detail`), the
 * server's messages by field (`body.` dropped from the path), and whether the server took it.
 */
export function outcome(res: Written<unknown>, texts: { saved: string; queued: string }) {
  if ('queued' in res) return { saved: false, notice: { ok: true, text: texts.queued }, errors: {} as Record<string, string> };
  if (res.ok) return { saved: true, notice: { ok: true, text: texts.saved }, errors: {} as Record<string, string> };
  return { saved: false, notice: { ok: false, text: res.problem.detail }, errors: fieldErrors(res.problem) };
}

/** Points on a small map without tiles: lat/lon scaled into a `w`×`h` box (longitude shrunk by the latitude). */
export function project(points: { lat: number; lon: number }[], w: number, h: number, pad = 14) {
  const k = Math.cos(((points.reduce((a, p) => a + p.lat, 0) / Math.max(points.length, 1)) * Math.PI) / 180);
  const xs = points.map((p) => p.lon * k);
  const ys = points.map((p) => p.lat);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const s = Math.min((w - 2 * pad) / Math.max(x1 - x0, 1e-6), (h - 2 * pad) / Math.max(y1 - y0, 1e-6));
  return (p: { lat: number; lon: number }) => ({ x: pad + (p.lon * k - x0) * s, y: h - pad - (p.lat - y0) * s });
}
