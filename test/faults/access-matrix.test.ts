import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type CallerRole, type Role } from '../../src/plugins/access.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { donorSession, seedNetwork } from '../helpers/fixtures.ts';
import { stockBags } from '../helpers/reservations.ts';
import { ESSOTE_DAY, planAndWait, post } from '../helpers/route-plans.ts';

const TUESDAY = ESSOTE_DAY;
const WEDNESDAY = '2030-08-14';
type Target = 'own' | 'other';

/**
 * Generated from the registered routes: every endpoint, as every role, on the caller's own
 * objects and on another point's or driver's. Whatever is not allowed answers 401/403/404 and
 * changes no row anywhere.
 */
describe('access matrix', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  const tokens = {} as Record<CallerRole, string>;
  /** Every caller: the users' roles and a donor's link session, which only the `/donor/...` routes admit. */
  const CALLERS: readonly CallerRole[] = [...ROLES, 'donor'];
  const ids = {} as Record<string, { own: string; other: string }>;

  /** Row count and content hash of every table: a refused call must leave all of them as they were. */
  const snapshot = async () => {
    const { database } = ctx.deps;
    const tables = await database.rows<{ t: string }>(database.db, sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
    const out: Record<string, string> = {};
    // Background work must be finished first: the outbox dispatcher and the delayed tally recounts.
    await ctx.deps.outbox.drain();
    const until = Date.now() + 15_000;
    for (;;) {
      const c = await ctx.deps.runner.counts();
      if (c.waiting + c.active + c.delayed === 0 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (const { t } of tables) {
      // The outbox's delivery bookkeeping (sent_at, attempts) is the dispatcher's, not a request's.
      const row = t === 'outbox' ? '(x.id, x.name, x.payload, x.job_id)::text' : 'x::text';
      const [r] = await database.rows<{ n: string; h: string }>(database.db, sql.raw(`select count(*) as n, md5(coalesce(string_agg(${row}, ',' order by ${row}), '')) as h from "${t}" x`));
      out[t] = `${r.n} rows ${r.h}`;
    }
    return out;
  };

  beforeAll(async () => {
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '200' } });
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 10, weightG: 5000, packedAt: new Date() });
    const resA = await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 2 });
    const resB = await post(ctx, net.auth, '/reservations', { pointId: net.otherPoint.id, date: WEDNESDAY, bagType: 'food', bags: 2 });
    const driverA = await ctx.userToken('driver');
    const driverB = await ctx.userToken('driver');
    const plan = await planAndWait(ctx, net.auth, net.depot.id, TUESDAY);
    const route = plan.routes[0];
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: route.id, driverId: driverA.id }] }, 200);
    const wh = await ctx.userToken('warehouse');
    const intake = await post(ctx, bearer(wh.token), '/intakes', { donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: 20, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: net.units.ambient.id }] });
    const run = await post(ctx, bearer(wh.token), '/packing-runs', { depotId: net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: intake.lots[0].id, kg: 5 }] });
    tokens.coordinator = net.coordinator.token;
    tokens.warehouse = wh.token;
    tokens.point_lead = (await ctx.userToken('point_lead', { pointId: net.point.id })).token;
    tokens.driver = driverA.token;
    tokens.donor = (await donorSession(ctx, net.auth, net.donor.id)).token;
    ids.sites = { own: net.point.id, other: net.otherPoint.id };
    ids.reservations = { own: resA.id, other: resB.id };
    ids.routes = { own: route.id, other: route.id };
    ids.stops = { own: route.stops[0].id, other: route.stops[0].id };
    ids['route-plans'] = { own: plan.id, other: plan.id };
    ids.lots = { own: intake.lots[0].id, other: intake.lots[0].id };
    ids.intakes = { own: intake.id, other: intake.id };
    ids['packing-runs'] = { own: run.id, other: run.id };
    ids['storage-units'] = { own: net.units.chilled.id, other: net.units.chilled.id };
    // driver B is "another driver": on driver A's route, own_routes answers 404.
    (tokens as Record<string, string>).otherDriver = driverB.token;
  }, 120_000);
  afterAll(() => ctx?.close());

  const urlFor = (url: string, target: Target) => url
    .replace(/^\/(\w[\w-]*)\/:id/, (_, res: string) => `/${res}/${ids[res]?.[target] ?? randomUUID()}`)
    .replace(':stopId', ids.stops[target]);

  const allowed = (roles: readonly CallerRole[] | 'anyone' | 'any_user', role: CallerRole) =>
    roles === 'anyone' || (roles === 'any_user' ? role !== 'donor' : roles.includes(role));
  const send = (method: string, url: string, token: string | null, body: object = {}) => {
    const req = ctx.http()[method.toLowerCase() as 'get' | 'post' | 'patch'](url);
    if (token) req.set(bearer(token));
    return method === 'GET' ? req : req.send(body);
  };

  it('answers 401/403/404 to every call a role may not make, and changes nothing', async () => {
    const routes = ctx.routes.filter((r) => ['GET', 'POST', 'PATCH'].includes(r.method) && r.access && !r.url.startsWith('/docs') && r.url !== '/auth/logout');
    expect(routes.length).toBeGreaterThan(40);
    const before = await snapshot();
    const calls: string[] = [];
    const wrong: string[] = [];
    for (const r of routes) {
      const roles = r.access!.roles;
      // Nobody signed in.
      if (roles !== 'anyone') {
        const res = await send(r.method, urlFor(r.url, 'own'), null);
        calls.push(`anonymous ${r.method} ${r.url}`);
        if (res.status !== 401) wrong.push(`anonymous ${r.method} ${r.url}: ${res.status}`);
      }
      for (const role of CALLERS) {
        if (!allowed(roles, role)) {
          for (const target of ['own', 'other'] as Target[]) {
            const res = await send(r.method, urlFor(r.url, target), tokens[role]);
            calls.push(`${role} ${r.method} ${r.url} (${target})`);
            if (![401, 403, 404].includes(res.status)) wrong.push(`${role} ${r.method} ${r.url} (${target}): ${res.status}`);
          }
        }
      }
      // Scoped routes: another point's or driver's object is 404, never 403 or 200.
      if (r.access!.scope === 'own_point' && r.url.includes(':id')) {
        const res = await send(r.method, urlFor(r.url, 'other'), tokens.point_lead, r.url.endsWith('/confirm') ? { bagsReceived: 1 } : {});
        calls.push(`point_lead ${r.method} ${r.url} (other point)`);
        if (res.status !== 404) wrong.push(`point_lead ${r.method} ${r.url} (other point): ${res.status}`);
      }
      if (r.access!.scope === 'own_routes' && r.url.includes(':id')) {
        const body = r.url.endsWith('/skip') ? { reason: 'closed' } : r.url.endsWith('/load') ? {} : { bagsDelivered: 1 };
        const res = await send(r.method, urlFor(r.url, 'other'), (tokens as Record<string, string>).otherDriver, body);
        calls.push(`driver ${r.method} ${r.url} (other driver)`);
        if (res.status !== 404) wrong.push(`driver ${r.method} ${r.url} (other driver): ${res.status}`);
      }
    }
    // Body-level scope: a point lead reserving for, or listing, another point.
    const other = await send('POST', '/reservations', tokens.point_lead, { pointId: net.otherPoint.id, date: WEDNESDAY, bagType: 'food', bags: 1 });
    calls.push('point_lead POST /reservations for another point');
    if (other.status !== 404) wrong.push(`point_lead POST /reservations for another point: ${other.status}`);
    const list = await send('GET', `/reservations?pointId=${net.otherPoint.id}`, tokens.point_lead);
    if (!(list.status === 404 || (list.status === 200 && list.body.items.every((i: { pointId: string }) => i.pointId === net.point.id)))) wrong.push(`point_lead GET /reservations?pointId=other: ${list.status}`);

    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
    expect(calls.length).toBeGreaterThan(100);
    // The donor's link reaches its own routes and nothing else (besides the public ones).
    const donorRoutes = routes.filter((r) => allowed(r.access!.roles, 'donor')).map((r) => `${r.method} ${r.url}`);
    expect(donorRoutes.filter((r) => !/^(GET|POST) \/(donor\/|auth\/donor-link$|auth\/login$|auth\/password-reset$|health\/|openapi\.json$|app|$)/.test(r))).toEqual([]);
    console.info(`access matrix: ${calls.length} calls that must be refused, over ${routes.length} routes x ${CALLERS.length} callers + anonymous, own and other objects`);
  }, 120_000);

  it('scopes the master-data reads as the contract says: a point lead reads only their own point\'s distribution days', async () => {
    const table: [string, Record<Role, number>][] = [
      ['/storage-units', { coordinator: 200, warehouse: 200, point_lead: 403, driver: 403 }],
      ['/vehicles', { coordinator: 200, warehouse: 403, point_lead: 403, driver: 403 }],
      [`/sites/${net.donor.id}/pickup-schedules`, { coordinator: 200, warehouse: 403, point_lead: 403, driver: 403 }],
      [`/sites/${net.point.id}/distribution-days`, { coordinator: 200, warehouse: 403, point_lead: 200, driver: 403 }],
      [`/sites/${net.otherPoint.id}/distribution-days`, { coordinator: 200, warehouse: 403, point_lead: 404, driver: 403 }],
    ];
    const got = await Promise.all(table.map(async ([path]) => [path, Object.fromEntries(
      await Promise.all(ROLES.map(async (role) => [role, (await send('GET', path, tokens[role])).status])),
    )]));
    expect(got).toEqual(table);
    const own = await send('GET', `/sites/${net.point.id}/distribution-days`, tokens.point_lead);
    expect(own.body.items.map((d: { pointId: string; weekday: string }) => [d.pointId, d.weekday])).toEqual([[net.point.id, 'tue']]);
  }, 60_000);

  it('ignores no forbidden field silently: writes that try to set role, pointId, stock, ids or timestamps are refused and change nothing', async () => {
    const writes = ctx.routes.filter((r) => ['POST', 'PATCH'].includes(r.method) && Array.isArray(r.access?.roles));
    const smuggled = { id: randomUUID(), role: 'coordinator', pointId: net.otherPoint.id, stockKg: 9999, stockG: 9_999_000, createdAt: '2020-01-01T00:00:00Z', updatedAt: '2020-01-01T00:00:00Z', status: 'delivered' };
    const before = await snapshot();
    const wrong: string[] = [];
    for (const r of writes) {
      const role = (r.access!.roles as readonly CallerRole[])[0];
      const res = await send(r.method, urlFor(r.url, 'own'), tokens[role], smuggled);
      if (res.status < 400 || res.status >= 500) wrong.push(`${role} ${r.method} ${r.url}: ${res.status}`);
    }
    // A point lead cannot make themselves coordinator or move to another point by any body.
    const me = await send('GET', '/me', tokens.point_lead);
    expect([me.body.role, me.body.pointId]).toEqual(['point_lead', net.point.id]);
    expect(wrong).toEqual([]);
    expect(await snapshot()).toEqual(before);
  }, 60_000);

  it('locks an account out with 429 after repeated failed logins, and refuses expired and revoked tokens with 401', async () => {
    const user = await ctx.userToken('warehouse');
    let last = 0;
    for (let i = 0; i < 12; i++) last = (await ctx.http().post('/auth/login').send({ email: user.email, password: 'wrong-password-123' })).status;
    expect(last).toBe(429);
    expect((await ctx.http().post('/auth/login').send({ email: user.email, password: user.password })).status).toBe(429);

    const expiring = await ctx.userToken('coordinator');
    expect((await send('GET', '/me', expiring.token)).status).toBe(200);
    await ctx.deps.database.db.execute(sql`update auth_tokens set expires_at = now() - interval '1 second' where user_id = ${expiring.id}`);
    expect((await send('GET', '/me', expiring.token)).status).toBe(401);
    expect((await send('POST', '/sites', expiring.token, { kind: 'depot', name: 'X', municipality: 'M', lat: 61, lon: 27 })).status).toBe(401);

    const revoked = await ctx.userToken('coordinator');
    expect((await send('POST', '/auth/logout', revoked.token)).status).toBeLessThan(300);
    expect((await send('GET', '/me', revoked.token)).status).toBe(401);
    expect((await send('GET', '/sites', revoked.token)).status).toBe(401);
  }, 60_000);
});
