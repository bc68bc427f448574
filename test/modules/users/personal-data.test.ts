import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys, notifications } from '../../../src/db/schema/index.ts';
import { purgeExpired } from '../../../src/jobs/processors/purge-expired.ts';
import { notify } from '../../../src/modules/notifications/notifications.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { ESSOTE_DAY, planAndWait } from '../../helpers/route-plans.ts';

const DAY = 24 * 3600 * 1000;

/** A person's data (GDPR arts. 15 and 17): read it all, erase it, and nothing kept longer than needed. */
describe.each(['postgres', 'embedded'] as const)('personal data (%s)', (mode) => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let person: { id: string; email: string; password: string; token: string };
  const message = (userId: string, key: string) => ctx.deps.database.db.transaction((tx) => notify(tx, [userId], {
    kind: 'alert_other', params: { unitName: 'Cold room', detail: 'Soita Ainolle' }, key,
  }, new Date()));

  beforeAll(async () => {
    ctx = await startTestApp({ mode, env: { PLANNING_TIME_LIMIT_MS: '200' } });
    net = await seedNetwork(ctx);
    const password = 'correct-horse-battery';
    const created = await post(ctx, net.auth, '/users', {
      email: 'aino.virtanen@test.example', name: 'Aino Virtanen', role: 'warehouse', password, phone: '040 123 4567', hygienePassportUntil: '2030-01-01',
    });
    const login = await ctx.http().post('/auth/login').send({ email: created.email, password });
    person = { id: created.id, email: created.email, password, token: login.body.token };
    await post(ctx, bearer(person.token), '/intakes', {
      donorId: net.donor.id,
      lines: [{ category: 'dry_goods', kg: 4, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: net.units.ambient.id }],
    });
    await message(person.id, `pd-${mode}-1`);
  });
  afterAll(() => ctx?.close());

  it('gives the coordinator, and the person themself, everything held about them, never the password', async () => {
    const res = await ctx.http().get(`/users/${person.id}/personal-data`).set(net.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      account: { id: person.id, name: 'Aino Virtanen', email: 'aino.virtanen@test.example', phone: '+358401234567', hygienePassportUntil: '2030-01-01', createdAt: expect.any(String) },
      sessions: [{ createdAt: expect.any(String), expiresAt: expect.any(String) }],
      notifications: [{ kind: 'alert_other', body: expect.stringContaining('Soita Ainolle') }],
      recordsMade: { intakes: 1, packingRuns: 0 },
      auditOfAccount: [{ actorId: net.coordinator.id, action: 'create' }],
    });
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|passwordHash|tokenHash/);
    const mine = await ctx.http().get('/me/personal-data').set(bearer(person.token));
    expect(mine.status).toBe(200);
    expect(mine.body.account.id).toBe(person.id);
    // Nobody else reads another person's data.
    const other = await ctx.userToken('warehouse');
    expect((await ctx.http().get(`/users/${person.id}/personal-data`).set(bearer(other.token))).status).toBe(403);
  });

  it('erases a departed person: a pseudonym instead of name and email, no phone or passport, signed out, messages emptied, counts kept', async () => {
    const before = await ctx.http().get(`/reports/tallies?from=2000-01-01&to=2100-01-01`).set(net.auth);
    const res = await ctx.http().post(`/users/${person.id}/erase`).set(net.auth);
    expect(res.status).toBe(200);
    const alias = `Poistettu ${person.id.slice(0, 8).toUpperCase()}`;
    expect(res.body).toMatchObject({ id: person.id, name: alias, active: false, erasedAt: expect.any(String) });
    expect(res.body.email).toBe(`erased-${person.id}@erased.invalid`);
    expect(res.body.phone).toBeUndefined();
    expect(res.body.hygienePassportUntil).toBeUndefined();

    expect((await ctx.http().get('/me/personal-data').set(bearer(person.token))).status).toBe(401);
    expect((await ctx.http().post('/auth/login').send({ email: person.email, password: person.password })).status).toBe(401);
    const data = (await ctx.http().get(`/users/${person.id}/personal-data`).set(net.auth)).body;
    expect(JSON.stringify(data)).not.toMatch(/Aino|Virtanen|4567|Soita/);
    expect(data.recordsMade.intakes).toBe(1);
    expect(data.notifications).toEqual([expect.objectContaining({ title: '', body: '', purgedAt: expect.any(String) })]);
    // The work they did still adds up, and the trail says who erased them without repeating who they were.
    const after = await ctx.http().get(`/reports/tallies?from=2000-01-01&to=2100-01-01`).set(net.auth);
    expect(after.body).toEqual(before.body);
    const trail = await ctx.http().get('/audit').query({ entity: 'user', entityId: person.id }).set(net.auth);
    expect(trail.body.items[0]).toMatchObject({ action: 'erase', actorId: net.coordinator.id, after: { name: '***', email: '***' } });
    expect(JSON.stringify(trail.body)).not.toMatch(/Aino|Virtanen/);
  });

  it('refuses to erase someone twice, to change an erased person, and to erase the last coordinator (409), changing nothing', async () => {
    expect((await ctx.http().post(`/users/${person.id}/erase`).set(net.auth)).body.code).toBe('user_erased');
    const patch = await ctx.http().patch(`/users/${person.id}`).set(net.auth).set('accept-language', 'fi').send({ active: true });
    expect(patch.status).toBe(409);
    expect(patch.body.detail).toMatch(/poistettu/);
    const [{ coordinators }] = await ctx.deps.database.rows<{ coordinators: string }>(ctx.deps.database.db,
      sql`select count(*) as coordinators from users where role = 'coordinator' and active`);
    expect(Number(coordinators)).toBe(1);
    const last = await ctx.http().post(`/users/${net.coordinator.id}/erase`).set(net.auth);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe('last_coordinator');
    expect((await ctx.http().get('/me/personal-data').set(net.auth)).body.account.erasedAt).toBeUndefined();
  });

  it('shows a site contact\'s name and phone only to those who call them: never to another point\'s lead', async () => {
    const contact = (name: string) => ({ contactName: name, phone: '040 111 2233' });
    for (const [site, name] of [[net.point, 'Päivi'], [net.otherPoint, 'Olli'], [net.donor, 'Kaisa']] as const) {
      expect((await ctx.http().patch(`/sites/${site.id}`).set(net.auth).send(contact(name))).status).toBe(200);
    }
    const contactsSeenBy = async (auth: Record<string, string>) => {
      const items = (await ctx.http().get('/sites').set(auth)).body.items as { name: string; contactName?: string; phone?: string }[];
      return Object.fromEntries(items.map((s) => [s.name, s.contactName ?? null]));
    };
    const lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
    expect(await contactsSeenBy(lead)).toMatchObject({ 'Test point': 'Päivi', 'Other point': null, 'Test shop': null });
    const one = await ctx.http().get(`/sites/${net.otherPoint.id}`).set(lead);
    expect(one.body).toMatchObject({ name: 'Other point' });
    expect(one.body.phone).toBeUndefined();
    expect(await contactsSeenBy(bearer((await ctx.userToken('warehouse')).token))).toMatchObject({ 'Test point': null, 'Other point': null, 'Test shop': 'Kaisa' });
    expect(await contactsSeenBy(net.auth)).toMatchObject({ 'Test point': 'Päivi', 'Other point': 'Olli', 'Test shop': 'Kaisa' });

    // A driver sees the contacts of the sites on their route, and no others.
    const driver = await ctx.userToken('driver');
    expect(await contactsSeenBy(bearer(driver.token))).toMatchObject({ 'Test point': null, 'Other point': null, 'Test shop': null });
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '07:00', shiftEnd: '16:00' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 2, weightG: 5000, packedAt: new Date() });
    await post(ctx, net.auth, '/reservations', { pointId: net.point.id, date: ESSOTE_DAY, bagType: 'food', bags: 2 });
    const plan = await planAndWait(ctx, net.auth, net.depot.id, ESSOTE_DAY);
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments: plan.routes.map((r: { id: string }) => ({ routeId: r.id, driverId: driver.id })) }, 200);
    expect(await contactsSeenBy(bearer(driver.token))).toMatchObject({ 'Test point': 'Päivi', 'Other point': null, 'Test shop': null });
  });

  it('empties stored answers with contact details after a week; a retry then never writes twice', async () => {
    const key = `pd-user-${mode}`;
    const body = { email: `kalle-${mode}@test.example`, name: 'Kalle Korhonen', role: 'driver', password: 'correct-horse-battery', phone: '040 765 4321' };
    const first = await ctx.http().post('/users').set(net.auth).set('idempotency-key', key).send(body);
    expect(first.status).toBe(201);
    const intake = await ctx.http().post('/intakes').set(net.auth).set('idempotency-key', `pd-intake-${mode}`).send({
      donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: 2, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: net.units.ambient.id }],
    });
    expect(intake.status).toBe(201);

    const sixDays = await purgeExpired({ ...ctx.deps, now: () => new Date(Date.now() + 6 * DAY) });
    expect(sixDays.answers).toBe(0);
    const replay = await ctx.http().post('/users').set(net.auth).set('idempotency-key', key).send(body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);

    const eightDays = await purgeExpired({ ...ctx.deps, now: () => new Date(Date.now() + 8 * DAY) });
    expect(eightDays.answers).toBeGreaterThanOrEqual(1);
    const stored = await ctx.deps.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, key));
    expect(stored[0]).toMatchObject({ responseBody: null, answerPurgedAt: expect.any(Date) });
    expect(JSON.stringify(stored)).not.toMatch(/Kalle|4321/);
    // A week on, the purge also took the sign-in token: sign in again, as a phone would.
    const auth = bearer((await ctx.http().post('/auth/login').send({ email: net.coordinator.email, password: net.coordinator.password })).body.token);
    const late = await ctx.http().post('/users').set(auth).set('idempotency-key', key).set('accept-language', 'fi').send(body);
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: 'idempotency_answer_purged', detail: expect.stringMatching(/jo tallennettu/) });
    const [{ n }] = await ctx.deps.database.rows<{ n: string }>(ctx.deps.database.db, sql`select count(*) as n from users where name = 'Kalle Korhonen'`);
    expect(Number(n)).toBe(1);
    // An answer without contact details is kept whole for the key's lifetime.
    const intakeReplay = await ctx.http().post('/intakes').set(auth).set('idempotency-key', `pd-intake-${mode}`).send({
      donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: 2, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: net.units.ambient.id }],
    });
    expect(intakeReplay.body).toEqual(intake.body);
  });

  it(`empties a message's text after NOTIFICATION_RETENTION_DAYS (180), keeping the row; an unsent message is kept`, async () => {
    const user = await ctx.userToken('driver');
    await message(user.id, `pd-${mode}-old`);
    await ctx.deps.database.db.update(notifications).set({ status: 'inbox' }).where(eq(notifications.userId, user.id));
    await message(user.id, `pd-${mode}-pending`);
    await ctx.deps.database.db.update(notifications).set({ status: 'pending' }).where(eq(notifications.dedupKey, `pd-${mode}-pending:${user.id}`));
    expect((await purgeExpired({ ...ctx.deps, now: () => new Date(Date.now() + 179 * DAY) })).messages).toBe(0);
    await purgeExpired({ ...ctx.deps, now: () => new Date(Date.now() + 181 * DAY) });
    const rows = await ctx.deps.database.db.select().from(notifications).where(eq(notifications.userId, user.id));
    const byKey = Object.fromEntries(rows.map((r) => [r.dedupKey.split(':')[0], r]));
    expect(byKey[`pd-${mode}-old`]).toMatchObject({ title: '', body: '', data: {}, purgedAt: expect.any(Date) });
    expect(byKey[`pd-${mode}-pending`]).toMatchObject({ body: expect.stringContaining('Soita Ainolle'), purgedAt: null });
  });

});
