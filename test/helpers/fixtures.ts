import type { TestContext } from './app.ts';
import { bearer } from './app.ts';

/** A POST that must answer `status` (201 unless told otherwise); returns the body. */
export async function post(ctx: TestContext, auth: Record<string, string>, path: string, body: object, status = 201) {
  const res = await ctx.http().post(path).set(auth).send(body);
  if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/**
 * A small network through the real API: one depot with a chilled, a frozen and an ambient
 * unit, one donor, one food-bank point distributing on Tuesdays, and a coordinator token.
 */
export async function seedNetwork(ctx: TestContext) {
  const coordinator = await ctx.userToken('coordinator');
  const auth = bearer(coordinator.token);
  const create = (path: string, body: object) => post(ctx, auth, path, body);
  const depot = await create('/sites', { kind: 'depot', name: 'Test depot', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '07:30', closesAt: '16:00' });
  const donor = await create('/sites', { kind: 'donor', name: 'Test shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id, donorKind: 'shop' });
  const point = await create('/sites', { kind: 'point', name: 'Test point', municipality: 'Mikkeli', lat: 61.676, lon: 27.3, depotId: depot.id });
  const otherPoint = await create('/sites', { kind: 'point', name: 'Other point', municipality: 'Mikkeli', lat: 61.585, lon: 27.646, depotId: depot.id });
  const chilled = await create('/storage-units', { depotId: depot.id, name: 'Cold room', temperatureClass: 'chilled', capacityKg: 1500 });
  const frozen = await create('/storage-units', { depotId: depot.id, name: 'Freezer', temperatureClass: 'frozen', capacityKg: 600 });
  const ambient = await create('/storage-units', { depotId: depot.id, name: 'Dry store', temperatureClass: 'ambient', capacityKg: 3000 });
  await create(`/sites/${point.id}/distribution-days`, { weekday: 'tue', start: '12:00', end: '14:00' });
  await create(`/sites/${otherPoint.id}/distribution-days`, { weekday: 'wed', start: '13:00', end: '15:00' });
  return { coordinator, auth, depot, donor, point, otherPoint, units: { chilled, frozen, ambient } };
}

/** A contact link for a donor and a donor session opened from it (role `donor`). */
export async function donorSession(ctx: TestContext, auth: Record<string, string>, donorId: string, link: { name?: string; phone?: string; email?: string } = {}) {
  const created = await post(ctx, auth, `/sites/${donorId}/donor-links`, { name: link.name ?? 'Myymäläpäällikkö', ...link });
  const session = await post(ctx, {}, '/auth/donor-link', { token: created.token }, 200);
  return { linkId: created.id as string, linkToken: created.token as string, token: session.token as string, auth: bearer(session.token) };
}

/**
 * The driver's "Lastattu, lähden" (`POST /routes/:id/load`): publishing dispatches nothing, so
 * a test that publishes and then delivers loads each route first, with the clock on the route's
 * day. `auth` is the route's driver or a coordinator. Returns the answer (what stayed behind).
 */
export async function loadRoute(ctx: TestContext, auth: Record<string, string>, routeId: string, body: { loadedAt?: string } = {}) {
  return post(ctx, auth, `/routes/${routeId}/load`, body, 200);
}
