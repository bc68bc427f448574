import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import pg from 'pg';
import { idempotencyKeys, sites } from '../../src/db/schema/index.ts';
import { purgeExpired } from '../../src/jobs/processors/purge-expired.ts';
import { IDEMPOTENCY_TTL_MS } from '../../src/plugins/idempotency.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';

const site = (name: string) => ({ kind: 'donor', name, municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });

describe('Idempotency-Key', () => {
  let ctx: TestContext;
  let token: string;
  let userId: string;
  let email: string;
  let password: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    ({ token, id: userId, email, password } = await ctx.userToken('coordinator'));
  });
  afterAll(() => ctx?.close());

  const countNamed = async (name: string) => (await ctx.deps.database.db.select({ n: count() }).from(sites).where(eq(sites.name, name)))[0].n;

  it('replays the first answer for a retry with the same key and body, doing the work once', async () => {
    const first = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-1').send(site('Replay shop'));
    const again = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-1').send(site('Replay shop'));
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countNamed('Replay shop')).toBe(1);
  });

  it('answers 422 for the same key with another body, and changes nothing', async () => {
    await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-2').send(site('First body'));
    const res = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-2').send(site('Second body'));
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await countNamed('Second body')).toBe(0);
  });

  it('keeps keys per user: another user may use the same key', async () => {
    const other = await ctx.userToken('coordinator');
    await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'shared').send(site('Mine'));
    const res = await ctx.http().post('/sites').set(bearer(other.token)).set('idempotency-key', 'shared').send(site('Theirs'));
    expect(res.status).toBe(201);
    expect(await countNamed('Theirs')).toBe(1);
  });

  it('answers 409 for a retry while the first request still holds the key', async () => {
    // Hold the key's lock from another connection, as a first request still running would.
    const holder = new pg.Client({ connectionString: ctx.databaseUrl });
    await holder.connect();
    await holder.query('begin');
    await holder.query('select pg_advisory_xact_lock(hashtext($1), hashtext($2))', [userId, 'k-busy']);
    const res = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-busy').send(site('Busy'));
    await holder.query('rollback');
    await holder.end();
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('idempotency_in_progress');
    expect(await countNamed('Busy')).toBe(0);
    const retry = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-busy').send(site('Busy'));
    expect(retry.status).toBe(201);
  });

  it('stores nothing when the work fails, so a corrected retry succeeds', async () => {
    const bad = await ctx.http().post('/storage-units').set(bearer(token)).set('idempotency-key', 'k-3')
      .send({ depotId: '00000000-0000-4000-8000-000000000000', name: 'U', temperatureClass: 'chilled', capacityKg: 10 });
    expect(bad.status).toBe(404);
    const rows = await ctx.deps.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'k-3'));
    expect(rows).toEqual([]);
  });

  it('refuses a key that is empty, too long or not visible ASCII', async () => {
    for (const key of ['x'.repeat(256), 'has space', 'ää']) {
      const res = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', key).send(site(`Key ${key.length}`));
      expect(res.status, key).toBe(400);
    }
  });

  it('keeps keys as long as the longest sign-in token, then the purge job deletes them and the key may be used again', async () => {
    await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-old').send(site('Old'));
    const nextDay = new Date(Date.now() + 25 * 3600 * 1000);
    expect((await purgeExpired({ ...ctx.deps, now: () => nextDay })).keys).toBe(0);
    const later = new Date(Date.now() + IDEMPOTENCY_TTL_MS + 3600 * 1000);
    const purged = await purgeExpired({ ...ctx.deps, now: () => later });
    expect(purged.keys).toBeGreaterThanOrEqual(1);
    // That far ahead the purge took the sign-in token too: sign in again, as a phone would.
    token = (await ctx.http().post('/auth/login').send({ email, password })).body.token;
    const reuse = await ctx.http().post('/sites').set(bearer(token)).set('idempotency-key', 'k-old').send(site('New'));
    expect(reuse.status).toBe(201);
    expect(reuse.headers['idempotent-replayed']).toBeUndefined();
  });
});
