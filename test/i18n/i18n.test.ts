import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { idempotencyKeys } from '../../src/db/schema/index.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';

const FI = { 'accept-language': 'fi-FI,fi;q=0.9,en;q=0.5' };

describe('answers in the caller\'s language', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let warehouse: Record<string, string>;
  beforeAll(async () => {
    ctx = await startTestApp({ env: { TOKEN_TTL_HOURS: String(24 * 30) } });
    net = await seedNetwork(ctx);
    warehouse = bearer((await ctx.userToken('warehouse')).token);
  });
  afterAll(() => ctx?.close());

  it('says a wrong password in Finnish for Accept-Language: fi, in English otherwise, with the same code', async () => {
    const { email } = await ctx.userToken('driver');
    const fi = await ctx.http().post('/auth/login').set(FI).send({ email, password: 'not-the-password' });
    const en = await ctx.http().post('/auth/login').send({ email, password: 'not-the-password' });
    expect(fi.status).toBe(401);
    expect(fi.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fi.body).toMatchObject({ code: 'unauthorized', detail: 'Väärä sähköposti tai salasana' });
    expect(en.body).toMatchObject({ code: 'unauthorized', detail: 'Wrong email or password' });
  });

  it('words validation errors in Finnish, each on its field, including the schemas\' own checks', async () => {
    const res = await ctx.http().post('/intakes').set(warehouse).set(FI).send({
      donorId: net.donor.id,
      lines: [{ category: 'dairy', kg: 1.2345, temperatureClass: 'chilled', dateKind: 'use_by', date: '2030-01-01', storageUnitId: net.units.chilled.id, colour: 'red' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    const byPath = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(byPath['body.lines.0.kg']).toBe('enintään 3 desimaalia');
    expect(byPath['body.lines.0.colour']).toBe('ei ole tunnettu kenttä');
    expect(res.body.detail).toMatch(/^Virheellinen sisältö: /);

    const wrongType = await ctx.http().post('/auth/login').set(FI).send({ email: 42, password: 'x' });
    expect(wrongType.body.errors[0]).toEqual({ path: 'body.email', message: 'Virheellinen tyyppi: odotettiin string, oli number' });
    const english = await ctx.http().post('/auth/login').send({ email: 42, password: 'x' });
    expect(english.body.errors[0].message).toMatch(/expected string, received number/);
  });

  it('names every broken food-safety rule of an intake on its line, in Finnish', async () => {
    const res = await ctx.http().post('/intakes').set(warehouse).set(FI).send({
      donorId: net.donor.id,
      lines: [
        { category: 'bread', kg: 5, temperatureClass: 'ambient', dateKind: 'best_before', date: '2030-01-01', storageUnitId: net.units.ambient.id },
        { category: 'dairy', kg: 4, temperatureClass: 'chilled', dateKind: 'use_by', date: '2020-01-01', receiptCelsius: 9, storageUnitId: net.units.chilled.id },
      ],
    });
    expect(res.status).toBe(422);
    expect(res.body.rule).toBe('use_by_past');
    expect(res.body.detail).toBe('rivi 2: viimeinen käyttöpäivä 1.1.2020 on mennyt: tuotetta ei saa ottaa ruoka-apuun');
    expect(res.body.errors).toEqual([
      { path: 'body.lines.1.date', message: 'viimeinen käyttöpäivä 1.1.2020 on mennyt: tuotetta ei saa ottaa ruoka-apuun' },
      { path: 'body.lines.1.receiptCelsius', message: 'maitotuotteet (kylmä): lämpötila vastaanotossa 9 °C; raja on 6 °C' },
    ]);
    expect(res.body.violations.map((v: { line: number; rule: string }) => [v.line, v.rule])).toEqual([[1, 'use_by_past'], [1, 'receipt_too_warm']]);
  });

  it('answers an unknown path and a missing object in Finnish', async () => {
    const nowhere = await ctx.http().get('/no-such-thing').set(FI);
    expect(nowhere.body).toMatchObject({ status: 404, code: 'not_found', detail: 'Osoitetta GET /no-such-thing ei ole' });
    const lot = await ctx.http().get('/lots/00000000-0000-4000-8000-000000000000').set(warehouse).set(FI);
    expect(lot.body).toMatchObject({ status: 404, code: 'not_found', detail: 'Erää ei löydy' });
  });

  it('keeps an idempotency key at least as long as a sign-in token lives', async () => {
    const key = `i18n-${Date.now()}`;
    const body = { donorId: net.donor.id, lines: [{ category: 'bread', kg: 2, temperatureClass: 'ambient', dateKind: 'best_before', date: '2030-01-01', storageUnitId: net.units.ambient.id }] };
    const first = await ctx.http().post('/intakes').set(warehouse).set('idempotency-key', key).send(body);
    expect(first.status).toBe(201);
    const [row] = await ctx.deps.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    const tokenLifetimeMs = 24 * 30 * 3600 * 1000;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThanOrEqual(tokenLifetimeMs);
  });
});
