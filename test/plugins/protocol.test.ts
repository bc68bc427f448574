import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { post, seedNetwork } from '../helpers/fixtures.ts';

/** A raw request, so headers over Node's limit reach the server as sent. */
function rawGet(ctx: TestContext, path: string, headers: Record<string, string>) {
  const { port } = ctx.app.server.address() as AddressInfo;
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP protocol details', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  describe('a NUL character in any string is 400 at the edge, and nothing is stored', () => {
    const nul = 'Kauppa\u0000';
    it.each([
      ['a sign-in email', '/auth/login', { email: `a${nul}@x.fi`, password: 'whatever-long' }, 'body.email'],
      ['a site name', '/sites', { kind: 'donor', name: nul, municipality: 'Mikkeli', lat: 61.7, lon: 27.2, donorKind: 'shop' }, 'body.name'],
      ['a vehicle name', '/vehicles', { name: nul, capacityKg: 500, refrigerated: true }, 'body.name'],
      ['a key', '/sites', { [`name${nul}`]: 'x' }, `body.name${nul}`],
      ['a string in a list', '/sites', { kind: 'donor', tags: ['ok', nul] }, 'body.tags.1'],
    ])('in %s', async (_what, path, body, where) => {
      const res = await ctx.http().post(path).set(net.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ path: where, message: 'must not contain a NUL character' }] });
    });

    it('in a query string and a path', async () => {
      const q = await ctx.http().get('/lots?category=dairy%00').set(net.auth);
      expect(q.status).toBe(400);
      expect(q.body.errors).toEqual([{ path: 'querystring.category', message: 'must not contain a NUL character' }]);
      const p = await ctx.http().get('/sites/ab%00').set(net.auth);
      expect(p.body.errors).toEqual([{ path: 'params.id', message: 'must not contain a NUL character' }]);
    });

    it('in a list of objects', async () => {
      const res = await ctx.http().post('/intakes').set(net.auth).send({
        donorId: net.donor.id, lines: [{ category: 'dairy', kg: 1, temperatureClass: 'chilled', dateKind: 'none', storageUnitId: net.units.chilled.id }, { category: nul }],
      });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'body.lines.1.category', message: 'must not contain a NUL character' }]);
      expect((await ctx.http().get('/sites').set(net.auth)).body.items.some((s: { name: string }) => s.name.includes('\u0000'))).toBe(false);
    });
  });

  describe('Accept is negotiated with its q-values', () => {
    const tallies = '/reports/tallies?from=2026-11-01&to=2026-11-30&period=month&by=donor';
    it.each([
      ['text/csv', /^text\/csv/],
      ['text/csv;q=0, application/json', /^application\/json/],
      ['text/csv;q=0', /^application\/json/],
      ['application/json;q=0.5, text/csv', /^text\/csv/],
      ['application/json, text/csv;q=0.9', /^application\/json/],
      ['*/*', /^application\/json/],
    ])('%s', async (accept, type) => {
      const res = await ctx.http().get(tallies).set(net.auth).set('accept', accept);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(type);
    });
  });

  it('takes the Bearer scheme in any case', async () => {
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      const res = await ctx.http().get('/me').set('authorization', `${scheme} ${net.coordinator.token}`);
      expect(res.status, scheme).toBe(200);
    }
    expect((await ctx.http().get('/me').set('authorization', `Basic ${net.coordinator.token}`)).status).toBe(401);
  });

  it('compares ids as UUIDs: a point lead’s own point in upper case is their point', async () => {
    const lead = await ctx.userToken('point_lead', { pointId: net.point.id });
    const upper = String(net.point.id).toUpperCase();
    const res = await ctx.http().get(`/reservations?pointId=${upper}`).set(bearer(lead.token));
    expect(res.status).toBe(200);
    expect((await ctx.http().get(`/sites/${upper}`).set(bearer(lead.token))).body.id).toBe(net.point.id);
    const other = await ctx.http().get(`/reservations?pointId=${String(net.otherPoint.id).toUpperCase()}`).set(bearer(lead.token));
    expect(other.status).toBe(404);
    const made = await post(ctx, net.auth, `/sites/${upper}/distribution-days`, { weekday: 'fri', start: '10:00', end: '11:00' });
    expect(made.pointId).toBe(net.point.id);
  });

  it('answers headers over the limit with a 431 problem', async () => {
    const res = await rawGet(ctx, '/health/live', { 'x-big': 'a'.repeat(20_000) });
    expect(res.status).toBe(431);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({ status: 431, code: 'headers_too_large', title: 'Request Header Fields Too Large' });
  });
});
