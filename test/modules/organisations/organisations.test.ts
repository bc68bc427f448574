import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '../../../src/db/schema/index.ts';
import { addDays, localDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post } from '../../helpers/fixtures.ts';

describe('organisations', () => {
  let ctx: TestContext;
  let auth: Record<string, string>;
  beforeAll(async () => {
    ctx = await startTestApp();
    auth = bearer((await ctx.userToken('coordinator')).token);
  });
  afterAll(() => ctx?.close());

  it('creates, lists and edits an organisation with its food-aid registration', async () => {
    const org = await post(ctx, auth, '/organisations', {
      name: 'Hope ry Mikkeli', businessId: '0201256-6', foodAidRegistration: { municipality: 'Mikkeli', registeredOn: '2020-03-02' },
    });
    expect(org).toEqual({
      id: expect.any(String), name: 'Hope ry Mikkeli', businessId: '0201256-6', foodAidRegistration: { municipality: 'Mikkeli', registeredOn: '2020-03-02' },
    });
    const list = await ctx.http().get('/organisations').set(auth);
    expect(list.body.items).toContainEqual(org);
    const patched = await ctx.http().patch(`/organisations/${org.id}`).set(auth).send({ name: 'Hope ry', foodAidRegistration: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toEqual({ id: org.id, name: 'Hope ry', businessId: '0201256-6' });
  });

  it('puts sites and users in an organisation', async () => {
    const org = await post(ctx, auth, '/organisations', { name: 'Mäntyharjun seurakunta' });
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Mäntyharju', municipality: 'Mäntyharju', lat: 61.42, lon: 26.88, organisationId: org.id });
    expect(point.organisationId).toBe(org.id);
    const lead = await post(ctx, auth, '/users', {
      email: 'lead-mh@test.example', name: 'Lead', role: 'point_lead', password: 'correct-horse-battery', pointId: point.id, organisationId: org.id,
    });
    expect(lead.organisationId).toBe(org.id);
    const userMoved = await ctx.http().patch(`/users/${lead.id}`).set(auth).send({ organisationId: null });
    expect(userMoved.status).toBe(200);
    expect(userMoved.body.organisationId).toBeUndefined();
    expect((await ctx.http().patch(`/users/${lead.id}`).set(auth).send({ organisationId: org.id })).body.organisationId).toBe(org.id);
    const moved = await ctx.http().patch(`/sites/${point.id}`).set(auth).send({ organisationId: null });
    expect(moved.body.organisationId).toBeUndefined();
  });

  it.each([
    [{ name: '' }, 400, 'validation_failed'],
    [{ name: 'X', businessId: '0201256-5' }, 400, 'validation_failed'],
    [{ name: 'X', foodAidRegistration: { municipality: 'Juva' } }, 400, 'validation_failed'],
    [{ name: 'X', owner: 'me' }, 400, 'validation_failed'],
    [{ name: 'X', foodAidRegistration: { municipality: 'Juva', registeredOn: addDays(localDate(new Date()), 2) } }, 422, 'registration_in_future'],
  ])('refuses %o with %i %s and writes nothing', async (body, status, code) => {
    const res = await ctx.http().post('/organisations').set(auth).send(body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(await ctx.deps.database.db.select().from(organisations).where(eq(organisations.name, 'X'))).toEqual([]);
  });

  it('refuses a duplicate name (409), an unknown organisation on a site (422), and other roles (403)', async () => {
    await post(ctx, auth, '/organisations', { name: 'Twice' });
    expect((await ctx.http().post('/organisations').set(auth).send({ name: 'Twice' })).status).toBe(409);
    const site = await ctx.http().post('/sites').set(auth).send({
      kind: 'point', name: 'Nowhere', municipality: 'Juva', lat: 61.9, lon: 27.85, organisationId: '00000000-0000-4000-8000-000000000000',
    });
    expect(site.status).toBe(422);
    const wh = bearer((await ctx.userToken('warehouse')).token);
    expect((await ctx.http().get('/organisations').set(wh)).status).toBe(403);
    expect((await ctx.http().post('/organisations').set(wh).send({ name: 'Nope' })).status).toBe(403);
    expect((await ctx.http().patch('/organisations/00000000-0000-4000-8000-000000000000').set(auth).send({ name: 'Y' })).status).toBe(404);
  });

  describe('a name belongs to one organisation, whatever its case or spaces', () => {
    const FI = { 'accept-language': 'fi' };
    const named = async (name: string) => ctx.deps.database.db.select({ id: organisations.id, name: organisations.name }).from(organisations)
      .where(sql`lower(${organisations.name}) = lower(${name})`);

    it('refuses a second one with 409 in Finnish, on the name field, and writes nothing', async () => {
      await post(ctx, auth, '/organisations', { name: 'Mikkelin Hope ry' });
      const res = await ctx.http().post('/organisations').set(auth).set(FI).send({ name: '  mikkelin HOPE ry ' });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        code: 'organisation_name_taken', detail: 'Organisaatio nimeltä mikkelin HOPE ry on jo olemassa',
        errors: [{ path: 'body.name', message: 'toisella organisaatiolla on jo tämä nimi' }],
      });
      expect(await named('Mikkelin Hope ry')).toEqual([{ id: expect.any(String), name: 'Mikkelin Hope ry' }]);
    });

    it('refuses a rename to another one\'s name, and lets an organisation change the case of its own', async () => {
      await post(ctx, auth, '/organisations', { name: 'Juvan seurakunta' });
      const other = await post(ctx, auth, '/organisations', { name: 'Juvan diakonia' });
      const res = await ctx.http().patch(`/organisations/${other.id}`).set(auth).send({ name: 'JUVAN SEURAKUNTA' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('organisation_name_taken');
      expect((await named('Juvan diakonia'))[0]?.id).toBe(other.id);
      const own = await ctx.http().patch(`/organisations/${other.id}`).set(auth).send({ name: 'Juvan Diakonia ' });
      expect([own.status, own.body.name]).toEqual([200, 'Juvan Diakonia']);
    });

    it('lets only one of two requests at once have the name; the other gets the same 409', async () => {
      const both = await Promise.all(['Puumalan apu', 'PUUMALAN APU'].map((name) => ctx.http().post('/organisations').set(auth).send({ name })));
      expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(both.find((r) => r.status === 409)!.body.code).toBe('organisation_name_taken');
      expect(await named('Puumalan apu')).toHaveLength(1);
    });
  });
});
