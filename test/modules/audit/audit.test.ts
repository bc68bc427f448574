import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { ESSOTE_DAY, planAndWait, post } from '../../helpers/route-plans.ts';

/** The evening before ESSOTE_DAY (a Tuesday the fixture point distributes on). */
const EVENING_BEFORE = new Date('2030-08-12T12:00:00Z');

describe.each(['postgres', 'embedded'] as const)('the audit trail (%s)', (mode) => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  const audit = async (query: Record<string, string> = {}) => {
    const res = await ctx.http().get('/audit').query(query).set(net.auth);
    expect(res.status).toBe(200);
    return res.body as { items: any[]; nextCursor?: string };
  };

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200' }, now: () => EVENING_BEFORE });
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it('records who created, changed and deactivated a user, with personal fields masked', async () => {
    const user = await post(ctx, net.auth, '/users', {
      email: 'aino.virtanen@test.example', name: 'Aino Virtanen', role: 'warehouse', password: 'correct-horse-battery', phone: '040 123 4567',
    });
    expect((await ctx.http().patch(`/users/${user.id}`).set(net.auth).send({ phone: '040 765 4321' })).status).toBe(200);
    expect((await ctx.http().patch(`/users/${user.id}`).set(net.auth).send({ active: false })).status).toBe(200);

    const { items } = await audit({ entity: 'user', entityId: user.id });
    expect(items.map((i) => i.action)).toEqual(['deactivate', 'update', 'create']);
    for (const i of items) {
      expect(i).toMatchObject({ actorId: net.coordinator.id, actorRole: 'coordinator', entity: 'user', entityId: user.id, requestId: expect.any(String) });
    }
    const [deactivate, update, create] = items;
    expect(create.before).toBeUndefined();
    expect(create.after).toMatchObject({ email: '***', name: '***', phone: '***', role: 'warehouse', active: true });
    expect(update.changed).toEqual(['phone']);
    expect(update.before.phone).toBe('***');
    expect(deactivate).toMatchObject({ changed: ['active'], before: { active: true }, after: { active: false } });
    // Nothing of the person is in the trail, in any form: not the name, the email, the phone, nor a password hash.
    const everything = JSON.stringify(items);
    for (const secret of ['Aino', 'Virtanen', 'aino.virtanen', '40123', '4567', '4321', 'argon2', 'correct-horse']) expect(everything).not.toContain(secret);
  });

  it('records sites, organisations, storage units and vehicles, created and changed', async () => {
    const org = await post(ctx, net.auth, '/organisations', { name: `Hope ry ${mode}` });
    await ctx.http().patch(`/organisations/${org.id}`).set(net.auth).send({ name: `Hope ry Mikkeli ${mode}` }).expect(200);
    await ctx.http().patch(`/sites/${net.point.id}`).set(net.auth).send({ contactName: 'Pirjo Point', phone: '040 111 2222', organisationId: org.id }).expect(200);
    const unit = await post(ctx, net.auth, '/storage-units', { depotId: net.depot.id, name: 'Walk-in', temperatureClass: 'chilled', capacityKg: 100 });
    const van = await post(ctx, net.auth, '/vehicles', {
      depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00',
    });

    const orgEntries = (await audit({ entity: 'organisation', entityId: org.id })).items;
    expect(orgEntries.map((e) => [e.action, e.changed])).toEqual([['update', ['name']], ['create', ['id', 'name']]]);
    expect(orgEntries[0]).toMatchObject({ before: { name: `Hope ry ${mode}` }, after: { name: `Hope ry Mikkeli ${mode}` } });

    const [sitePatch] = (await audit({ entity: 'site', entityId: net.point.id })).items;
    expect(sitePatch).toMatchObject({ action: 'update', after: { contactName: '***', phone: '***', organisationId: org.id, name: 'Test point' } });
    expect(sitePatch.changed).toEqual(expect.arrayContaining(['contactName', 'phone', 'organisationId']));
    // The depot, the donor and both points were created through the API by the fixture's coordinator.
    expect((await audit({ entity: 'site', actor: net.coordinator.id })).items.filter((e) => e.action === 'create')).toHaveLength(4);
    // A point's distribution day and a donor's pickup schedule are changes to their site too.
    expect((await audit({ entity: 'site', entityId: net.point.id })).items.map((e) => e.action)).toEqual(['update', 'add_distribution_day', 'create']);
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['mon'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 20 });
    expect((await audit({ entity: 'site', entityId: net.donor.id })).items[0]).toMatchObject({ action: 'add_pickup_schedule', after: { weekdays: ['mon'], expectedKg: 20 } });

    expect((await audit({ entity: 'storage_unit', entityId: unit.id })).items).toMatchObject([{ action: 'create', after: { name: 'Walk-in' } }]);
    expect((await audit({ entity: 'vehicle', entityId: van.id })).items).toMatchObject([{ action: 'create', after: { name: 'Van', capacityKg: 800 } }]);
  });

  it('records the publication of a plan once, with its drivers', async () => {
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 3, weightG: 5000, packedAt: new Date() });
    await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: ESSOTE_DAY, bagType: 'food', bags: 2 });
    const driver = await ctx.userToken('driver');
    const plan = await planAndWait(ctx, net.auth, net.depot.id, ESSOTE_DAY);
    expect(plan.status).toBe('done');
    const assignments = plan.routes.map((r: { id: string }) => ({ routeId: r.id, driverId: driver.id }));
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments }, 200);
    // Publishing again with the same drivers changes nothing, and the trail says nothing more.
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments }, 200);
    expect((await audit({ entity: 'route_plan', entityId: plan.id })).items).toMatchObject([{
      action: 'publish', actorId: net.coordinator.id, before: { status: 'done' }, after: { status: 'published', date: ESSOTE_DAY, assignments },
    }]);
  });

  it('writes nothing for a refused change', async () => {
    const before = (await audit({ entity: 'user' })).items.length;
    const res = await ctx.http().post('/users').set(net.auth).send({ email: 'aino.virtanen@test.example', name: 'Again', role: 'driver', password: 'correct-horse-battery' });
    expect(res.status).toBe(422);
    expect((await audit({ entity: 'user' })).items).toHaveLength(before);
  });

  it('pages newest first, filters by day and actor, and is coordinators\' only', async () => {
    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const page = await audit({ limit: '3', ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const whole = (await audit({ limit: '100' })).items;
    expect(all.map((e) => e.id)).toEqual(whole.map((e) => e.id));
    expect(whole.map((e) => e.at)).toEqual([...whole.map((e) => e.at)].sort().reverse());

    const today = localDate(new Date());
    expect((await audit({ from: today, to: today, limit: '100' })).items).toHaveLength(whole.length);
    expect((await audit({ to: '2020-01-01' })).items).toEqual([]);
    const other = await ctx.userToken('coordinator');
    expect((await audit({ actor: other.id })).items).toEqual([]);

    for (const role of ['warehouse', 'point_lead', 'driver'] as const) {
      const { token } = await ctx.userToken(role, role === 'point_lead' ? { pointId: net.point.id } : {});
      expect((await ctx.http().get('/audit').set(bearer(token))).status).toBe(403);
    }
    const bad = await ctx.http().get('/audit').query({ from: '2026-02-01', to: '2026-01-01' }).set(net.auth).set('accept-language', 'fi');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('querystring.to');
    expect((await ctx.http().get('/audit').query({ cursor: 'nope' }).set(net.auth)).body.code).toBe('invalid_cursor');
  });

  it('exports the whole filter as CSV, in Finnish too, without personal data', async () => {
    const res = await ctx.http().get('/audit').query({ entity: 'user', locale: 'fi', limit: '1' }).set(net.auth).set('accept', 'text/csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Aika;Tekijä;Tekijän rooli;Kohde;Kohteen tunnus;Toimenpide;Muuttuneet kentät;Ennen;Jälkeen');
    expect(lines.length - 1).toBe((await audit({ entity: 'user', limit: '100' })).items.length);
    expect(res.text).toContain('deactivate');
    expect(res.text).not.toContain('Aino');
  });

  it('is append-only', async () => {
    const db = ctx.deps.database.db;
    await expect(db.execute(sql`update audit_entries set action = 'nothing'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_entries`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_entries`)).rejects.toThrow();
  });
});
