import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftAttendance } from '../../../src/db/schema/index.ts';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { MONDAY, TUESDAY, WEDNESDAY, testClock } from '../../helpers/reservations.ts';

type Auth = Record<string, string>;

describe('volunteers and shifts', () => {
  const clock = testClock();
  let ctx: TestContext;
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let coord: Auth;
  const at = (date: string, time: string) => localTimeOnDate(date, time).toISOString();

  /** A warehouse volunteer with a hygiene passport, signed in. */
  async function volunteer(passport: string | null = '2099-12-31', role: 'warehouse' | 'driver' = 'warehouse') {
    const u = await ctx.userToken(role);
    if (passport) await patchUser(u.id, { hygienePassportUntil: passport });
    return { ...u, auth: bearer(u.token) };
  }
  const patchUser = async (id: string, body: object, status = 200) => {
    const res = await ctx.http().patch(`/users/${id}`).set(coord).send(body);
    expect(res.status, JSON.stringify(res.body)).toBe(status);
    return res.body;
  };
  const shift = async (body: object) => (await post(ctx, coord, '/shifts', { siteId: net.depot.id, needed: 2, ...body })).items;

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    net = await seedNetwork(ctx);
    coord = net.auth;
  }, 60_000);
  afterAll(() => ctx?.close());

  describe('volunteer details', () => {
    it('stores a phone number in E.164 and refuses one that is not a phone number with 400, changing nothing', async () => {
      const u = await ctx.userToken('warehouse');
      const ok = await patchUser(u.id, { phone: '040 123 4567', notify: 'sms', locale: 'en' });
      expect(ok).toMatchObject({ phone: '+358401234567', notify: 'sms', locale: 'en', active: true });
      for (const phone of ['abc', '123', '+358 40 123 4567 8901']) {
        const res = await ctx.http().patch(`/users/${u.id}`).set(coord).send({ phone });
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        expect(res.body.errors[0].path).toMatch(/phone/);
      }
      const bad = await ctx.http().post('/users').set(coord).send({ email: 'x@test.example', name: 'X', role: 'warehouse', password: 'long-enough-pw', phone: 'not a phone' });
      expect(bad.status).toBe(400);
      const me = await ctx.http().get('/me').set(bearer(u.token));
      expect(me.body.phone).toBe('+358401234567');
      expect((await ctx.http().get('/users').set(coord)).body.items.some((x: { email: string }) => x.email === 'x@test.example')).toBe(false);
    });

    it('lets a volunteer choose their own channel, but not SMS without a phone', async () => {
      const u = await ctx.userToken('driver');
      const res = await ctx.http().patch('/me').set(bearer(u.token)).send({ notify: 'sms' });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('phone_required');
      const ok = await ctx.http().patch('/me').set(bearer(u.token)).send({ phone: '+358 50 765 4321', notify: 'sms' });
      expect(ok.body).toMatchObject({ notify: 'sms', phone: '+358507654321' });
      expect((await ctx.http().patch('/me').set(bearer(u.token)).send({ active: false })).status).toBe(400);
    });

    it('filters the roster by role, site and expiring passport, and a deactivated user can no longer sign in', async () => {
      const soon = await volunteer('2020-01-31');
      const later = await volunteer('2099-01-01');
      const lead = await ctx.userToken('point_lead', { pointId: net.point.id });
      const roster = async (q: string) => (await ctx.http().get(`/users?${q}`).set(coord)).body.items.map((u: { id: string }) => u.id);
      const expiring = await roster('passportExpiringBefore=2021-01-01');
      expect(expiring).toContain(soon.id);
      expect(expiring).not.toContain(later.id);
      expect(await roster('role=point_lead')).toEqual([lead.id]);
      expect(await roster(`siteId=${net.point.id}`)).toEqual([lead.id]);
      await patchUser(soon.id, { active: false });
      expect(await roster('active=false')).toEqual([soon.id]);
      expect((await ctx.http().get('/me').set(soon.auth)).status).toBe(401);
    });
  });

  describe('shifts and sign-ups', () => {
    it('repeats a weekly shift on the same Helsinki times, and lists shifts by site and date', async () => {
      const items = await shift({ kind: 'warehouse', start: at(WEDNESDAY, '08:00'), end: at(WEDNESDAY, '12:00'), weeks: 3, note: 'Sorting' });
      expect(items).toHaveLength(3);
      expect(new Set(items.map((s: { seriesId: string }) => s.seriesId)).size).toBe(1);
      expect(items.map((s: { start: string }) => s.start)).toEqual([0, 7, 14].map((d) => localTimeOnDate(addDaysTo(WEDNESDAY, d), '08:00').toISOString()));
      const listed = await ctx.http().get(`/shifts?from=${WEDNESDAY}&to=${WEDNESDAY}&siteId=${net.depot.id}`).set(coord);
      expect(listed.body.items.map((s: { id: string }) => s.id)).toContain(items[0].id);
      expect(listed.body.items.every((s: { start: string }) => s.start.startsWith(WEDNESDAY.slice(0, 8)))).toBe(true);
    });

    it('refuses a shift at the wrong kind of site and a shift that ends before it starts', async () => {
      const wrong = await ctx.http().post('/shifts').set(coord).send({ siteId: net.point.id, kind: 'packing', start: at(TUESDAY, '08:00'), end: at(TUESDAY, '10:00'), needed: 1 });
      expect([wrong.status, wrong.body.code]).toEqual([422, 'wrong_site_kind']);
      const backwards = await ctx.http().post('/shifts').set(coord).send({ siteId: net.depot.id, kind: 'warehouse', start: at(TUESDAY, '10:00'), end: at(TUESDAY, '08:00'), needed: 1 });
      expect(backwards.status).toBe(400);
    });

    it('signs up once however often asked, fills up, and answers 409 to a full shift', async () => {
      const [s] = await shift({ kind: 'warehouse', start: at(TUESDAY, '08:00'), end: at(TUESDAY, '12:00') });
      const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()];
      const first = await ctx.http().post(`/shifts/${s.id}/signups`).set(a.auth).send({});
      expect(first.status).toBe(201);
      const again = await ctx.http().post(`/shifts/${s.id}/signups`).set(a.auth).send({});
      expect(again.status).toBe(200);
      expect(again.body.shift.signedUp).toBe(1);
      // A coordinator signs up someone else.
      expect((await ctx.http().post(`/shifts/${s.id}/signups`).set(coord).send({ userId: b.id })).status).toBe(201);
      const full = await ctx.http().post(`/shifts/${s.id}/signups`).set(c.auth).send({});
      expect([full.status, full.body.code]).toEqual([409, 'shift_full']);
      // A volunteer cannot sign up someone else.
      expect((await ctx.http().post(`/shifts/${s.id}/signups`).set(c.auth).send({ userId: a.id })).status).toBe(403);
      const detail = await ctx.http().get(`/shifts/${s.id}`).set(coord);
      expect(detail.body.signups.map((x: { userId: string }) => x.userId).sort()).toEqual([a.id, b.id].sort());
    });

    it('gives the last place to exactly one of many concurrent sign-ups', async () => {
      const [s] = await shift({ kind: 'warehouse', start: at(TUESDAY, '13:00'), end: at(TUESDAY, '15:00'), needed: 1 });
      const people = await Promise.all(Array.from({ length: 6 }, () => volunteer()));
      const codes = await Promise.all(people.map((p) => ctx.http().post(`/shifts/${s.id}/signups`).set(p.auth).send({}).then((r) => r.status)));
      expect(codes.filter((c) => c === 201)).toHaveLength(1);
      expect(codes.filter((c) => c === 409)).toHaveLength(5);
    });

    it('refuses packing without a valid hygiene passport with 422 and the reason', async () => {
      const [s] = await shift({ kind: 'packing', start: at(TUESDAY, '09:00'), end: at(TUESDAY, '13:00') });
      const none = await volunteer(null);
      const expired = await volunteer(MONDAY);
      const r1 = await ctx.http().post(`/shifts/${s.id}/signups`).set(none.auth).send({});
      expect([r1.status, r1.body.code, r1.body.reason]).toEqual([422, 'hygiene_passport_required', 'hygiene_passport_required']);
      expect(r1.body.detail).toMatch(/no hygiene passport/);
      const fi = await ctx.http().post(`/shifts/${s.id}/signups`).set(none.auth).set('accept-language', 'fi').send({});
      expect(fi.body.detail).toMatch(/hygieniapassi/);
      const r2 = await ctx.http().post(`/shifts/${s.id}/signups`).set(expired.auth).send({});
      expect(r2.status).toBe(422);
      expect(r2.body.detail).toContain(`expired on ${MONDAY}`);
      const valid = await volunteer(TUESDAY);
      expect((await ctx.http().post(`/shifts/${s.id}/signups`).set(valid.auth).send({})).status).toBe(201);
      const driver = await volunteer(null, 'driver');
      expect((await ctx.http().post(`/shifts/${s.id}/signups`).set(driver.auth).send({})).body.code).toBe('role_not_eligible');
      expect((await ctx.http().get(`/shifts/${s.id}`).set(coord)).body.signedUp).toBe(1);
    });

    it('lists shifts short of people until they are filled, and frees a place on cancel', async () => {
      const [s] = await shift({ kind: 'warehouse', start: at(WEDNESDAY, '13:00'), end: at(WEDNESDAY, '16:00'), needed: 1 });
      const shortIds = async () => (await ctx.http().get(`/shifts?from=${WEDNESDAY}&to=${WEDNESDAY}&short=true`).set(coord)).body.items.map((x: { id: string }) => x.id);
      expect(await shortIds()).toContain(s.id);
      const v = await volunteer();
      await post(ctx, v.auth, `/shifts/${s.id}/signups`, {});
      expect(await shortIds()).not.toContain(s.id);
      const mine = await ctx.http().get(`/shifts?from=${WEDNESDAY}&to=${WEDNESDAY}&mine=true`).set(v.auth);
      expect(mine.body.items.map((x: { id: string }) => x.id)).toEqual([s.id]);
      expect(mine.body.items[0].signups).toBeUndefined();
      const cancelled = await post(ctx, v.auth, `/shifts/${s.id}/signups/${v.id}/cancel`, {}, 200);
      expect(cancelled.cancelledAt).toBeDefined();
      expect((await post(ctx, v.auth, `/shifts/${s.id}/signups/${v.id}/cancel`, {}, 200)).cancelledAt).toBe(cancelled.cancelledAt);
      expect(await shortIds()).toContain(s.id);
    });
  });

  describe('attendance and hours', () => {
    it('records present and no-show after the shift, refuses someone not signed up, and adds up the hours', async () => {
      const date = TUESDAY;
      const [s] = await shift({ kind: 'warehouse', start: at(date, '16:00'), end: at(date, '20:00'), needed: 3 });
      const [a, b, c] = [await volunteer(), await volunteer(), await volunteer()];
      for (const v of [a, b]) await post(ctx, coord, `/shifts/${s.id}/signups`, { userId: v.id });
      const early = await ctx.http().post(`/shifts/${s.id}/attendance`).set(coord).send({ userId: a.id, present: true });
      expect(early.body.code).toBe('shift_not_started');

      clock.set(at(date, '20:30'));
      const late = await ctx.http().post(`/shifts/${s.id}/signups`).set(c.auth).send({});
      expect([late.status, late.body.code]).toEqual([409, 'shift_past']);
      expect((await ctx.http().post(`/shifts/${s.id}/signups/${a.id}/cancel`).set(a.auth).send({})).status).toBe(409);
      expect((await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: a.id, present: true })).minutes).toBe(240);
      expect((await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: b.id, present: false })).minutes).toBe(0);
      const stranger = await ctx.http().post(`/shifts/${s.id}/attendance`).set(coord).send({ userId: c.id, present: true, minutes: 60 });
      expect([stranger.status, stranger.body.code]).toEqual([422, 'not_signed_up']);
      expect((await ctx.http().post(`/shifts/${s.id}/attendance`).set(coord).send({ userId: b.id, present: false, minutes: 30 })).status).toBe(400);
      // A correction: a left an hour early.
      await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: a.id, present: true, minutes: 180 });

      const hours = await ctx.http().get(`/shifts/hours?from=${date}&to=${date}&period=day`).set(coord);
      expect(hours.status).toBe(200);
      const row = (id: string) => hours.body.perVolunteer.find((v: { userId: string }) => v.userId === id);
      expect(row(a.id)).toMatchObject({ shifts: 1, minutes: 180, hours: 3, noShows: 0 });
      expect(row(b.id)).toMatchObject({ shifts: 0, minutes: 0, noShows: 1 });
      expect(row(c.id)).toBeUndefined();
      expect(hours.body).toMatchObject({ totalMinutes: 180, totalHours: 3, volunteersActive: 1, newVolunteers: 1, periods: [{ period: date, volunteers: 1, minutes: 180 }] });
      expect((await ctx.http().get(`/shifts/hours?from=${date}&to=${date}`).set(a.auth)).status).toBe(403);
    });

    it('keeps a corrected attendance as history: a new record supersedes it, and hours and the funder\'s report count only the latest', async () => {
      const date = WEDNESDAY; // no other attendance that day
      clock.set(at(date, '06:00'));
      const [s] = await shift({ kind: 'warehouse', start: at(date, '08:00'), end: at(date, '12:00'), needed: 2 });
      const [a, b] = [await volunteer(), await volunteer()];
      for (const v of [a, b]) await post(ctx, coord, `/shifts/${s.id}/signups`, { userId: v.id });
      clock.set(at(date, '12:30'));
      const first = await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: a.id, present: true });
      expect(first).toMatchObject({ minutes: 240, history: [] });
      expect(first.supersedes).toBeUndefined();
      await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: b.id, present: false });
      // Corrections: a left an hour early; b did come after all, for two hours.
      clock.set(at(date, '13:00'));
      const fixed = await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: a.id, present: true, minutes: 180 });
      expect(fixed).toMatchObject({ userId: a.id, present: true, minutes: 180, supersedes: first.id, recordedAt: at(date, '13:00') });
      expect(fixed.id).not.toBe(first.id);
      expect(fixed.history).toEqual([{ id: first.id, present: true, minutes: 240, recordedAt: at(date, '12:30'), recordedBy: net.coordinator.id }]);
      await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: b.id, present: true, minutes: 120 });
      // The same values again are no correction: 200, the current record, nothing written.
      const rows = () => ctx.deps.database.db.select().from(shiftAttendance).where(eq(shiftAttendance.shiftId, s.id));
      expect(await rows()).toHaveLength(4);
      const same = await post(ctx, coord, `/shifts/${s.id}/attendance`, { userId: a.id, present: true, minutes: 180 }, 200);
      expect(same).toMatchObject({ id: fixed.id, history: [{ id: first.id }] });
      expect(await rows()).toHaveLength(4);

      const held = (await ctx.http().get(`/shifts/${s.id}`).set(coord)).body;
      const of = (id: string) => held.attendance.find((x: { userId: string }) => x.userId === id);
      expect(held.attendance).toHaveLength(2);
      expect(of(a.id)).toMatchObject({ id: fixed.id, minutes: 180, history: [{ id: first.id, minutes: 240 }] });
      expect(of(b.id)).toMatchObject({ present: true, minutes: 120, history: [{ present: false, minutes: 0 }] });

      const hours = (await ctx.http().get(`/shifts/hours?from=${date}&to=${date}&period=day`).set(coord)).body;
      expect(hours).toMatchObject({ totalMinutes: 300, volunteersActive: 2, newVolunteers: 2 });
      expect(hours.perVolunteer.map((v: { userId: string; shifts: number; noShows: number; minutes: number }) => [v.userId, v.shifts, v.noShows, v.minutes]).sort())
        .toEqual([[a.id, 1, 0, 180], [b.id, 1, 0, 120]].sort());
      const funder = await ctx.http().get(`/reports/funder?from=${date}&to=${date}`).set(coord);
      expect(funder.status).toBe(200);
      expect(funder.body).toMatchObject({ volunteersActive: 2, volunteerHours: 5, newVolunteers: 2 });
    });

    it('refuses UPDATE, DELETE and TRUNCATE of attendance in the database itself', async () => {
      const { database } = ctx.deps;
      const before = await database.db.select().from(shiftAttendance);
      expect(before.length).toBeGreaterThan(0);
      const refusal = (q: ReturnType<typeof sql>) => database.rows(database.db, q).then(
        () => 'accepted',
        (err: Error & { cause?: Error }) => (err.cause ?? err).message,
      );
      expect(await refusal(sql`update shift_attendance set recorded_at = recorded_at`)).toMatch(/shift_attendance is append-only/);
      expect(await refusal(sql`delete from shift_attendance`)).toMatch(/shift_attendance is append-only/);
      expect(await refusal(sql`truncate shift_attendance`)).toMatch(/shift_attendance is append-only/);
      expect(await database.db.select().from(shiftAttendance)).toEqual(before);
    });
  });
});

function addDaysTo(date: string, n: number) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
