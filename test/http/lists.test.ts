import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localTimeOnDate } from '../../src/domain/dates.ts';
import { notify } from '../../src/modules/notifications/notifications.service.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { donorSession, post, seedNetwork } from '../helpers/fixtures.ts';
import { MONDAY, SUNDAY, TUESDAY, WEDNESDAY, stockBags, testClock } from '../helpers/reservations.ts';

const FI = { 'accept-language': 'fi' };
const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

type Net = Awaited<ReturnType<typeof seedNetwork>> & { driver: Record<string, string>; donor: { auth?: Record<string, string> } };
interface ListCase {
  /** The route as the OpenAPI document names it. */
  route: string;
  path: (net: Net) => string;
  /** How many items the fixture below gives it at least (so the walk through its pages means something). */
  min: number;
  auth?: (net: Net) => Record<string, string>;
}

/** Every GET that answers a list (`items` with `nextCursor`), and what the fixture puts in it. */
const LISTS: ListCase[] = [
  { route: '/users', path: () => '/users', min: 2 },
  { route: '/organisations', path: () => '/organisations', min: 2 },
  { route: '/sites', path: () => '/sites', min: 4 },
  { route: '/sites/{id}/pickup-schedules', path: (n) => `/sites/${n.donor.id}/pickup-schedules`, min: 2 },
  { route: '/sites/{id}/distribution-days', path: (n) => `/sites/${n.point.id}/distribution-days`, min: 2 },
  { route: '/sites/{id}/reservation-caps', path: (n) => `/sites/${n.point.id}/reservation-caps`, min: 2 },
  { route: '/sites/{id}/distributions', path: (n) => `/sites/${n.point.id}/distributions`, min: 2 },
  { route: '/storage-units', path: () => '/storage-units', min: 3 },
  { route: '/storage-units/{id}/temperature-readings', path: (n) => `/storage-units/${n.units.chilled.id}/temperature-readings`, min: 2 },
  { route: '/alerts', path: () => '/alerts', min: 2 },
  { route: '/vehicles', path: () => '/vehicles', min: 2 },
  { route: '/intakes', path: () => '/intakes', min: 2 },
  { route: '/lots', path: () => '/lots', min: 3 },
  { route: '/packing-runs', path: () => '/packing-runs', min: 2 },
  { route: '/bags', path: () => '/bags', min: 4 },
  { route: '/reservations', path: () => '/reservations', min: 2 },
  { route: '/route-plans', path: () => '/route-plans', min: 2 },
  { route: '/drivers/me/routes', path: () => '/drivers/me/routes', min: 0, auth: (n) => n.driver },
  { route: '/shifts', path: () => '/shifts', min: 2 },
  { route: '/notifications', path: () => '/notifications', min: 2 },
  { route: '/me/notifications', path: () => '/me/notifications', min: 2 },
  { route: '/offers', path: () => '/offers', min: 2 },
  { route: '/audit', path: () => '/audit', min: 2 },
  { route: '/donor/offers', path: () => '/donor/offers', min: 2, auth: (n) => n.donor.auth! },
];

/**
 * The list rule of docs/api.md on every list: `limit` 1–100 (default 50) and `cursor` (the previous
 * page's `nextCursor`), pages that together give the whole list once, in order; a cursor the
 * API did not give out is 400 `invalid_cursor`, never ignored.
 */
