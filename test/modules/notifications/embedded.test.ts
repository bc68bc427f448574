import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { startSmtpServer } from '../../helpers/messaging.ts';

/** Embedded mode (PGlite, jobs in the API process): the same outbox of messages and the same mail. */
describe('notifications in embedded mode', () => {
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    ctx = await startTestApp({ mode: 'embedded', env: { SMTP_URL: smtp.url } });
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
  });

  it('mails the coordinator once about an excursion, and signs volunteers up for shifts', async () => {
    const net = await seedNetwork(ctx);
    const wh = await ctx.userToken('warehouse');
    const reading = await post(ctx, bearer(wh.token), `/storage-units/${net.units.frozen.id}/temperature-readings`, { celsius: -8 });
    expect(reading.excursion).toBe(true);
    await eventually(async () => smtp.mails.some((m) => m.to === net.coordinator.email));
    expect(smtp.mails.filter((m) => m.to === net.coordinator.email).map((m) => m.subject)).toEqual(['Lämpötilapoikkeama: Freezer']);
    const inbox = (await ctx.http().get('/me/notifications').set(net.auth)).body;
    expect(inbox.items[0]).toMatchObject({ kind: 'alert_excursion', status: 'sent', channel: 'email' });

    const start = new Date(Date.now() + 2 * 86_400_000);
    const [shift] = (await post(ctx, net.auth, '/shifts', { siteId: net.depot.id, kind: 'warehouse', needed: 1, start: start.toISOString(), end: new Date(start.getTime() + 3 * 3600_000).toISOString() })).items;
    expect((await ctx.http().post(`/shifts/${shift.id}/signups`).set(bearer(wh.token)).send({})).status).toBe(201);
    const other = await ctx.userToken('warehouse');
    expect((await ctx.http().post(`/shifts/${shift.id}/signups`).set(bearer(other.token)).send({})).status).toBe(409);
  }, 60_000);
});
