import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { localDate } from '../../src/domain/dates.ts';
import { compareDatabases } from '../../src/ops/move.ts';
import { eventually } from '../helpers/eventually.ts';
import { createTestDatabase, dropTestDatabase } from '../helpers/app.ts';
import { entryArgs, freePort, spawnEntry, waitForHttp, type Spawned } from '../helpers/process.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };
const dirs: string[] = [];
const databases: string[] = [];
const running: Spawned[] = [];
const open: Database[] = [];
afterAll(async () => {
  for (const p of running) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  for (const d of open) await d.close().catch(() => {});
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const name of databases) await dropTestDatabase(name);
});
const tempDir = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
};

/** One of the npm scripts (`scripts/<name>.ts`) as its own process, with arguments; its exit code and output. */
function script(name: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [...entryArgs(`scripts/${name}.ts`), ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', PASSWORD_HASHING: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

const backupPath = (out: string) => /^backup written: (.+)$/m.exec(out)?.[1] ?? '';

/** The ledger's rows as text, in order: its whole history. */
async function ledger(db: Database): Promise<string[]> {
  return (await db.rows<{ j: string }>(db.db, sql`select row_to_json(l)::text as j from ledger_entries l order by at, id`)).map((r) => r.j);
}

async function openDir(dataDir: string) {
  const db = await openDatabase({ dataDir, lockRole: 'restore' });
  open.push(db);
  return db;
}

describe('backups a volunteer can run and trust', () => {
  it('embedded: a backup taken by the running server while writes go on restores to a consistent copy; one taken at rest restores to an identical one; damaged files and non-empty targets are refused; the copy moves to PostgreSQL and back up from there', async () => {
    const dataDir = join(tempDir('kassi-drill-'), 'data');
    const backupDir = tempDir('kassi-backups-');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = { DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: '5' };
    const server = spawnEntry('src/server.ts', {
      ...env, PORT: String(port), HOST: '127.0.0.1', PASSWORD_HASHING: 'test', NOTIFY_CRON: 'off',
      BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
    running.push(server);
    await waitForHttp(`${base}/health/ready`, server, 120_000);
    const token = ((await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()) as { token: string }).token;
    const post = async (path: string, body: object) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const json = await res.json() as any;
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const depot = await post('/sites', { kind: 'depot', name: 'Drill depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });
    const donors = [
      await post('/sites', { kind: 'donor', name: 'Drill shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id, donorKind: 'shop' }),
      await post('/sites', { kind: 'donor', name: 'Drill farm', municipality: 'Mikkeli', lat: 61.68, lon: 27.3, depotId: depot.id, donorKind: 'producer' }),
    ];
    const store = await post('/storage-units', { depotId: depot.id, name: 'Dry store', temperatureClass: 'ambient', capacityKg: 50_000 });
    let n = 0;
    let gramsIn = 0;
    /** One piece of a season's work: an intake of two lots, and now and then a discard and a correction. */
    const work = async () => {
      n += 1;
      gramsIn += 3000 + (n % 7) * 1000 + 1250 + (n % 3) * 1000;
      const intake = await post('/intakes', {
        donorId: donors[n % 2].id,
        lines: [
          { category: 'dry_goods', kg: 3 + (n % 7), temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: store.id },
          { category: 'fruit_veg', kg: 1.25 + (n % 3), temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: store.id },
        ],
      });
      if (n % 3 === 0) await post(`/lots/${intake.lots[0].id}/discards`, { kg: 0.5, reason: 'spoiled' });
      if (n % 4 === 0) await post(`/lots/${intake.lots[1].id}/adjustments`, { kg: -0.25, reason: 'recount' });
    };
    for (let i = 0; i < 20; i++) await work();

    // Backup 1 through the running server while the writes go on.
    let writing = true;
    const writer = (async () => {
      while (writing) await work();
    })();
    const during = await script('backup', env);
    writing = false;
    await writer;
    expect(during.code, during.out).toBe(0);
    expect(during.out).toContain(`a snapshot taken by the running Kassi server pid ${server.child.pid}`);
    expect(during.out).toMatch(/^ {2}sha256 [0-9a-f]{64}$/m);
    expect(during.out).toMatch(/^ {2}schema \d{4}_\w+$/m);

    const latest = await (await fetch(`${base}/backups/latest`, { headers: { authorization: `Bearer ${token}` } })).json() as any;
    expect(latest).toMatchObject({ nightly: true, keep: 5, latest: { ok: true, trigger: 'manual', file: backupPath(during.out).split('/').pop() } });
    expect(statSync(backupPath(during.out)).mode & 0o777).toBe(0o600);

    // Every write's tally recounted (they run a few seconds after the write), then the server stops.
    const today = localDate(new Date());
    await eventually(async () => {
      const s = await (await fetch(`${base}/reports/summary?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${token}` } })).json() as any;
      return Math.round(s.kgIn * 1000) === gramsIn;
    }, 60_000);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);

    // Backup 2 of the stopped DATA_DIR.
    const atRest = await script('backup', env);
    expect(atRest.code, atRest.out).toBe(0);
    expect(atRest.out).toContain('a snapshot of the stopped DATA_DIR');
    expect(readdirSync(backupDir).sort()).toEqual([backupPath(during.out), backupPath(atRest.out)].map((p) => p.split('/').pop()).sort());

    // Damaged, and into a folder that is not empty: refused, nothing written.
    const damaged = join(backupDir, 'damaged.backup');
    copyFileSync(backupPath(atRest.out), damaged);
    const fd = openSync(damaged, 'r+');
    writeSync(fd, Buffer.from('XXXX'), 0, 4, statSync(damaged).size - 4096);
    closeSync(fd);
    const fresh = join(tempDir('kassi-restore-'), 'data');
    const refusedDamaged = await script('restore', { DATA_DIR: fresh }, [damaged]);
    expect(refusedDamaged.code).toBe(1);
    expect(refusedDamaged.out).toContain('is damaged: its contents do not match the checksum in its manifest');
    expect(statSync(fresh, { throwIfNoEntry: false })).toBeUndefined();
    const refusedFull = await script('restore', { DATA_DIR: dataDir }, [backupPath(atRest.out)]);
    expect(refusedFull.code).toBe(1);
    expect(refusedFull.out).toContain(`DATA_DIR ${dataDir} is not empty`);

    const restoredDuring = join(tempDir('kassi-restore-'), 'data');
    const restoredAtRest = join(tempDir('kassi-restore-'), 'data');
    for (const [file, into] of [[backupPath(during.out), restoredDuring], [backupPath(atRest.out), restoredAtRest]]) {
      const r = await script('restore', { DATA_DIR: into }, [file]);
      expect(r.code, r.out).toBe(0);
      expect(r.out).toMatch(/checksum verified/);
    }

    const source = await openDir(dataDir);
    const copyAtRest = await openDir(restoredAtRest);
    const copyDuring = await openDir(restoredDuring);
    // At rest: every table, every tally and report, the mass balance and the ledger's history identical.
    const same = await compareDatabases(source, copyAtRest, { ignore: ['backup_runs'] });
    expect(same.tables.filter((t) => t.a !== t.b || !t.sameContents)).toEqual([]);
    expect(same.reports.filter((r) => !r.same)).toEqual([]);
    expect(same.summary!.a.massBalanceDifferenceKg).toBe(0);
    expect(same.summary!.a.kgIn).toBeGreaterThan(100);
    expect(await ledger(copyAtRest)).toEqual(await ledger(source));
    // Taken mid-writes: one instant of the history, whole transactions only (every intake with both lots and their entries).
    const sourceLedger = await ledger(source);
    const duringLedger = await ledger(copyDuring);
    expect(duringLedger.length).toBeGreaterThan(40);
    expect(duringLedger.length).toBeLessThanOrEqual(sourceLedger.length);
    const inSource = new Set(sourceLedger);
    expect(duringLedger.filter((row) => !inSource.has(row))).toEqual([]);
    const [torn] = await copyDuring.rows<{ n: number }>(copyDuring.db, sql`select count(*)::int as n from intakes i
      where (select count(*) from lots l where l.intake_id = i.id) <> 2
         or (select count(*) from ledger_entries e join lots l on l.id = e.lot_id where l.intake_id = i.id and e.kind = 'intake') <> 2`);
    expect(torn.n).toBe(0);
    await copyDuring.close();
    await source.close();
    await copyAtRest.close();

    // The restored copy moves to an empty PostgreSQL database, proven the same.
    const target = await createTestDatabase({ empty: true });
    databases.push(target.name);
    const move = await script('move-to-postgres', { DATA_DIR: restoredAtRest, DATABASE_URL: target.url });
    expect(move.code, move.out).toBe(0);
    expect(move.out).toContain('summary (mass balance): same');
    expect(move.out).toMatch(/^identical: /m);
    const again = await script('move-to-postgres', { DATA_DIR: restoredAtRest, DATABASE_URL: target.url });
    expect(again.code).toBe(1);
    expect(again.out).toContain('the target database is not empty');

    // PostgreSQL: pg_dump's custom format inside the backup file, restored into an empty database only.
    const pgBackup = await script('backup', { DATABASE_URL: target.url, BACKUP_DIR: backupDir });
    expect(pgBackup.code, pgBackup.out).toBe(0);
    expect(pgBackup.out).toContain('PostgreSQL, pg_dump custom format');
    const pgRestored = await createTestDatabase({ empty: true });
    databases.push(pgRestored.name);
    const r = await script('restore', { DATABASE_URL: pgRestored.url }, [backupPath(pgBackup.out)]);
    expect(r.code, r.out).toBe(0);
    const refused = await script('restore', { DATABASE_URL: pgRestored.url }, [backupPath(pgBackup.out)]);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain('the database at DATABASE_URL is not empty');
    const pgA = await openDatabase({ databaseUrl: target.url, dataDir: 'unused', poolSize: 2 });
    const pgB = await openDatabase({ databaseUrl: pgRestored.url, dataDir: 'unused', poolSize: 2 });
    open.push(pgA, pgB);
    const pgSame = await compareDatabases(pgA, pgB, { ignore: ['backup_runs'] });
    expect(pgSame.identical).toBe(true);
    expect(pgSame.summary!.b.massBalanceDifferenceKg).toBe(0);
    expect(await ledger(pgB)).toEqual(await ledger(pgA));
  }, 600_000);
});
