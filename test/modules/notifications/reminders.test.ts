import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { startSmtpServer } from '../../helpers/messaging.ts';
import { stockBags, testClock } from '../../helpers/reservations.ts';
import { runScheduled } from '../../helpers/scheduled.ts';

/** Summer time starts on Sunday 2027-03-28 at 03:00 EET (→ 04:00 EEST). */
const SATURDAY = '2027-03-27';
const MONDAY = '2027-03-29';

describe('the cut-off reminder goes out at 15:00 Helsinki time, also across the spring DST change', () => {
  const clock = testClock(localTimeOnDate(SATURDAY, '09:00'));
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let leadA: { email: string; token: string };
  let leadB: { email: string; token: string };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ctx = await startTestApp({ now: clock.now, env: { SMTP_URL: smtp.url } });
    const net = await seedNetwork(ctx);
    // Point A distributes on Sundays and Mondays and has reserved nothing; point B (Mondays) has.
    const pointA = await post(ctx, net.auth, '/sites', { kind: 'point', name: 'Anttola', municipality: 'Mikkeli', lat: 61.6, lon: 27.4, depotId: net.depot.id });
    for (const weekday of ['sun', 'mon']) await post(ctx, net.auth, `/sites/${pointA.id}/distribution-days`, { weekday, start: '12:00', end: '14:00' });
    const pointB = await post(ctx, net.auth, '/sites', { kind: 'point', name: 'Ristiina', municipality: 'Mikkeli', lat: 61.5, lon: 27.3, depotId: net.depot.id });
    await post(ctx, net.auth, `/sites/${pointB.id}/distribution-days`, { weekday: 'mon', start: '12:00', end: '14:00' });
    leadA = await ctx.userToken('point_lead', { pointId: pointA.id });
    leadB = await ctx.userToken('point_lead', { pointId: pointB.id });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 5, weightG: 4000, packedAt: clock.now() });
    await post(ctx, bearer(leadB.token), '/reservations', { pointId: pointB.id, date: MONDAY, bagType: 'food', bags: 2 });
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  const mailsTo = (email: string) => smtp.mails.filter((m) => m.to === email).map((m) => m.subject);
  const at = async (iso: string) => {
    clock.set(iso);
    await runScheduled(ctx, 'volunteer-reminders');
  };

  it('reminds at 15:00 EET on Saturday for Sunday, and at 15:00 EEST on Sunday for Monday; never before, never twice', async () => {
    await at('2027-03-27T12:59:00Z'); // 14:59 EET
    expect(mailsTo(leadA.email)).toEqual([]);
    await at('2027-03-27T13:00:00Z'); // 15:00 EET
    expect(mailsTo(leadA.email)).toEqual(['Varaa kassit: Anttola 28.3.2027']);
    await at('2027-03-27T15:30:00Z');
    expect(mailsTo(leadA.email)).toHaveLength(1);

    await at('2027-03-28T11:59:00Z'); // 14:59 EEST
    expect(mailsTo(leadA.email)).toHaveLength(1);
    await at('2027-03-28T12:00:00Z'); // 15:00 EEST (a reminder kept at winter's 13:00Z would come an hour late)
    expect(mailsTo(leadA.email)).toEqual(['Varaa kassit: Anttola 28.3.2027', 'Varaa kassit: Anttola 29.3.2027']);
    const monday = smtp.mails.filter((m) => m.to === leadA.email)[1];
    expect(monday.text).toContain('Varaukset sulkeutuvat tänään klo 18.00');
    await at('2027-03-28T15:00:00Z'); // 18:00 EEST: the cut-off has passed
    expect(mailsTo(leadA.email)).toHaveLength(2);
    // Point B reserved for Monday: no reminder.
    expect(mailsTo(leadB.email)).toEqual([]);
    const inbox = (await ctx.http().get('/me/notifications').set(bearer(leadA.token))).body;
    expect(inbox.items.map((n: { kind: string }) => n.kind)).toEqual(['cutoff_reminder', 'cutoff_reminder']);
  }, 60_000);
});
