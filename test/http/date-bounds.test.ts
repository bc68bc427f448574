import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authTokens } from '../../src/db/schema/index.ts';
import { addDays, localDate } from '../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';

const cursorOf = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe.each(['postgres', 'embedded'] as const)('the database client reads every year as written (%s)', (mode) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ mode });
  });
  afterAll(() => ctx?.close());

  it.each(['0001-01-01T00:00:00.000Z', '0049-06-01T00:00:00.000Z', '0099-12-31T23:59:59.999Z', '2026-03-29T00:30:00.123Z'])('%s', async (at) => {
    const { id } = await ctx.userToken('driver');
    const db = ctx.deps.database.db;
    await db.execute(sql`update auth_tokens set revoked_at = ${at}::timestamptz where user_id = ${id}`);
    const [row] = await db.select({ revokedAt: authTokens.revokedAt }).from(authTokens).where(eq(authTokens.userId, id));
    expect(row.revokedAt?.toISOString()).toBe(at);
  });
});

describe('dates and instants outside a sane window are 400, never stored, never a 500', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let warehouse: Record<string, string>;
  const today = localDate(new Date());
  const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000).toISOString();
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
    warehouse = bearer((await ctx.userToken('warehouse')).token);
  });
  afterAll(() => ctx?.close());

  const intake = (receivedAt: string) => ({
    donorId: net.donor.id, receivedAt,
    lines: [{ category: 'bread', kg: 2, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }],
  });
  const lotCount = async () => (await ctx.http().get('/lots?limit=100').set(net.auth)).body.items.length;

  it.each([
    ['/reservations?date=0000-01-01', 'querystring.date'],
    ['/reservations?from=2026-01-01&to=9999-12-31', 'querystring.to'],
    ['/lots?expiringBefore=0000-01-01', 'querystring.expiringBefore'],
    ['/reports/tallies?from=0000-01-01&to=0000-12-31&period=month&by=donor', 'querystring.from'],
    ['/reports/summary?from=1999-12-31&to=2000-01-31', 'querystring.from'],
    ['/route-plans?date=0049-06-01', 'querystring.date'],
  ])('GET %s', async (path, where) => {
    const res = await ctx.http().get(path).set(net.auth);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(where);
  });

  it.each(['0000-01-01', '0049-06-01', '9999-12-31', addDays(today, 5 * 366 + 1)])('POST /route-plans for %s', async (date) => {
    const res = await ctx.http().post('/route-plans').set(net.auth).send({ depotId: net.depot.id, date });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.date');
    expect((await ctx.http().get(`/route-plans?depotId=${net.depot.id}`).set(net.auth)).body.items).toEqual([]);
  });

  it.each(['9999-12-31', addDays(today, 5 * 366 + 1)])('POST /reservations for %s', async (date) => {
    const res = await ctx.http().post('/reservations').set(net.auth).send({ pointId: net.point.id, date, bagType: 'food', bags: 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.date');
  });

  it('an intake of year 0049 or next year is refused; its lots never appear', async () => {
    const before = await lotCount();
    for (const at of ['0049-06-01T00:00:00Z', '0001-01-01T00:00:00Z', '2099-12-31T12:00:00Z', new Date(Date.now() + 3_600_000).toISOString()]) {
      const res = await ctx.http().post('/intakes').set(net.auth).send(intake(at));
      expect(res.status, at).toBe(400);
      expect(res.body.errors[0].path).toBe('body.receivedAt');
    }
    expect(await lotCount()).toBe(before);
  });

  it('a warehouse volunteer dates an intake at most a few days back; a coordinator may backdate', async () => {
    expect((await ctx.http().post('/intakes').set(warehouse).send(intake(hoursAgo(2 * 24)))).status).toBe(201);
    const old = await ctx.http().post('/intakes').set(warehouse).send(intake(hoursAgo(5 * 24)));
    expect(old.status).toBe(400);
    expect(old.body.errors[0]).toMatchObject({ path: 'body.receivedAt', message: expect.stringMatching(/days back/) });
    expect((await ctx.http().post('/intakes').set(net.auth).send(intake(hoursAgo(30 * 24)))).status).toBe(201);
  });

  it('temperature readings: year 0001, the future and a week back (warehouse) are refused', async () => {
    const path = `/storage-units/${net.units.chilled.id}/temperature-readings`;
    for (const at of ['0001-01-01T00:00:00Z', new Date(Date.now() + 3_600_000).toISOString(), hoursAgo(7 * 24)]) {
      const res = await ctx.http().post(path).set(warehouse).send({ celsius: 4, at });
      expect(res.status, at).toBe(400);
      expect(res.body.errors[0].path).toBe('body.at');
    }
    expect((await ctx.http().post(path).set(warehouse).send({ celsius: 4, at: hoursAgo(1) })).status).toBe(201);
  });

  it.each([
    ['/reservations', '2026-13-45|00000000-0000-4000-8000-000000000000'],
    ['/reservations', ['0000-01-01', '00000000-0000-4000-8000-000000000000']],
    ['/reservations', ['2026-12-01', 'not-an-id']],
    ['/lots', ['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
    ['/lots', ['0049-06-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']],
    ['/lots', { at: '2026-12-01T00:00:00.000Z' }],
    ['/lots', 'not json at all'],
  ])('a forged cursor on %s is 400 invalid_cursor (%j)', async (path, value) => {
    const res = await ctx.http().get(`${path}?cursor=${cursorOf(value)}`).set(net.auth);
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('invalid_cursor');
  });

  it('cursors the API gives out still page', async () => {
    for (let i = 0; i < 3; i += 1) await ctx.http().post('/intakes').set(net.auth).send(intake(hoursAgo(1 + i)));
    const first = await ctx.http().get('/lots?limit=2').set(net.auth);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await ctx.http().get(`/lots?limit=2&cursor=${first.body.nextCursor}`).set(net.auth);
    expect(second.status).toBe(200);
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
  });
});
