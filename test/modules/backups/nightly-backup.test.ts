import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { backupRuns } from '../../../src/db/schema/index.ts';
import { schedulesFor } from '../../../src/jobs/processors/index.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { eventually } from '../../helpers/eventually.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the nightly backup job now, as its schedule would, and waits for its run to be recorded. */
async function runNightly(ctx: TestContext) {
  const runs = async () => (await ctx.deps.database.db.select({ n: count() }).from(backupRuns))[0].n;
  const before = await runs();
  await ctx.deps.runner.enqueue('backup', {}, { jobId: `backup-test-${Date.now()}-${Math.random()}` });
  await eventually(async () => (await runs()) > before, 60_000);
}

describe.each(['embedded', 'postgres'] as const)('the nightly backup (%s)', (mode) => {
  it('is scheduled only with BACKUP_DIR; keeps BACKUP_KEEP files; coordinators see the last result; a failure is shown and told to them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kassi-nightly-'));
    dirs.push(dir);
    const base = { BACKUP_KEEP: '2', BACKUP_CRON: '15 3 * * *' };
    const ctx = await startTestApp({ mode, env: { ...base, BACKUP_DIR: dir } });
    try {
      expect(schedulesFor(ctx.config).find((s) => s.name === 'backup')).toEqual({ id: 'backup-nightly', cron: '15 3 * * *', name: 'backup' });
      expect(schedulesFor({ ...ctx.config, BACKUP_DIR: undefined }).some((s) => s.name === 'backup')).toBe(false);
      const net = await seedNetwork(ctx);
      const empty = await ctx.http().get('/backups/latest').set(net.auth);
      expect(empty.status).toBe(200);
      expect(empty.body).toEqual({ nightly: true, schedule: '15 3 * * *', keep: 2 });

      for (let i = 0; i < 3; i++) await runNightly(ctx);
      const files = readdirSync(dir).sort();
      expect(files).toHaveLength(2);
      const latest = await ctx.http().get('/backups/latest').set(net.auth);
      expect(latest.body.latest).toMatchObject({ trigger: 'nightly', ok: true, file: files[1], pruned: 1, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), schemaVersion: expect.stringMatching(/^\d{4}_/) });
      expect(latest.body.lastSuccess).toEqual(latest.body.latest);
      const warehouse = await ctx.userToken('warehouse');
      expect((await ctx.http().get('/backups/latest').set(bearer(warehouse.token))).status).toBe(403);
    } finally {
      await ctx.close();
    }

    // BACKUP_DIR under a file: the backup cannot be written.
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const failing = await startTestApp({ mode, env: { ...base, BACKUP_DIR: join(blocker, 'backups') } });
    try {
      const net = await seedNetwork(failing);
      await runNightly(failing);
      const latest = await failing.http().get('/backups/latest').set(net.auth);
      expect(latest.body.latest).toMatchObject({ trigger: 'nightly', ok: false, error: expect.stringContaining('ENOTDIR') });
      expect(latest.body.lastSuccess).toBeUndefined();
      await eventually(async () => (await failing.http().get('/me/notifications').set(net.auth)).body.items.find((n: { kind: string }) => n.kind === 'backup_failed'), 30_000);
      const inbox = (await failing.http().get('/me/notifications').set(net.auth)).body.items;
      expect(inbox.filter((n: { kind: string }) => n.kind === 'backup_failed')).toEqual([expect.objectContaining({ title: 'Varmuuskopio epäonnistui' })]);
    } finally {
      await failing.close();
    }
  }, 180_000);
});
