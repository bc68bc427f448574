import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localTimeOnDate } from '../../../src/domain/dates.ts';
import { inArray } from 'drizzle-orm';
import { notifications } from '../../../src/db/schema/index.ts';
import { createChannels } from '../../../src/modules/notifications/notifications.channels.ts';
import { notify, sendNotification, type Message } from '../../../src/modules/notifications/notifications.service.ts';
import type { MessageKind } from '../../../src/i18n/notifications.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { duplicates, startSmsGateway, startSmtpServer } from '../../helpers/messaging.ts';
import { MONDAY, TUESDAY, testClock } from '../../helpers/reservations.ts';
import { runScheduled } from '../../helpers/scheduled.ts';

const shiftMsg = (key: string, urgent = false): Message<MessageKind> => ({
  kind: 'shift_tomorrow', key, urgent,
  params: { kind: 'packing', siteName: 'Mikkelin varasto', date: TUESDAY, start: '08:00', end: '12:00' },
});

describe('notifications over real SMTP and an SMS webhook', () => {
  const clock = testClock();
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let sms: Awaited<ReturnType<typeof startSmsGateway>>;
  let coord: Record<string, string>;

  const send = async (userIds: string[], msg: Message<MessageKind>) => {
    const n = await ctx.deps.database.db.transaction((tx) => notify(tx, userIds, msg, clock.now()));
    ctx.deps.outbox.kick();
    return n;
  };
  const person = async (body: object, role: 'warehouse' | 'driver' = 'warehouse') => {
    const u = await ctx.userToken(role);
    const res = await ctx.http().patch(`/users/${u.id}`).set(coord).send(body);
    expect(res.status).toBe(200);
    return { ...u, auth: bearer(u.token) };
  };
  const inbox = async (auth: Record<string, string>, q = '') => (await ctx.http().get(`/me/notifications${q}`).set(auth)).body;
  const statusOf = async (userId: string) => (await ctx.http().get(`/notifications?userId=${userId}`).set(coord)).body.items;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    sms = await startSmsGateway();
    ctx = await startTestApp({ now: clock.now, env: { SMTP_URL: smtp.url, MAIL_FROM: 'Kassi <kassi@ruoka-apu.test>', SMS_WEBHOOK_URL: sms.url } });
    coord = bearer((await ctx.userToken('coordinator')).token);
  }, 60_000);
  afterAll(async () => {
    await ctx?.close();
    await smtp?.close();
    await sms?.close();
  });

  it('sends each message once over the chosen channel, in Finnish or English, and keeps every one in the inbox', async () => {
    const mailFi = await person({});
    const mailEn = await person({ locale: 'en' });
    const texter = await person({ phone: '040 111 2222', notify: 'sms' });
    const quiet = await person({ notify: 'none' });
    const everyone = [mailFi.id, mailEn.id, texter.id, quiet.id];
    expect(await send(everyone, shiftMsg('t1'))).toBe(4);
    // The trigger fires again (a retried job, a second scheduler run): nothing new.
    expect(await send(everyone, shiftMsg('t1'))).toBe(0);

    await eventually(async () => smtp.mails.filter((m) => [mailFi.email, mailEn.email].includes(m.to)).length === 2 && sms.messages.length >= 1);
    await eventually(async () => (await statusOf(quiet.id))[0]?.status === 'inbox');
    const fi = smtp.mails.find((m) => m.to === mailFi.email)!;
    expect(fi.subject).toBe('Pakkausvuoro huomenna');
    expect(fi.text).toContain('klo 8.00–12.00, Mikkelin varasto');
    expect(smtp.mails.find((m) => m.to === mailEn.email)!.subject).toBe('Packing shift tomorrow');
    const text = sms.messages.find((m) => m.to === '+358401112222')!;
    expect(text.text).toMatch(/^Pakkausvuoro huomenna: /);
    expect(text.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(smtp.mails.some((m) => m.to === quiet.email || m.to === texter.email)).toBe(false);
    expect(duplicates(smtp.mails.map((m) => m.messageId))).toEqual([]);

    expect((await statusOf(mailFi.id))[0]).toMatchObject({ status: 'sent', channel: 'email', attempts: 1 });
    expect((await statusOf(texter.id))[0]).toMatchObject({ status: 'sent', channel: 'sms' });
    for (const u of [mailFi, mailEn, texter, quiet]) {
      const box = await inbox(u.auth);
      expect(box.items).toHaveLength(1);
      expect(box.unread).toBe(1);
    }
  });

  it('marks a notification read, only for its owner', async () => {
    const a = await person({ notify: 'none' });
    const b = await person({ notify: 'none' });
    await send([a.id], shiftMsg('read-test'));
    const [item] = (await inbox(a.auth)).items;
    expect((await ctx.http().post(`/me/notifications/${item.id}/read`).set(b.auth).send({})).status).toBe(404);
    const read = await ctx.http().post(`/me/notifications/${item.id}/read`).set(a.auth).send({});
    expect(read.body).toMatchObject({ read: true });
    expect(await inbox(a.auth, '?unread=true')).toEqual({ items: [], unread: 0 });
    expect((await inbox(a.auth)).items).toHaveLength(1);
    expect((await ctx.http().get('/notifications').set(a.auth)).status).toBe(403);
  });

  it('retries a refusing SMTP server with backoff, then marks the message failed for a coordinator, and sends it once on resend', async () => {
    const u = await person({});
    const offeredBefore = smtp.attempts();
    smtp.refuse(true);
    await send([u.id], shiftMsg('refused'));
    const failed = await eventually(async () => {
      const items = (await ctx.http().get('/notifications?status=failed').set(coord)).body.items.filter((n: { userId: string }) => n.userId === u.id);
      return items.length ? items[0] : undefined;
    }, 30_000);
    expect(failed).toMatchObject({ status: 'failed', attempts: 4, channel: 'email' });
    expect(failed.lastError).toMatch(/Mailbox unavailable/);
    expect(smtp.attempts() - offeredBefore).toBe(4);
    expect(smtp.mails.some((m) => m.to === u.email)).toBe(false);
    // It is not lost: still in the user's inbox, and a coordinator sends it again.
    expect((await inbox(u.auth)).items).toHaveLength(1);
    smtp.refuse(false);
    const again = await ctx.http().post(`/notifications/${failed.id}/resend`).set(coord).send({});
    expect(again.body).toMatchObject({ status: 'pending', attempts: 0 });
    await eventually(async () => (await statusOf(u.id))[0].status === 'sent');
    expect(smtp.mails.filter((m) => m.to === u.email)).toHaveLength(1);
    expect((await ctx.http().post(`/notifications/${failed.id}/resend`).set(coord).send({})).status).toBe(409);
  }, 60_000);

  it('holds messages in quiet hours until 07:00 Helsinki, but sends urgent alerts at once', async () => {
    const u = await person({ phone: '+358 44 987 6543', notify: 'sms' });
    clock.set(localTimeOnDate(MONDAY, '22:30'));
    await send([u.id], shiftMsg('night-reminder'));
    await send([u.id], { kind: 'alert_excursion', key: 'night-alert', urgent: true, params: { unitName: 'Pakastin', celsius: -9, detail: '' } });
    await eventually(async () => sms.messages.some((m) => m.to === '+358449876543'));
    await ctx.deps.runner.enqueue('notifications-due', {}, { jobId: `due-${Date.now()}` });
    await new Promise((r) => setTimeout(r, 500));
    const night = sms.messages.filter((m) => m.to === '+358449876543');
    expect(night.map((m) => m.text.split(':')[0])).toEqual(['Lämpötilapoikkeama']);
    const held = (await statusOf(u.id)).find((n: { kind: string }) => n.kind === 'shift_tomorrow');
    expect(held).toMatchObject({ status: 'pending', sendAfter: localTimeOnDate(TUESDAY, '07:00').toISOString() });

    clock.set(localTimeOnDate(TUESDAY, '07:00'));
    await ctx.deps.runner.enqueue('notifications-due', {}, { jobId: `due-${Date.now()}` });
    await eventually(async () => sms.messages.filter((m) => m.to === '+358449876543').length === 2);
    clock.set(localTimeOnDate(MONDAY, '11:00'));
  });

  it('tells the coordinators at once of a missed own-check reading, in the night too', async () => {
    const c = await ctx.userToken('coordinator');
    const auth = bearer(c.token);
    const depot = await ctx.http().post('/sites').set(auth).send({ kind: 'depot', name: 'Juvan varasto', municipality: 'Juva', lat: 61.9, lon: 27.85 });
    await ctx.http().post('/storage-units').set(auth).send({ depotId: depot.body.id, name: 'Kylmiö 2', temperatureClass: 'chilled', capacityKg: 500 });
    // 01:00 on the Tuesday: the own-check audit finds Monday without a reading.
    clock.set(localTimeOnDate(TUESDAY, '01:00'));
    await ctx.deps.runner.enqueue('check-readings', {}, { jobId: `check-${Date.now()}` });
    await runScheduled(ctx, 'volunteer-reminders');
    await runScheduled(ctx, 'volunteer-reminders');
    expect(smtp.mails.filter((m) => m.to === c.email).map((m) => m.subject)).toEqual(['Lämpötilakirjaus puuttuu: Kylmiö 2']);
    clock.set(localTimeOnDate(MONDAY, '11:00'));
  });

  it('counts an SMS gateway that fails as attempts, then failed', async () => {
    const u = await person({ phone: '+358 45 000 1111', notify: 'sms' });
    sms.fail(true);
    await send([u.id], shiftMsg('sms-down'));
    const row = await eventually(async () => {
      const [n] = await statusOf(u.id);
      return n?.status === 'failed' ? n : undefined;
    }, 30_000);
    sms.fail(false);
    expect(row).toMatchObject({ attempts: 4, channel: 'sms', lastError: 'SMS gateway answered 503' });
  }, 60_000);

  it('sends a message again with the same Message-ID and Idempotency-Key when its "sent" mark was lost after the send (the double-send window)', async () => {
    // The one window: the mail server accepted the message, then the process died before the
    // commit that marks it sent. The job runs again and sends it again, under the same identity,
    // so the receiver (mail clients by Message-ID, the SMS gateway by Idempotency-Key) shows it once.
    const mailer = await person({});
    const texter = await person({ phone: '040 111 2299', notify: 'sms' });
    await send([mailer.id, texter.id], shiftMsg('window'));
    await eventually(async () => smtp.mails.some((m) => m.to === mailer.email) && sms.messages.some((m) => m.to === '+358401112299'));
    const ids = (await ctx.deps.database.db.select().from(notifications).where(inArray(notifications.userId, [mailer.id, texter.id]))).map((n) => n.id);
    await ctx.deps.database.db.update(notifications).set({ status: 'pending', sentAt: null }).where(inArray(notifications.id, ids));
    for (const id of ids) await sendNotification({ ...ctx.deps, channels: createChannels(ctx.deps.config) }, id);
    const mails = smtp.mails.filter((m) => m.to === mailer.email);
    expect(mails).toHaveLength(2);
    expect(mails[1].messageId).toBe(mails[0].messageId);
    const texts = sms.messages.filter((m) => m.to === '+358401112299');
    expect(texts).toHaveLength(2);
    expect(texts[1].idempotencyKey).toBe(texts[0].idempotencyKey);
    // Marked sent again, and not sent a third time by a later run.
    for (const id of ids) await sendNotification({ ...ctx.deps, channels: createChannels(ctx.deps.config) }, id);
    expect(smtp.mails.filter((m) => m.to === mailer.email)).toHaveLength(2);
  });
});
