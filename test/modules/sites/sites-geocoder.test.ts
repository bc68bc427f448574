import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

/** A local stand-in for Nominatim's search API: knows one street, or is "down" (drops the connection). */
async function fakeNominatim() {
  const state = { down: false, requests: [] as { url: URL; headers: IncomingHttpHeaders }[] };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    state.requests.push({ url, headers: req.headers });
    if (state.down) {
      req.socket.destroy();
      return;
    }
    const q = url.searchParams.get('q') ?? '';
    const places = url.pathname === '/search' && /porrassalmenkatu 20/i.test(q)
      ? [{ place_id: 1, lat: '61.6886', lon: '27.2723', display_name: 'Porrassalmenkatu 20, Mikkeli, Suomi' }]
      : [];
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(places));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { state, url: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(['postgres', 'embedded'] as const)('a site added by its address (%s)', (mode) => {
  let fake: Awaited<ReturnType<typeof fakeNominatim>>;
  let ctx: TestContext;
  let bare: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let bareNet: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    fake = await fakeNominatim();
    ctx = await startTestApp({ mode, env: { GEOCODER_URL: fake.url } });
    net = await seedNetwork(ctx);
    bare = await startTestApp({ mode });
    bareNet = await seedNetwork(bare);
  });
  afterAll(async () => {
    await ctx?.close();
    await bare?.close();
    await fake?.close();
  });

  const names = async (c: TestContext, auth: typeof net.auth) =>
    ((await c.http().get('/sites?limit=100').set(auth)).body.items as { name: string }[]).map((s) => s.name);

  it('finds the coordinates for the address and municipality, asking as Kassi for Finnish places', async () => {
    fake.state.requests.length = 0;
    const res = await ctx.http().post('/sites').set(net.auth)
      .send({ kind: 'donor', name: 'Osoitekauppa', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20', donorKind: 'shop' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ lat: 61.6886, lon: 27.2723, address: 'Porrassalmenkatu 20', municipality: 'Mikkeli' });
    expect(fake.state.requests).toHaveLength(1);
    const [asked] = fake.state.requests;
    expect(asked.url.pathname).toBe('/search');
    expect(Object.fromEntries(asked.url.searchParams)).toEqual({ q: 'Porrassalmenkatu 20, Mikkeli', format: 'jsonv2', limit: '1', countrycodes: 'fi' });
    expect(asked.headers['user-agent']).toMatch(/^Kassi\//);
  });

  it('takes given coordinates as they are, also null for none, without asking the geocoder', async () => {
    fake.state.requests.length = 0;
    const res = await ctx.http().post('/sites').set(net.auth)
      .send({ kind: 'point', name: 'Koordinaattipiste', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20', lat: 61.7, lon: 27.3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ lat: 61.7, lon: 27.3 });
    const nulls = await ctx.http().post('/sites').set(net.auth)
      .send({ kind: 'point', name: 'Null-piste', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20', lat: null, lon: null });
    expect(nulls.status).toBe(201);
    expect(nulls.body).toMatchObject({ lat: 61.6886, lon: 27.2723 });
    expect(fake.state.requests).toHaveLength(1);
  });

  it('refuses an address the geocoder does not find with 422 address_not_found naming body.address, in Finnish, and writes nothing', async () => {
    const res = await ctx.http().post('/sites').set(net.auth).set('Accept-Language', 'fi')
      .send({ kind: 'donor', name: 'Tuntematon kauppa', municipality: 'Mikkeli', address: 'Olematonkatu 99' });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('address_not_found');
    expect(res.body.detail).toContain('Osoitteelle "Olematonkatu 99, Mikkeli" ei löytynyt paikkaa');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.address' }));
    expect(await names(ctx, net.auth)).not.toContain('Tuntematon kauppa');
  });

  it('refuses a latitude without a longitude (both or neither)', async () => {
    const res = await ctx.http().post('/sites').set(net.auth)
      .send({ kind: 'donor', name: 'Puolikas', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20', lat: 61.69 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.lon' }));
    expect(await names(ctx, net.auth)).not.toContain('Puolikas');
  });

  it('says plainly that the location is missing when the address is empty', async () => {
    const res = await ctx.http().post('/sites').set(net.auth).set('Accept-Language', 'fi')
      .send({ kind: 'donor', name: 'Ei osoitetta', municipality: 'Mikkeli' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('location_missing');
    expect(await names(ctx, net.auth)).not.toContain('Ei osoitetta');
  });

  it('answers 503 with a clear message when the geocoder is down, and writes nothing', async () => {
    fake.state.down = true;
    try {
      const res = await ctx.http().post('/sites').set(net.auth).set('Accept-Language', 'fi')
        .send({ kind: 'donor', name: 'Katkoskauppa', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20' });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('geocoder_unavailable');
      expect(res.body.detail).toContain('Osoitetta ei juuri nyt voitu hakea');
      expect(res.body.detail).toContain('61,69, 27,27');
    } finally {
      fake.state.down = false;
    }
    expect(await names(ctx, net.auth)).not.toContain('Katkoskauppa');
  });

  it('without a geocoder, asks for the location in plain Finnish and writes nothing', async () => {
    const res = await bare.http().post('/sites').set(bareNet.auth).set('Accept-Language', 'fi')
      .send({ kind: 'donor', name: 'Ilman sijaintia', municipality: 'Mikkeli', address: 'Porrassalmenkatu 20' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('location_missing');
    expect(res.body.detail).toBe('Sijainti puuttuu: anna osoite ja kunta, tai leveys- ja pituusaste, esim. 61,69, 27,27.');
    expect(res.body.errors).toContainEqual(expect.objectContaining({ path: 'body.lat' }));
    expect(await names(bare, bareNet.auth)).not.toContain('Ilman sijaintia');
  });
});
