import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distributions } from '../../../src/db/schema/index.ts';
import { addDays, localDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

describe('distributions', () => {
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let lead: Record<string, string>;
  const today = localDate(new Date());
  const yesterday = addDays(today, -1);
  beforeAll(async () => {
    ctx = await startTestApp();
    net = await seedNetwork(ctx);
    lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
  });
  afterAll(() => ctx?.close());

  const record = (auth: Record<string, string>, pointId: string, body: object) => ctx.http().post(`/sites/${pointId}/distributions`).set(auth).send(body);
  const count = async () => Number((await ctx.deps.database.db.select({ n: sql`count(*)` }).from(distributions))[0].n);

  it('a point lead records a day of counts and reads it back; a correction supersedes it and keeps the history', async () => {
    const day = addDays(today, -10);
    const first = await record(lead, net.point.id, { date: day, households: 31, persons: 70, children: 22, seniors: 9, bagsHandedOut: 35, note: 'leipää riitti' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ pointId: net.point.id, date: day, households: 31, persons: 70, children: 22, seniors: 9, bagsHandedOut: 35, note: 'leipää riitti' });
    const fixed = await record(lead, net.point.id, { date: day, households: 32, persons: 71, bagsHandedOut: 36, supersedes: first.body.id });
    expect(fixed.status).toBe(201);
    expect(fixed.body.supersedes).toBe(first.body.id);

    const current = await ctx.http().get(`/sites/${net.point.id}/distributions`).query({ from: day, to: day }).set(lead);
    expect(current.body.items.map((d: { id: string }) => d.id)).toEqual([fixed.body.id]);
    const history = await ctx.http().get(`/sites/${net.point.id}/distributions`).query({ from: day, to: day, history: 'true' }).set(net.auth);
    expect(history.body.items).toEqual([
      expect.objectContaining({ id: first.body.id, supersededBy: fixed.body.id, households: 31 }),
      expect.objectContaining({ id: fixed.body.id, households: 32 }),
    ]);
    // The superseded record cannot be corrected again, only the current one.
    const again = await record(lead, net.point.id, { date: day, households: 1, bagsHandedOut: 1, supersedes: first.body.id });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_superseded', supersededBy: fixed.body.id });
  });

  it('refuses a second record of the same day (409 naming the first), so a retried post does not count twice', async () => {
    const day = addDays(today, -3);
    const first = await record(lead, net.point.id, { date: day, households: 5, bagsHandedOut: 5 });
    expect(first.status).toBe(201);
    const before = await count();
    const second = await record(lead, net.point.id, { date: day, households: 5, bagsHandedOut: 5 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ code: 'distribution_exists', existingId: first.body.id });
    expect(await count()).toBe(before);
  });

  it('refuses a correction dated another day (422, in Finnish) and keeps the day it would have moved', async () => {
    const day = addDays(today, -1);
    const wrongDay = addDays(today, -9);
    const first = await record(lead, net.point.id, { date: day, households: 20, persons: 44, bagsHandedOut: 22 });
    expect(first.status).toBe(201);
    const before = await count();
    const moved = await ctx.http().post(`/sites/${net.point.id}/distributions`).set(lead).set('accept-language', 'fi')
      .send({ date: wrongDay, households: 20, persons: 44, bagsHandedOut: 22, supersedes: first.body.id });
    expect(moved.status).toBe(422);
    expect(moved.headers['content-type']).toMatch(/problem\+json/);
    expect(moved.body).toMatchObject({ code: 'correction_other_day', supersededDate: day });
    expect(moved.body.detail).toMatch(/^Korjaus korjaa saman päivän/);
    expect(await count()).toBe(before);
    const current = await ctx.http().get(`/sites/${net.point.id}/distributions`).query({ from: day, to: day }).set(lead);
    expect(current.body.items.map((x: { id: string }) => x.id)).toEqual([first.body.id]);
    expect((await ctx.http().get(`/sites/${net.point.id}/distributions`).query({ from: wrongDay, to: wrongDay }).set(lead)).body.items).toEqual([]);
    // The day's own correction is still taken.
    const fixed = await record(lead, net.point.id, { date: day, households: 21, persons: 45, bagsHandedOut: 22, supersedes: first.body.id });
    expect(fixed.status).toBe(201);
  });

  it('history is append-only in the database itself', async () => {
    await expect(ctx.deps.database.db.update(distributions).set({ households: 0 })).rejects.toThrow();
    await expect(ctx.deps.database.db.delete(distributions)).rejects.toThrow();
  });

  it.each([
    [{ date: yesterday, households: -1, bagsHandedOut: 0 }, 400, 'validation_failed'],
    [{ date: yesterday, households: 2.5, bagsHandedOut: 0 }, 400, 'validation_failed'],
    [{ date: yesterday, households: 3 }, 400, 'validation_failed'],
    [{ date: yesterday, households: 3, bagsHandedOut: 3, names: ['Matti'] }, 400, 'validation_failed'],
    [{ date: '2026-02-30', households: 3, bagsHandedOut: 3 }, 400, 'validation_failed'],
    [{ date: addDays(today, 1), households: 3, bagsHandedOut: 3 }, 422, 'future_date'],
    [{ date: yesterday, households: 40, persons: 1001, bagsHandedOut: 3 }, 422, 'persons_over_bound'],
    [{ date: yesterday, households: 1200, bagsHandedOut: 3 }, 422, 'households_over_bound'],
    [{ date: yesterday, households: 40, persons: 39, bagsHandedOut: 40 }, 422, 'households_exceed_persons'],
    [{ date: yesterday, households: 10, persons: 20, children: 15, seniors: 6, bagsHandedOut: 10 }, 422, 'groups_exceed_persons'],
    [{ date: yesterday, households: 10, bagsHandedOut: 2001 }, 422, 'bags_over_bound'],
    [{ date: yesterday, households: 1, bagsHandedOut: 1, note: 'Virtanen 131052-308T' }, 422, 'note_personal_identity_code'],
    [{ date: yesterday, households: 1, bagsHandedOut: 1, note: 'Virtanen 131052 308T' }, 422, 'note_personal_identity_code'],
    [{ date: yesterday, households: 1, bagsHandedOut: 1, note: 'soittakaa +358 40 123 4567' }, 422, 'note_phone_number'],
    [{ date: yesterday, households: 1, bagsHandedOut: 1, note: 'kuitti: matti.virtanen@example.fi' }, 422, 'note_email_address'],
    [{ date: yesterday, households: 1, bagsHandedOut: 1, supersedes: '00000000-0000-4000-8000-000000000000' }, 404, 'not_found'],
  ])('refuses %o with %i %s and writes nothing', async (body, status, code) => {
    const before = await count();
    const res = await record(lead, net.point.id, body);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.body.code).toBe(code);
    expect(await count()).toBe(before);
  });

  it("is 404 for another point's records, for a lead writing or reading, and for a correction of another point's record", async () => {
    const before = await count();
    const res = await record(lead, net.otherPoint.id, { date: yesterday, households: 1, bagsHandedOut: 1 });
    expect(res.status).toBe(404);
    expect((await ctx.http().get(`/sites/${net.otherPoint.id}/distributions`).set(lead)).status).toBe(404);
    const theirs = await record(net.auth, net.otherPoint.id, { date: yesterday, households: 4, bagsHandedOut: 4 });
    expect(theirs.status).toBe(201);
    const hijack = await record(net.auth, net.point.id, { date: addDays(today, -20), households: 1, bagsHandedOut: 1, supersedes: theirs.body.id });
    expect(hijack.status).toBe(404);
    expect(await count()).toBe(before + 1);
    // Not a point at all, and roles that do not record distributions.
    expect((await record(net.auth, net.depot.id, { date: yesterday, households: 1, bagsHandedOut: 1 })).status).toBe(404);
    const driver = bearer((await ctx.userToken('driver')).token);
    expect((await record(driver, net.point.id, { date: yesterday, households: 1, bagsHandedOut: 1 })).status).toBe(403);
    expect(await ctx.deps.database.db.select().from(distributions).where(eq(distributions.pointId, net.depot.id))).toEqual([]);
  });
});

