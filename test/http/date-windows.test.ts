import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/app.ts';
import { donorSession, seedNetwork } from '../helpers/fixtures.ts';

const FI = { 'accept-language': 'fi' };
const INVERTED = { from: '2026-12-31', to: '2026-01-01' };
const ORDERED = { from: '2026-01-01', to: '2026-12-31' };

type Net = Awaited<ReturnType<typeof seedNetwork>> & { donorAuth: Record<string, string> };
/**
 * [the route as the OpenAPI document names it, where to send the window (and what else the
 * route needs: its query, the caller when not the coordinator, a shorter window in order)]
 */
const ROUTES: [string, (net: Net) => { path: string; query?: Record<string, string>; auth?: Record<string, string>; ordered?: typeof ORDERED }][] = [
  ['/reservations', () => ({ path: '/reservations' })],
  ['/alerts', () => ({ path: '/alerts', query: { status: 'closed' } })],
  ['/audit', () => ({ path: '/audit' })],
  ['/shifts', () => ({ path: '/shifts' })],
  ['/shifts/hours', () => ({ path: '/shifts/hours' })],
  ['/sites/{id}/distributions', (n) => ({ path: `/sites/${n.point.id}/distributions` })],
  ['/storage-units/{id}/temperature-readings', (n) => ({ path: `/storage-units/${n.units.chilled.id}/temperature-readings` })],
  ['/recalls', (n) => ({ path: '/recalls', query: { donorId: n.donor.id } })],
  ['/reports/tallies', () => ({ path: '/reports/tallies', query: { by: 'point' } })],
  ['/reports/summary', () => ({ path: '/reports/summary' })],
  ['/reports/chart.svg', () => ({ path: '/reports/chart.svg' })],
  ['/reports/funder', () => ({ path: '/reports/funder' })],
  ['/reports/donors/{id}/certificate', (n) => ({ path: `/reports/donors/${n.donor.id}/certificate` })],
  ['/reports/distributions', () => ({ path: '/reports/distributions' })],
  ['/reports/donors', () => ({ path: '/reports/donors' })],
  ['/donor/certificate', (n) => ({ path: '/donor/certificate', auth: n.donorAuth })],
  // A donor's pickups are listed at most 62 days at a time.
  ['/donor/pickups', (n) => ({ path: '/donor/pickups', auth: n.donorAuth, ordered: { from: '2026-06-01', to: '2026-06-30' } })],
];

/**
 * Every route that takes a `?from=&to=` window answers an inverted one alike: 400
 * `invalid_range`, the days named in the caller's language, the error on `querystring.to`.
 */
describe('an inverted from/to window is the same 400 on every route', () => {
  let ctx: TestContext;
  let net: Net;
  beforeAll(async () => {
    ctx = await startTestApp();
    const seeded = await seedNetwork(ctx);
    net = { ...seeded, donorAuth: (await donorSession(ctx, seeded.auth, seeded.donor.id, { name: 'Myymäläpäällikkö' })).auth };
  });
  afterAll(() => ctx?.close());

  it('the table holds every GET route whose query takes from and to', async () => {
    const doc = (await ctx.http().get('/openapi.json')).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    const windowed = Object.entries(doc.paths).filter(([, ops]) => {
      const names = (ops.get?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      return names.includes('from') && names.includes('to');
    }).map(([path]) => path);
    expect(windowed.sort()).toEqual(ROUTES.map(([name]) => name).sort());
  });

  it.each(ROUTES)('GET %s: an inverted window is 400 invalid_range in Finnish; the same window in order answers', async (name, target) => {
    const { path, query, auth = net.auth, ordered = ORDERED } = target(net);
    const res = await ctx.http().get(path).query({ ...query, ...INVERTED }).set(auth).set(FI);
    expect(res.status, name).toBe(400);
    expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
    expect(res.body, name).toMatchObject({
      status: 400, code: 'invalid_range', detail: 'alkupäivä (31.12.2026) on loppupäivän (1.1.2026) jälkeen',
      errors: [{ path: 'querystring.to', message: 'ei saa olla ennen alkupäivää' }],
    });
    const english = await ctx.http().get(path).query({ ...query, ...INVERTED }).set(auth);
    expect(english.body, name).toMatchObject({ code: 'invalid_range', detail: 'from (2026-12-31) is after to (2026-01-01)' });
    const inOrder = await ctx.http().get(path).query({ ...query, ...ordered }).set(auth).set({ accept: 'application/json' });
    expect(inOrder.status, name).toBe(200);
  });

  it('a window inverted against a default end is refused the same way (GET /shifts?to= before today)', async () => {
    const res = await ctx.http().get('/shifts').query({ to: '2000-01-01' }).set(net.auth).set(FI);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'invalid_range', errors: [{ path: 'querystring.to', message: 'ei saa olla ennen alkupäivää' }] });
  });

  it('one day (from = to) is a window', async () => {
    for (const [name, target] of ROUTES) {
      const { path, query, auth = net.auth } = target(net);
      const res = await ctx.http().get(path).query({ ...query, from: '2026-06-01', to: '2026-06-01' }).set(auth).set({ accept: 'application/json' });
      expect(res.status, name).toBe(200);
    }
  });

  it('an inverted window beside another mistake is an ordinary validation error naming both', async () => {
    const res = await ctx.http().get('/recalls').query({ ...INVERTED, lotId: '00000000-0000-4000-8000-000000000000' }).set(net.auth);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.from', 'querystring.to']);
  });
});
