import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localTimeOnDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { duplicates, startSmsGateway, startSmtpServer } from '../../helpers/messaging.ts';
import { MONDAY, TUESDAY, WEDNESDAY, stockBags, testClock } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';
import { runScheduled } from '../../helpers/scheduled.ts';

const THURSDAY = addDays(MONDAY, 3);
const FRIDAY = addDays(MONDAY, 4);
const SUNDAY = addDays(MONDAY, 6);
const fiDate = (d: string) => `${Number(d.slice(8, 10))}.${Number(d.slice(5, 7))}.${d.slice(0, 4)}`;
type Auth = Record<string, string>;

/**
 * A week of the network, hour by hour on an injected clock, with the real worker (BullMQ on
 * Redis), a real SMTP server and an SMS webhook: shifts are made and signed up for, one
 * volunteer does not show, a route is published and then changed late in the evening, a
 * cold room goes warm at 02:00 on Friday night, and the scheduler runs every hour.
 * Every message must arrive once, at the right hour, and the hours must add up.
 */
describe('a week of volunteers, shifts and notifications', () => {
  const clock = testClock(localTimeOnDate(MONDAY, '09:00'));
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sms = await startSmsGateway();
    ctx = await startTestApp({
      redis: true, worker: true, now: clock.now,
      env: { SMTP_URL: smtp.url, SMS_WEBHOOK_URL: sms.url, MAIL_FROM: 'Kassi <kassi@ruoka-apu.test>', PLANNING_TIME_LIMIT_MS: '200', TOKEN_TTL_HOURS: '400' },
    });
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
    await sms?.close();
  });

  it('sends every message exactly once at the right hour, and adds up the hours', async () => {
    const net = await seedNetwork(ctx);
    const coord = net.auth;
    const person = async (role: 'warehouse' | 'driver' | 'point_lead', body: object, pointId?: string) => {
      const u = await ctx.userToken(role, { pointId });
      const res = await ctx.http().patch(`/users/${u.id}`).set(coord).send(body);
      expect(res.status).toBe(200);
      return { ...u, auth: bearer(u.token) as Auth, phone: res.body.phone as string | undefined };
    };
    const leadA = await person('point_lead', {}, net.point.id);
    const leadB = await person('point_lead', { phone: '040 100 0001', notify: 'sms', locale: 'en' }, net.otherPoint.id);
    const w1 = await person('warehouse', { hygienePassportUntil: '2099-12-31' });
    const w2 = await person('warehouse', { hygienePassportUntil: '2099-12-31', phone: '040 100 0002', notify: 'sms' });
    const w3 = await person('warehouse', {});
    const w4 = await person('warehouse', { hygienePassportUntil: '2099-12-31', locale: 'en' });
    const d1 = await person('driver', { phone: '040 100 0003', notify: 'sms' });
    const names = new Map<string, string>([
      [net.coordinator.email, 'coordinator'], [leadA.email, 'leadA'], [w1.email, 'w1'], [w3.email, 'w3'], [w4.email, 'w4'],
      [leadB.phone!, 'leadB'], [w2.phone!, 'w2'], [d1.phone!, 'd1'],
    ]);

    await post(ctx, coord, '/vehicles', { depotId: net.depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '08:00', shiftEnd: '16:00' });
    await post(ctx, coord, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 6, weightG: 5000, packedAt: clock.now() });
    await post(ctx, leadA.auth, '/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 5 });

    const shift = async (kind: string, date: string, start: string, endDate: string, end: string, needed: number) =>
      (await post(ctx, coord, '/shifts', { siteId: net.depot.id, kind, needed, start: localTimeOnDate(date, start).toISOString(), end: localTimeOnDate(endDate, end).toISOString() })).items[0];
    const sTue = await shift('warehouse', TUESDAY, '08:00', TUESDAY, '12:00', 2);
    const sWed = await shift('packing', WEDNESDAY, '09:00', WEDNESDAY, '13:00', 2);
    const sThu = await shift('warehouse', THURSDAY, '20:00', FRIDAY, '04:00', 1);
    for (const [who, s] of [[w1, sTue], [w3, sTue], [w2, sWed], [w4, sThu]] as const) await post(ctx, who.auth, `/shifts/${s.id}/signups`, {});
    const refused = await ctx.http().post(`/shifts/${sWed.id}/signups`).set(w3.auth).send({});
    expect([refused.status, refused.body.code]).toEqual([422, 'hygiene_passport_required']);

    let routeMinutes = 0;
    const publish = async () => {
      const plan = await planAndWait(ctx, coord, net.depot.id, TUESDAY);
      expect(plan.status).toBe('done');
      await post(ctx, coord, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId: plan.routes[0].id, driverId: d1.id }] }, 200);
      routeMinutes = Math.round((Date.parse(plan.routes[0].end) - Date.parse(plan.routes[0].start)) / 60_000);
    };
    const attend = (s: { id: string }, userId: string, present: boolean, minutes?: number) =>
      post(ctx, coord, `/shifts/${s.id}/attendance`, { userId, present, ...(minutes === undefined ? {} : { minutes }) });

    const events: Record<string, () => Promise<unknown>> = {
      [`${MONDAY} 11`]: publish,
      // Re-planned late in the evening: the driver is told at 07:00, not at 22:00.
      [`${MONDAY} 22`]: publish,
      [`${TUESDAY} 12`]: async () => {
        await attend(sTue, w1.id, true);
        await attend(sTue, w3.id, false);
      },
      [`${TUESDAY} 18`]: async () => {
        const driving = (await ctx.http().get(`/shifts?from=${TUESDAY}&to=${TUESDAY}&kind=driving`).set(coord)).body.items.filter((s: { cancelled: boolean }) => !s.cancelled);
        expect(driving).toHaveLength(1);
        await attend(driving[0], d1.id, true);
        // w4 answers the call for the packing shift that is one short.
        await post(ctx, w4.auth, `/shifts/${sWed.id}/signups`, {});
      },
      [`${WEDNESDAY} 13`]: async () => {
        await attend(sWed, w2.id, true);
        await attend(sWed, w4.id, true, 180);
      },
      [`${FRIDAY} 02`]: async () => {
        const reading = await post(ctx, w4.auth, `/storage-units/${net.units.chilled.id}/temperature-readings`, { celsius: 9 });
        expect(reading.excursion).toBe(true);
      },
      [`${FRIDAY} 04`]: () => attend(sThu, w4.id, true),
    };

    const log: string[] = [];
    let mailsSeen = 0;
    let smsSeen = 0;
    for (let day = MONDAY; day <= SUNDAY; day = addDays(day, 1)) {
      for (let hour = day === MONDAY ? 9 : 0; hour < 24; hour += 1) {
        const hh = String(hour).padStart(2, '0');
        clock.set(localTimeOnDate(day, `${hh}:00`));
        await events[`${day} ${hh}`]?.();
        await runScheduled(ctx, 'notifications-due', 'volunteer-reminders');
        for (const m of smtp.mails.slice(mailsSeen)) log.push(`${day} ${hh} ${names.get(m.to)} mail ${m.subject}`);
        for (const m of sms.messages.slice(smsSeen)) log.push(`${day} ${hh} ${names.get(m.to)} sms ${m.text.split(':')[0]}`);
        [mailsSeen, smsSeen] = [smtp.mails.length, sms.messages.length];
      }
    }

    expect(log.sort()).toEqual([
      `${MONDAY} 11 d1 sms Reittisi ${fiDate(TUESDAY)}`,
      `${MONDAY} 17 w1 mail Varastovuoro huomenna`,
      `${MONDAY} 17 w3 mail Varastovuoro huomenna`,
      `${TUESDAY} 07 d1 sms Reittisi ${fiDate(TUESDAY)} muuttui`,
      `${TUESDAY} 15 leadB sms Reserve bags`,
      `${TUESDAY} 17 w1 mail Pakkausvuoro tarvitsee tekijöitä`,
      `${TUESDAY} 17 w2 sms Pakkausvuoro huomenna`,
      `${TUESDAY} 17 w4 mail Packing shift needs people`,
      `${TUESDAY} 18 w4 mail Packing shift tomorrow`,
      `${WEDNESDAY} 17 w4 mail Warehouse shift tomorrow`,
      `${FRIDAY} 02 coordinator mail Lämpötilapoikkeama: Cold room`,
      `${FRIDAY} 02 w4 mail Temperature excursion: Cold room`,
    ].sort());
    expect(duplicates(smtp.mails.map((m) => m.messageId))).toEqual([]);
    expect(duplicates(sms.messages.map((m) => m.idempotencyKey))).toEqual([]);

    // The database agrees: every message sent once, nothing failed, nothing left.
    const { database } = ctx.deps;
    const [figures] = await database.rows<{ sent: number; failed: number; other: number; retried: number }>(database.db, sql`select
      count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed,
      count(*) filter (where status not in ('sent', 'failed'))::int as other, count(*) filter (where attempts > 1)::int as retried from notifications`);
    expect(figures).toEqual({ sent: 12, failed: 0, other: 0, retried: 0 });
    // The inbox has them too.
    const w4Inbox = (await ctx.http().get('/me/notifications').set(w4.auth)).body;
    expect([w4Inbox.items.length, w4Inbox.unread]).toEqual([4, 4]);

    const hours = (await ctx.http().get(`/shifts/hours?from=${MONDAY}&to=${SUNDAY}&period=week`).set(coord)).body;
    const of = (id: string) => hours.perVolunteer.find((v: { userId: string }) => v.userId === id);
    expect(of(w1.id)).toMatchObject({ shifts: 1, minutes: 240, noShows: 0 });
    expect(of(w3.id)).toMatchObject({ shifts: 0, minutes: 0, noShows: 1 });
    expect(of(w2.id)).toMatchObject({ shifts: 1, minutes: 240 });
    expect(of(w4.id)).toMatchObject({ shifts: 2, minutes: 180 + 480 });
    expect(of(d1.id)).toMatchObject({ shifts: 1, minutes: routeMinutes });
    const total = 240 + 240 + 660 + routeMinutes;
    expect(hours).toMatchObject({ totalMinutes: total, volunteersActive: 4, newVolunteers: 4 });
    expect(hours.periods).toEqual([{ period: expect.stringMatching(/^\d{4}-W\d{2}$/), volunteers: 4, minutes: total, hours: Math.round((total / 60) * 100) / 100 }]);
    console.info(`week: ${smtp.mails.length} mails and ${sms.messages.length} SMS, each once; ${figures.sent} sent, ${figures.retried} retried, ${figures.failed} failed; ${total} volunteer minutes`);
  }, 300_000);
});
