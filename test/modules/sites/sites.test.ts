import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

describe('master data', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
  });
  afterAll(() => ctx?.close());

  it('lists sites by kind to any signed-in user', async () => {
    const driver = await ctx.userToken('driver');
    const res = await ctx.http().get('/sites?kind=point').set(bearer(driver.token));
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: { name: string }) => s.name).sort()).toEqual(['Other point', 'Test point']);
  });

  it('refuses a latitude of 95 with a problem naming the field, and stores nothing', async () => {
    const res = await ctx.http().post('/sites').set(net.auth).send({ kind: 'donor', name: 'X', municipality: 'Y', lat: 95, lon: 27 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.lat' }));
    const all = await ctx.http().get('/sites').set(net.auth);
    expect(all.body.items.some((s: { name: string }) => s.name === 'X')).toBe(false);
  });

  it("keeps a site's contact person and phone, changes and clears them, and refuses a phone that is not one", async () => {
    const created = await ctx.http().post('/sites').set(net.auth).send({
      kind: 'point', name: 'Phone point', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20, 50100 Mikkeli', lat: 61.69, lon: 27.27,
      contactName: 'Liisa Laine', phone: '+358 40 123 4567',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ contactName: 'Liisa Laine', phone: '+358 40 123 4567' });
    const read = await ctx.http().get(`/sites/${created.body.id}`).set(net.auth);
    expect(read.body).toMatchObject({ contactName: 'Liisa Laine', phone: '+358 40 123 4567', address: 'Porrassalmenkatu 20, 50100 Mikkeli' });

    const changed = await ctx.http().patch(`/sites/${created.body.id}`).set(net.auth).send({ phone: '015 123 456', contactName: null });
    expect(changed.status).toBe(200);
    expect(changed.body.phone).toBe('015 123 456');
    expect(changed.body).not.toHaveProperty('contactName');

    const bad = await ctx.http().patch(`/sites/${created.body.id}`).set(net.auth).send({ phone: 'call me maybe' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toContainEqual(expect.objectContaining({ path: 'body.phone' }));
    expect((await ctx.http().get(`/sites/${created.body.id}`).set(net.auth)).body.phone).toBe('015 123 456');
  });

  it('refuses a negative capacity and a storage unit of an unknown depot', async () => {
    const neg = await ctx.http().post('/storage-units').set(net.auth).send({ depotId: net.depot.id, name: 'N', temperatureClass: 'chilled', capacityKg: -5 });
    expect(neg.status).toBe(400);
    const unknown = await ctx.http().post('/storage-units').set(net.auth).send({ depotId: '00000000-0000-4000-8000-000000000000', name: 'N', temperatureClass: 'chilled', capacityKg: 5 });
    expect(unknown.status).toBe(404);
  });

  it('lets only a coordinator write master data', async () => {
    const wh = await ctx.userToken('warehouse');
    const res = await ctx.http().post('/vehicles').set(bearer(wh.token)).send({ depotId: net.depot.id, name: 'Van', capacityKg: 800, capacityBags: 120, shiftStart: '08:00', shiftEnd: '16:00' });
    expect(res.status).toBe(403);
    const ok = await ctx.http().post('/vehicles').set(net.auth).send({ depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800.5, capacityBags: 120, shiftStart: '08:00', shiftEnd: '16:00' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ capacityKg: 800.5, refrigerated: true, shiftStart: '08:00' });
  });
});