describe('every list takes limit and cursor alike', () => {
  const clock = testClock();
  let ctx: TestContext;
  let net: Net;
  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    const seeded = await seedNetwork(ctx);
    net = { ...seeded, driver: bearer((await ctx.userToken('driver')).token) };
    const create = (path: string, body: object) => post(ctx, net.auth, path, body);
    await create('/organisations', { name: 'Hope ry' });
    await create('/organisations', { name: 'Juvan seurakunta' });
    for (const windowStart of ['08:00', '12:00']) await create(`/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['mon'], windowStart, windowEnd: '14:00', expectedKg: 20 });
    await create(`/sites/${net.point.id}/distribution-days`, { weekday: 'thu', start: '12:00', end: '14:00' });
    for (const bagType of ['food', 'bread']) await create(`/sites/${net.point.id}/reservation-caps`, { bagType, bagsPerDay: 10 });
    for (const date of [SUNDAY, addDays(MONDAY, -2)]) await create(`/sites/${net.point.id}/distributions`, { date, households: 5, bagsHandedOut: 5 });
    for (const name of ['Van 1', 'Van 2']) {
      await create('/vehicles', { depotId: net.depot.id, name, refrigerated: true, capacityKg: 800, capacityBags: 60, shiftStart: '08:00', shiftEnd: '16:00' });
    }
    for (const kg of [3, 4]) {
      await create('/intakes', {
        donorId: net.donor.id,
        lines: [{ category: 'dry_goods', kg, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }, { category: 'bread', kg: 1, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }],
      });
    }
    for (let i = 0; i < 2; i += 1) await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 2, packedAt: new Date(clock.now().getTime() - (i + 1) * 3_600_000) });
    for (let i = 0; i < 2; i += 1) await create('/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 1 });
    for (const date of [TUESDAY, WEDNESDAY]) await post(ctx, net.auth, '/route-plans', { depotId: net.depot.id, date }, 202);
    for (const start of ['08:00', '12:00']) {
      const at = localTimeOnDate(WEDNESDAY, start);
      await create('/shifts', { siteId: net.depot.id, kind: 'warehouse', start: at.toISOString(), end: new Date(at.getTime() + 3 * 3_600_000).toISOString(), needed: 2 });
    }
    // Two open excursions: a cold room and a freezer.
    await create(`/storage-units/${net.units.chilled.id}/temperature-readings`, { celsius: 4 });
    await create(`/storage-units/${net.units.chilled.id}/temperature-readings`, { celsius: 9 });
    await create(`/storage-units/${net.units.frozen.id}/temperature-readings`, { celsius: -10 });
    const me = (await ctx.http().get('/me').set(net.auth)).body.id as string;
    for (const key of ['a', 'b']) {
      await notify(ctx.deps.database.db, [me], { kind: 'alert_other', params: { unitName: 'Cold room', detail: key }, key: `list-test:${key}` }, clock.now());
    }
    net.donor.auth = (await donorSession(ctx, net.auth, net.donor.id, { name: 'Myymäläpäällikkö' })).auth;
    for (const kg of [100, 200]) {
      await post(ctx, net.donor.auth, '/donor/offers', {
        kg, temperatureClass: 'ambient', categories: ['dry_goods'], readyFrom: localTimeOnDate(TUESDAY, '08:00').toISOString(), readyUntil: localTimeOnDate(TUESDAY, '12:00').toISOString(),
      });
    }
  }, 120_000);
  afterAll(() => ctx?.close());

  const get = (c: ListCase, query: string) => ctx.http().get(`${c.path(net)}${query}`).set((c.auth ?? ((n: Net) => n.auth))(net));
  const idsOf = (body: { items: { id?: string; bagType?: string }[] }) => body.items.map((i) => i.id ?? i.bagType);

  it('the table holds every GET route that answers nextCursor, and each declares limit and cursor', async () => {
    const doc = (await ctx.http().get('/openapi.json')).body as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, { content?: Record<string, { schema?: { properties?: object } }> }> }>>;
    };
    const paged = Object.entries(doc.paths).filter(([, ops]) => ops.get && 'nextCursor' in (ops.get.responses['200']?.content?.['application/json']?.schema?.properties ?? {}));
    expect(paged.map(([path]) => path).sort()).toEqual(LISTS.map((c) => c.route).sort());
    for (const [path, ops] of paged) {
      const query = (ops.get.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      expect(query, path).toEqual(expect.arrayContaining(['limit', 'cursor']));
    }
  });

  it.each(LISTS)('GET $route: pages of limit=1 give the whole list once, in order', async (c) => {
    const all = await get(c, '?limit=100');
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.nextCursor).toBeUndefined();
    expect(all.body.items.length).toBeGreaterThanOrEqual(c.min);
    const seen: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page <= all.body.items.length; page += 1) {
      const res = await get(c, `?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(1);
      seen.push(...idsOf(res.body));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    expect(cursor).toBeUndefined();
    expect(seen).toEqual(idsOf(all.body));
    const byDefault = await get(c, '');
    expect(idsOf(byDefault.body)).toEqual(idsOf(all.body)); // fewer than the default 50
  });

  it.each(LISTS)('GET $route: limit 0, 101 or not a number is 400', async (c) => {
    for (const limit of ['0', '101', 'many']) {
      const res = await get(c, `?limit=${limit}`);
      expect(res.status, limit).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path), limit).toContain('querystring.limit');
    }
  });

  it.each(LISTS)('GET $route: a cursor it did not give out is 400 invalid_cursor, in Finnish', async (c) => {
    for (const cursor of ['abc', cursorOf([]), cursorOf({ at: '2026-12-01T00:00:00.000Z' }), cursorOf(['x', 'y', 'z', 'w', 'v'])]) {
      const res = await get(c, `?cursor=${cursor}`).set(FI);
      expect(res.status, cursor).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'invalid_cursor', detail: 'Sivutustunniste ei ole tämän palvelun antama' });
    }
  });

  it.each([
    ['/reports/summary', '?from=2026-01-01&to=2026-01-31'],
    ['/reports/tallies', '?from=2026-01-01&to=2026-01-31&by=point'],
    ['/shifts/hours', '?from=2026-01-01&to=2026-01-31'],
    ['/recalls', '?lotId=00000000-0000-4000-8000-000000000000'],
    ['/stock', '?'],
  ])('%s answers a whole question and refuses limit as an unknown field', async (path, query) => {
    const res = await ctx.http().get(`${path}${query}&limit=10`).set(net.auth);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ path: 'querystring.limit', message: 'is not a known field' });
  });

  it('a cursor of one list is no cursor of another', async () => {
    const sites = await ctx.http().get('/sites?limit=1').set(net.auth);
    const res = await ctx.http().get(`/organisations?cursor=${sites.body.nextCursor}`).set(net.auth);
    expect([res.status, res.body.code]).toEqual([400, 'invalid_cursor']);
  });
});

describe('lists page alike on the embedded database (PGlite)', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    ctx = await startTestApp({ mode: 'embedded' });
    net = await seedNetwork(ctx);
    for (const windowStart of ['08:00', '12:00']) await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['mon'], windowStart, windowEnd: '14:00', expectedKg: 20 });
    for (const date of [addDays(MONDAY, 1), addDays(MONDAY, 2)]) await post(ctx, net.auth, '/route-plans', { depotId: net.depot.id, date }, 202);
  }, 120_000);
  afterAll(() => ctx?.close());

  it.each(['/sites', '/storage-units', '/route-plans', 'pickup-schedules'])('%s', async (list) => {
    const path = list === 'pickup-schedules' ? `/sites/${net.donor.id}/pickup-schedules` : list;
    const all = (await ctx.http().get(`${path}?limit=100`).set(net.auth)).body.items.map((i: { id: string }) => i.id);
    expect(all.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await ctx.http().get(`${path}?limit=1${cursor ? `&cursor=${cursor}` : ''}`).set(net.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor && seen.length <= all.length);
    expect(seen).toEqual(all);
  });
});
