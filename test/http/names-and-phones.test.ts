import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';

/** Names are one printable line and phones are numbers one can call: anything else is 400 on its field, writing nothing. */
describe.each(['postgres', 'embedded'] as const)('names and phone numbers at the door (%s)', (mode) => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  const counts = async () => (await ctx.deps.database.rows<{ users: string; sites: string }>(ctx.deps.database.db,
    sql`select (select count(*) from users) as users, (select count(*) from sites) as sites`))[0];
  const user = (over: object) => ({ email: `u${Math.random().toString(36).slice(2)}@test.example`, name: 'Aino', role: 'driver', password: 'correct-horse-battery', ...over });

  beforeAll(async () => {
    ctx = await startTestApp({ mode });
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it.each([
    ['a line break', 'Aino\nVirtanen'],
    ['a right-to-left override', 'Aino \u202eenatriV'],
    ['a bidi isolate', 'Aino \u2066x\u2069'],
    ['a tab', 'Aino\tVirtanen'],
    ['an escape character', 'Aino\u001b[31m'],
    ['a paragraph separator', 'Aino\u2029Virtanen'],
  ])('refuses a name with %s', async (_what, name) => {
    const before = await counts();
    const res = await ctx.http().post('/users').set(net.auth).set('accept-language', 'fi').send(user({ name }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ path: 'body.name', message: 'yksi rivi tekstiä ilman ohjausmerkkejä' }]);
    const site = await ctx.http().post('/sites').set(net.auth).send({ kind: 'point', name, municipality: 'Mikkeli', lat: 61.7, lon: 27.2, depotId: net.depot.id });
    expect(site.status).toBe(400);
    const contact = await ctx.http().patch(`/sites/${net.point.id}`).set(net.auth).send({ contactName: name });
    expect(contact.status).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('takes names with accents, apostrophes, hyphens and emoji', async () => {
    for (const name of ['Päivi Häkkinen-Öhman', "O'Brien", 'Åsa 🍞']) {
      expect((await ctx.http().post('/users').set(net.auth).send(user({ name }))).status).toBe(201);
    }
  });

  it.each([['401234567', 'the leading 0 missing'], ['0600 123 45', 'a premium-rate number'], ['112', 'the emergency number'], ['040 123', 'too short']])(
    'refuses the phone %s (%s)', async (phone) => {
      const before = await counts();
      const res = await ctx.http().post('/users').set(net.auth).send(user({ phone }));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe('body.phone');
      expect((await ctx.http().patch(`/sites/${net.point.id}`).set(net.auth).send({ phone })).status).toBe(400);
      expect(await counts()).toEqual(before);
    },
  );

  it('takes mobile, landline and service numbers in the usual forms, stored as E.164', async () => {
    for (const [phone, stored] of [['040 123 4567', '+358401234567'], ['015 321 456', '+35815321456'], ['020 123 4567', '+358201234567'], ['+46 70 123 45 67', '+46701234567']]) {
      const res = await ctx.http().post('/users').set(net.auth).send(user({ phone }));
      expect(res.status, phone).toBe(201);
      expect(res.body.phone).toBe(stored);
    }
  });
});
