import { pino } from 'pino';
import { localDate, localTimeOnDate } from '../../../src/domain/dates.ts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeps, type Deps } from '../../../src/deps.ts';
import { startJobs } from '../../../src/jobs/processors/index.ts';
import { createChannels } from '../../../src/modules/notifications/notifications.channels.ts';
import { insertNew } from '../../../src/modules/notifications/notifications.repo.ts';
import { notify, sendNotification } from '../../../src/modules/notifications/notifications.service.ts';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { duplicates, startSmtpServer } from '../../helpers/messaging.ts';

const COUNT = 30;
/** Today at noon in Helsinki: messages written at night wait for the morning (quiet hours), and these tests send at once whenever they run. */
const DAYTIME = localTimeOnDate(localDate(new Date()), '12:00');

/**
 * The API on PostgreSQL with BullMQ on the real Redis, and a separate worker (its own
 * dependencies: pool, queue connection, processors) that is shut down in the middle of
 * sending and started again; then the mail server goes down for a while.
 */
describe('sending notifications through BullMQ while the worker restarts and the mail server is down', () => {
  let ctx: TestContext;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  const workers: Deps[] = [];
  const startWorker = async () => {
    const w = await createDeps(ctx.config, pino({ level: 'silent' }));
    await startJobs(w, 'worker');
    workers.push(w);
    return w;
  };
  const statusCounts = async () => {
    const rows = await ctx.deps.database.rows<{ status: string; n: number }>(ctx.deps.database.db, sql`select status, count(*)::int as n from notifications group by status`);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  };

  beforeAll(async () => {
    smtp = await startSmtpServer({ slowMs: 120 });
    ctx = await startTestApp({ redis: true, env: { SMTP_URL: smtp.url } });
  }, 60_000);
  afterAll(async () => {
    for (const w of workers) await w.close().catch(() => {});
    await ctx?.close();
    await smtp?.close();
  });

  it('loses and doubles nothing when the worker is stopped mid-way and started again', async () => {
    // One after another: the API checks at most 10 passwords at a time and answers the rest 429.
    const users: { id: string; email: string }[] = [];
    for (let i = 0; i < COUNT; i += 1) users.push(await ctx.userToken('warehouse'));
    await ctx.deps.database.db.transaction((tx) => notify(tx, users.map((u) => u.id), {
      kind: 'shift_short', key: 'restart-test', params: { kind: 'warehouse', siteName: 'Varasto', date: '2030-01-08', start: '08:00', end: '12:00', short: 2 },
    }, DAYTIME));
    ctx.deps.outbox.kick();

    const first = await startWorker();
    await eventually(async () => smtp.mails.length >= 8);
    await first.close();
    const afterStop = smtp.mails.length;
    expect(afterStop).toBeLessThan(COUNT);
    // Whatever the stopped worker sent, it also recorded: the database agrees with the mail server.
    expect((await statusCounts()).sent).toBe(afterStop);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.mails.length).toBe(afterStop);

    await startWorker();
    await eventually(async () => (await statusCounts()).sent === COUNT, 60_000);
    expect(smtp.mails).toHaveLength(COUNT);
    expect(duplicates(smtp.mails.map((m) => m.messageId))).toEqual([]);
    expect(new Set(smtp.mails.map((m) => m.to))).toEqual(new Set(users.map((u) => u.email)));
    const [{ attempts }] = await ctx.deps.database.rows<{ attempts: number }>(ctx.deps.database.db, sql`select max(attempts)::int as attempts from notifications`);
    expect(Number(attempts)).toBe(1);
    console.info(`worker restart: ${afterStop} of ${COUNT} mails sent before the stop, ${COUNT - afterStop} after the restart, 0 duplicates`);
  }, 120_000);

  it('retries while the mail server is down and delivers everything once it is back', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => ctx.userToken('driver')));
    const port = smtp.port;
    const mails = smtp.mails;
    await smtp.close();
    await ctx.deps.database.db.transaction((tx) => notify(tx, users.map((u) => u.id), {
      kind: 'route_published', key: 'smtp-down', params: { date: '2030-01-08', start: '07:30', stops: 6 },
    }, DAYTIME));
    ctx.deps.outbox.kick();
    const waitingRetry = await eventually(async () => {
      const rows = await ctx.deps.database.rows<{ n: number }>(ctx.deps.database.db, sql`select count(*)::int as n from notifications where dedup_key like 'smtp-down:%' and attempts >= 1 and status = 'pending'`);
      return Number(rows[0].n) === 5 ? 5 : undefined;
    });
    expect(waitingRetry).toBe(5);
    smtp = await startSmtpServer({ port, mails });
    await eventually(async () => mails.filter((m) => m.subject.startsWith('Reittisi')).length === 5, 60_000);
    // The mail server has a message a moment before its sender commits 'sent': wait for the records to settle.
    const settledRows = async () => {
      const rows = await ctx.deps.database.rows<{ status: string; attempts: number }>(ctx.deps.database.db, sql`select status, attempts from notifications where dedup_key like 'smtp-down:%'`);
      return rows.every((r) => r.status !== 'pending') ? rows : undefined;
    };
    const rows = await eventually(settledRows);
    expect(rows.every((r) => r.status === 'sent' && r.attempts >= 2)).toBe(true);
    expect(duplicates(mails.map((m) => m.messageId))).toEqual([]);
  }, 120_000);

  it('sends a message once when two jobs for it run at the same time', async () => {
    const u = await ctx.userToken('warehouse');
    const now = new Date();
    const [row] = await insertNew(ctx.deps.database.db, [{
      userId: u.id, kind: 'shift_tomorrow', dedupKey: `twin-jobs:${u.id}`, locale: 'fi', title: 'Kaksoisajo', body: 'Sama viesti kahdesti?', sendAfter: now, queuedAt: now,
    }]);
    const deps = { database: ctx.deps.database, channels: createChannels(ctx.config), now: () => new Date(), log: pino({ level: 'silent' }) };
    await Promise.all([sendNotification(deps, row.id), sendNotification(deps, row.id), sendNotification(deps, row.id)]);
    expect(smtp.mails.filter((m) => m.to === u.email).map((m) => m.subject)).toEqual(['Kaksoisajo']);
    const [saved] = await ctx.deps.database.rows<{ status: string; attempts: number }>(ctx.deps.database.db, sql`select status, attempts from notifications where id = ${row.id}`);
    expect(saved).toEqual({ status: 'sent', attempts: 1 });
  }, 60_000);
});