describe('distributions under concurrent retries', () => {
  let ctx: TestContext;
  afterAll(() => ctx?.close());

  it('counts a day once when a phone sends the same record ten times at once', async () => {
    ctx = await startTestApp();
    const net = await seedNetwork(ctx);
    const lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
    const day = addDays(localDate(new Date()), -2);
    const answers = await Promise.all(Array.from({ length: 10 }, () =>
      ctx.http().post(`/sites/${net.point.id}/distributions`).set(lead).send({ date: day, households: 12, persons: 30, bagsHandedOut: 12 })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.code === 'distribution_exists')).toBe(true);
    const rows = await ctx.deps.database.db.select().from(distributions).where(eq(distributions.pointId, net.point.id));
    expect(rows).toHaveLength(1);
  });
});

describe('distributions in embedded mode (PGlite)', () => {
  let ctx: TestContext;
  afterAll(() => ctx?.close());

  it('records, corrects and reports a day', async () => {
    ctx = await startTestApp({ mode: 'embedded' });
    const net = await seedNetwork(ctx);
    const lead = bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token);
    const day = addDays(localDate(new Date()), -1);
    const first = await ctx.http().post(`/sites/${net.point.id}/distributions`).set(lead).send({ date: day, households: 9, persons: 20, bagsHandedOut: 9 });
    expect(first.status).toBe(201);
    const fixed = await ctx.http().post(`/sites/${net.point.id}/distributions`).set(lead).send({ date: day, households: 10, persons: 21, bagsHandedOut: 10, supersedes: first.body.id });
    expect(fixed.status).toBe(201);
    await expect(ctx.deps.database.db.update(distributions).set({ households: 0 })).rejects.toThrow();
    const report = await ctx.http().get('/reports/funder').query({ from: day, to: day }).set(net.auth);
    expect(report.body).toMatchObject({ households: 10, persons: 21, bagsHandedOut: 10, distributions: 1, pointsActive: 1, organisationsActive: 0 });
  });
});
