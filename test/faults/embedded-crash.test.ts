import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import { localDate } from '../../src/domain/dates.ts';
import { eventually } from '../helpers/eventually.ts';
import { startSmtpServer } from '../helpers/messaging.ts';
import { freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';

const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };
const dirs: string[] = [];
const running: Spawned[] = [];
let smtp: Awaited<ReturnType<typeof startSmtpServer>> | undefined;
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  await smtp?.close();
});

/**
 * Embedded mode (PGlite, jobs in the API process) killed with SIGKILL while background work it
 * acknowledged is unfinished: a message being sent (the mail server holds it unanswered), two
 * more waiting behind it, and a route plan queued (202). After the restart each is done, once.
 */
describe('embedded mode killed mid-job', () => {
  it('runs the unfinished jobs after the restart: the plan finishes and each message is sent once', async () => {
    smtp = await startSmtpServer();
    const dataDir = mkdtempSync(join(tmpdir(), 'kassi-crash-'));
    dirs.push(dataDir);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, PASSWORD_HASHING: 'test', NOTIFY_CRON: 'off', SMTP_URL: smtp.url,
      PLANNING_TIME_LIMIT_MS: '300', BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    };
    const start = async () => {
      const proc = spawnEntry('src/server.ts', env);
      running.push(proc);
      await waitForHttp(`${base}/health/ready`, proc, 120_000);
      return proc;
    };
    const call = async (method: string, path: string, auth: Record<string, string>, body?: object) => {
      const res = await fetch(`${base}${path}`, { method, headers: { ...auth, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body && JSON.stringify(body) });
      return { status: res.status, body: await res.json() as any };
    };
    const signIn = async () => ({ authorization: `Bearer ${(await call('POST', '/auth/login', {}, ADMIN)).body.token}` });
    const created = async (path: string, auth: Record<string, string>, body: object) => {
      const res = await call('POST', path, auth, body);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };

    const first = await start();
    const auth = await signIn();
    for (const n of [1, 2]) await created('/users', auth, { email: `coordinator-${n}@example.org`, name: `Coordinator ${n}`, role: 'coordinator', password: 'coordinator-password', notify: 'email' });
    const coordinators = [ADMIN.email, 'coordinator-1@example.org', 'coordinator-2@example.org'];
    const depot = await created('/sites', auth, { kind: 'depot', name: 'Crash depot', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '07:00', closesAt: '17:00' });
    await created('/vehicles', auth, { depotId: depot.id, name: 'Van', refrigerated: true, capacityKg: 800, capacityBags: 60, shiftStart: '08:00', shiftEnd: '16:00' });
    const donor = await created('/sites', auth, { kind: 'donor', name: 'Crash shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id, donorKind: 'shop' });
    await created(`/sites/${donor.id}/pickup-schedules`, auth, { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '09:00', windowEnd: '12:00', expectedKg: 40 });
    const freezer = await created('/storage-units', auth, { depotId: depot.id, name: 'Freezer', temperatureClass: 'frozen', capacityKg: 600 });

    // The first message reaches the mail server, which never answers: the job is mid-send.
    smtp.hold(true);
    expect((await call('POST', `/storage-units/${freezer.id}/temperature-readings`, auth, { celsius: -8 })).body.excursion).toBe(true);
    await eventually(async () => smtp!.attempts() >= 1, 30_000);
    const plan = await call('POST', '/route-plans', auth, { depotId: depot.id, date: localDate(addDays(new Date(), 1)) });
    expect(plan.status).toBe(202);
    expect((await call('GET', `/route-plans/${plan.body.id}`, auth)).body.status).toBe('queued');
    const before = (await call('GET', '/notifications', auth)).body.items as { status: string }[];
    expect(before.map((n) => n.status)).toEqual(['pending', 'pending', 'pending']);

    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect(smtp.mails).toEqual([]);
    smtp.hold(false);

    const second = await start();
    const again = await signIn();
    await eventually(async () => ['done', 'failed'].includes((await call('GET', `/route-plans/${plan.body.id}`, again)).body.status), 60_000);
    expect((await call('GET', `/route-plans/${plan.body.id}`, again)).body).toMatchObject({ status: 'done', routes: [expect.objectContaining({ stops: expect.any(Array) })] });
    await eventually(async () => ((await call('GET', '/notifications', again)).body.items as { status: string }[]).every((n) => n.status === 'sent'), 60_000);
    expect(smtp.mails.map((m) => m.to).sort()).toEqual([...coordinators].sort());
    expect(smtp.mails.map((m) => m.subject)).toEqual(Array(3).fill('Lämpötilapoikkeama: Freezer'));

    second.child.kill('SIGTERM');
    expect((await second.exited).code).toBe(0);
  }, 300_000);
});
