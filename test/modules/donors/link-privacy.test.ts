import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { donorSession, post, seedNetwork } from '../../helpers/fixtures.ts';
import { testClock } from '../../helpers/reservations.ts';

/**
 * A donor's contact person is a data subject too: the coordinator exports what Kassi holds
 * about them (the link's contact, the messages sent to it, the offers made through it) and
 * erases them on request, while the offers and the trail stay for the counts.
 */
const MONDAY = '2030-08-12';

describe.each(['postgres', 'embedded'] as const)("a donor contact's personal data (%s)", (mode) => {
  const clock = testClock(new Date(`${MONDAY}T09:00:00Z`));
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let shop: Awaited<ReturnType<typeof donorSession>>;
  let offerId: string;
  let otherDonor: { id: string };
  const contact = { name: 'Myymäläpäällikkö Laura Lahtinen', email: 'laura.lahtinen@kauppa.example', phone: '+358401234567' };
  const get = (path: string, auth: Record<string, string>) => ctx.http().get(path).set(auth).set('accept-language', 'fi');
  const base = () => `/sites/${net.donor.id}/donor-links/${shop.linkId}`;
  const linkRow = async () => (await ctx.deps.database.rows(ctx.deps.database.db, sql`select name, phone, email, revoked_at from donor_links where id = ${shop.linkId}`))[0];

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { DONOR_RATE_PER_MIN: '10000' }, now: clock.now });
    net = await seedNetwork(ctx);
    otherDonor = await post(ctx, net.auth, '/sites', { kind: 'donor', name: 'Kauppa B', municipality: 'Mikkeli', lat: 61.68, lon: 27.25, depotId: net.depot.id, donorKind: 'shop' });
    shop = await donorSession(ctx, net.auth, net.donor.id, contact);
    const offer = await post(ctx, shop.auth, '/donor/offers', {
      kg: 40, temperatureClass: 'ambient', categories: ['dry_goods'], readyFrom: `${MONDAY}T10:00:00Z`, readyUntil: `${MONDAY}T14:00:00Z`,
    });
    offerId = offer.id;
    await post(ctx, net.auth, `/offers/${offerId}/decline`, { reason: 'no_vehicle' }, 200);
  }, 120_000);
  afterAll(() => ctx?.close());

  it('exports the contact, the messages sent to it and the offers made through it', async () => {
    const res = await get(`${base()}/personal-data`, net.auth);
    expect(res.status).toBe(200);
    expect(res.body.link).toMatchObject({ id: shop.linkId, ...contact, active: true, erased: false, createdAt: `${MONDAY}T09:00:00.000Z` });
    expect(res.body.offers).toEqual([expect.objectContaining({ id: offerId, kg: 40, status: 'declined', source: 'link' })]);
    expect(res.body.messages).toEqual([expect.objectContaining({ offerId, channel: 'email', text: expect.stringContaining('Kiitos tarjouksesta (40 kg)') })]);
    expect(res.body.sessions).toHaveLength(1);
    expect(res.body.audit.map((a: { action: string }) => a.action)).toEqual(['create']);
  });

  it('refuses other roles and another site\'s or an unknown link, changing nothing', async () => {
    const before = await linkRow();
    const warehouse = bearer((await ctx.userToken('warehouse')).token);
    for (const [method, path, auth, status] of [
      ['get', `${base()}/personal-data`, warehouse, 403],
      ['post', `${base()}/erase`, warehouse, 403],
      ['post', `${base()}/erase`, shop.auth, 401],
      ['get', `/sites/${otherDonor.id}/donor-links/${shop.linkId}/personal-data`, net.auth, 404],
      ['post', `/sites/${otherDonor.id}/donor-links/${shop.linkId}/erase`, net.auth, 404],
      ['post', `/sites/${net.donor.id}/donor-links/${crypto.randomUUID()}/erase`, net.auth, 404],
    ] as const) {
      const res = method === 'get' ? await ctx.http().get(path).set(auth) : await ctx.http().post(path).set(auth).send({});
      expect([path, res.status, res.headers['content-type']]).toEqual([path, status, expect.stringContaining('application/problem+json')]);
    }
    expect(await linkRow()).toEqual(before);
    expect((await get('/donor/me', shop.auth)).status).toBe(200);
  });

  it('erases the contact and revokes the link, keeps the offers, and a second erasure answers the same', async () => {
    clock.set(`${MONDAY}T12:00:00Z`);
    const erased = await post(ctx, net.auth, `${base()}/erase`, {}, 200);
    expect(erased).toMatchObject({ id: shop.linkId, erased: true, name: `Poistettu ${shop.linkId.slice(0, 8).toUpperCase()}`, active: false, revokedAt: `${MONDAY}T12:00:00.000Z` });
    expect(erased).not.toHaveProperty('phone');
    expect(erased).not.toHaveProperty('email');
    // The donor's session and the link itself are refused from now on.
    expect((await get('/donor/offers', shop.auth)).status).toBe(401);
    expect((await ctx.http().post('/auth/donor-link').send({ token: shop.linkToken })).status).toBe(401);
    // Nothing of the person is left in the export, the messages or the trail; the offer stays.
    const after = await get(`${base()}/personal-data`, net.auth);
    expect(after.body.link).toMatchObject({ erased: true, active: false });
    expect(after.body.offers).toEqual([expect.objectContaining({ id: offerId, kg: 40, status: 'declined' })]);
    expect(after.body.messages).toHaveLength(1);
    const [messages] = await ctx.deps.database.rows<{ t: string }>(ctx.deps.database.db, sql`select coalesce(string_agg(x::text, ','), '') as t from donor_messages x where link_id = ${shop.linkId}`);
    const audit = await get(`/audit?entity=donor_link&entityId=${shop.linkId}`, net.auth);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['erase', 'create']);
    for (const text of [JSON.stringify(after.body), messages.t, JSON.stringify(audit.body)]) {
      for (const value of ['Laura', 'lahtinen', '401234567']) expect(text).not.toContain(value);
    }
    expect((await get('/offers', net.auth)).body.items.map((o: { id: string }) => o.id)).toContain(offerId);
    // Again: the same answer, nothing more in the trail.
    clock.set(`${MONDAY}T13:00:00Z`);
    expect(await post(ctx, net.auth, `${base()}/erase`, {}, 200)).toEqual(erased);
    expect((await get(`/audit?entity=donor_link&entityId=${shop.linkId}`, net.auth)).body.items).toHaveLength(2);
  });
});
