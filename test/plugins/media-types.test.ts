import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallerRole } from '../../src/plugins/access.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { donorSession, seedNetwork } from '../helpers/fixtures.ts';

const FI = { 'accept-language': 'fi-FI,fi;q=0.9' };
const SOME_ID = '00000000-0000-4000-8000-000000000000';
const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Rows per table of the test database: what a refused request must leave as it was. */
async function rowCounts(ctx: TestContext): Promise<Record<string, number>> {
  const { database } = ctx.deps;
  const tables = await database.rows<{ name: string }>(database.db, sql`
    select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    counts[name] = Number((await database.rows<{ n: string }>(database.db, sql`select count(*) as n from ${sql.identifier(name)}`))[0].n);
  }
  return counts;
}

describe('a body that is not JSON', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  const tokens = new Map<CallerRole, Record<string, string>>();
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
    for (const role of ['coordinator', 'warehouse', 'driver'] as const) tokens.set(role, bearer((await ctx.userToken(role)).token));
    tokens.set('point_lead', bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token));
    tokens.set('donor', (await donorSession(ctx, net.auth, net.donor.id)).auth);
  });
  afterAll(() => ctx?.close());

  /** Every write route of the API, with the token of a role it lets in (so the body is what is refused). */
  const writeRoutes = () => ctx.routes.filter((r) => WRITES.includes(r.method)).map((r) => {
    const roles = r.access?.roles;
    const role: CallerRole | undefined = roles === 'anyone' ? undefined : roles === 'any_user' ? 'coordinator' : roles?.[0];
    return { method: r.method, url: r.url, path: r.url.replace(/:\w+/g, SOME_ID), auth: role ? tokens.get(role)! : {} };
  });

  it.each([
    ['text/plain', 'kind=depot name=Varasto'],
    ['application/xml', '<site><kind>depot</kind></site>'],
    ['text/csv; charset=utf-8', 'kind,name\ndepot,Varasto\n'],
    ['application/x-www-form-urlencoded', 'kind=depot&name=Varasto'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="kind"\r\n\r\ndepot\r\n--x--\r\n'],
  ])('as %s is 415 problem+json on every write route, in Finnish for Accept-Language: fi, and changes nothing', async (type, body) => {
    const before = await rowCounts(ctx);
    const routes = writeRoutes();
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) {
      const res = await ctx.http()[r.method.toLowerCase() as 'post'](r.path).set(r.auth).set(FI).set('idempotency-key', `media-${r.url}`)
        .set('content-type', type).send(body);
      expect(res.status, `${r.method} ${r.url}`).toBe(415);
      expect(res.headers['content-type'], `${r.method} ${r.url}`).toMatch(/^application\/problem\+json/);
      expect(res.body, `${r.method} ${r.url}`).toMatchObject({
        status: 415, code: 'unsupported_media_type', title: 'Sisältötyyppiä ei tueta', detail: 'Sisältötyyppiä ei tueta; lähetä application/json',
      });
    }
    expect(await rowCounts(ctx)).toEqual(before);
  });

  it('is answered in English without Accept-Language', async () => {
    const res = await ctx.http().post('/sites').set(net.auth).set('content-type', 'text/plain').send('hello');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ code: 'unsupported_media_type', title: 'Unsupported Media Type', detail: 'Unsupported content type; send application/json' });
  });

  it('leaves its Idempotency-Key unused: the same key then takes the JSON body', async () => {
    const site = { kind: 'depot', name: 'Media depot', municipality: 'Juva', lat: 61.9, lon: 27.85 };
    const refused = await ctx.http().post('/sites').set(net.auth).set('idempotency-key', 'media-retry').set('content-type', 'text/plain').send(JSON.stringify(site));
    expect(refused.status).toBe(415);
    const made = await ctx.http().post('/sites').set(net.auth).set('idempotency-key', 'media-retry').send(site);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'depot', name: 'Media depot' });
  });

  it('still takes JSON, with a charset too, and a bodiless write without a content type', async () => {
    const res = await ctx.http().post('/storage-units').set(net.auth).set('content-type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ depotId: net.depot.id, name: 'Media shelf', temperatureClass: 'ambient', capacityKg: 100 }));
    expect(res.status).toBe(201);
    const { token } = await ctx.userToken('driver');
    expect((await ctx.http().post('/auth/logout').set(bearer(token))).status).toBe(204);
  });
});
