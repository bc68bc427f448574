import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { MIGRATIONS_DIR } from '../db/migrate.ts';
import { notify } from '../modules/notifications/notifications.service.ts';
import { usersWithRoles } from '../modules/notifications/triggers.repo.ts';
import { openBackupFile, PAYLOAD, sha256File, writeBackupFile, type Manifest } from './backup-file.ts';
import { countPublicTables, countTablesAt, insertBackupRun, latestMigrationCreatedAt, newestBackupRun, recordBackupRun } from './backup.repo.ts';

/**
 * Backups a volunteer can run and trust: one file per backup in BACKUP_DIR (see backup-file.ts),
 * its checksum and the schema version it holds printed and recorded; the newest BACKUP_KEEP kept.
 * Embedded mode snapshots PGlite's data directory in the process that holds it (the running
 * server, through its control socket, or the one-shot command on a stopped DATA_DIR);
 * PostgreSQL is dumped with `pg_dump --format=custom`.
 */
export interface BackupResult {
  path: string;
  file: string;
  /** The whole file's sha256 (`sha256sum FILE`). */
  sha256: string;
  bytes: number;
  schemaVersion: string;
  kind: Manifest['kind'];
  ms: number;
  /** Older backups removed to keep BACKUP_KEEP. */
  pruned: string[];
}

/** Thrown when a restore target is not empty or does not fit the backup. */
export class RestoreRefusedError extends Error {}

/** `npm run backup`'s folder when BACKUP_DIR is unset. */
export const DEFAULT_BACKUP_DIR = './backups';
const NAME = /^kassi-\d{8}T\d{6}\d{3}Z\.backup$/;

/** The newest migration applied to the database, by its tag (`0026_backup_runs`). */
export async function schemaVersion(database: Database): Promise<string> {
  const journal = JSON.parse(readFileSync(join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
  let rows: { created_at: string | number }[];
  try {
    rows = await latestMigrationCreatedAt(database);
  } catch {
    return 'none';
  }
  if (!rows.length) return 'none';
  const when = Number(rows[0].created_at);
  return journal.entries.find((e) => e.when === when)?.tag ?? `unknown (a migration of ${new Date(when).toISOString()}, newer than this version)`;
}

/** Runs a PostgreSQL client tool; rejects with its own error output when it fails. */
function tool(bin: string, args: string[], stdin?: Readable): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(bin, args, { stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d) => (err += d));
    child.once('error', (e) => fail(new Error(`${bin} could not be started (${e.message}): install the PostgreSQL client tools (postgresql-client)`)));
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`${bin} failed (exit ${code}): ${err.trim().slice(0, 1000)}`))));
    if (stdin) {
      stdin.on('error', (e) => child.stdin!.destroy(e));
      child.stdin!.on('error', () => {});
      stdin.pipe(child.stdin!);
    }
  });
}

const stampOf = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('.', '');

/**
 * Takes one backup of `database` into `dir`, then removes all but the newest `keep` backups
 * there. `databaseUrl` is needed for PostgreSQL (pg_dump connects itself).
 */
export async function takeBackup(database: Database, opts: { dir: string; keep: number; databaseUrl?: string }): Promise<BackupResult> {
  const started = performance.now();
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const created = new Date();
  const file = `kassi-${stampOf(created)}.backup`;
  const path = join(opts.dir, file);
  const version = await schemaVersion(database);
  let written: { sha256: string; bytes: number };
  if (database.kind === 'pglite') {
    if (!database.snapshot) throw new Error('this embedded database cannot be snapshotted');
    const buf = Buffer.from(await (await database.snapshot()).arrayBuffer());
    const manifest: Manifest = {
      kassiBackup: 1, kind: 'pglite', schemaVersion: version, createdAt: created.toISOString(), payload: PAYLOAD.pglite,
      bytes: buf.length, sha256: createHash('sha256').update(buf).digest('hex'),
    };
    written = await writeBackupFile(path, manifest, Readable.from([buf]));
  } else {
    if (!opts.databaseUrl) throw new Error('a PostgreSQL backup needs DATABASE_URL');
    const tmp = mkdtempSync(join(tmpdir(), 'kassi-pgdump-'));
    try {
      const dump = join(tmp, PAYLOAD.postgres);
      await tool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${dump}`, `--dbname=${opts.databaseUrl}`]);
      const manifest: Manifest = {
        kassiBackup: 1, kind: 'postgres', schemaVersion: version, createdAt: created.toISOString(), payload: PAYLOAD.postgres,
        bytes: statSync(dump).size, sha256: await sha256File(dump),
      };
      written = await writeBackupFile(path, manifest, createReadStream(dump));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  const pruned = pruneBackups(opts.dir, opts.keep);
  return { path: resolve(path), file, ...written, schemaVersion: version, kind: database.kind, ms: Math.round(performance.now() - started), pruned };
}

/** Removes all but the newest `keep` Kassi backups in `dir` (only files named as Kassi names them). */
export function pruneBackups(dir: string, keep: number): string[] {
  const ours = readdirSync(dir).filter((n) => NAME.test(n)).sort().reverse();
  const gone = ours.slice(keep);
  for (const n of gone) rmSync(join(dir, n), { force: true });
  return gone;
}

export interface BackupDeps {
  config: Config;
  database: Database;
  log: Logger;
  now: () => Date;
}

/**
 * A backup as the nightly job and `npm run backup` take it: recorded in `backup_runs` (what
 * coordinators see), and when it fails, the coordinators are told.
 */
export async function runBackup(deps: BackupDeps, trigger: 'nightly' | 'manual', dir = deps.config.BACKUP_DIR ?? DEFAULT_BACKUP_DIR): Promise<BackupResult> {
  const startedAt = deps.now();
  let result: BackupResult;
  try {
    result = await takeBackup(deps.database, { dir, keep: deps.config.BACKUP_KEEP, databaseUrl: deps.config.DATABASE_URL });
  } catch (err) {
    const error = (err as Error).message.slice(0, 1000);
    deps.log.error({ err: error, dir }, 'backup failed');
    await deps.database.db.transaction(async (tx) => {
      const run = await insertBackupRun(tx, { trigger, startedAt, finishedAt: deps.now(), ok: false, error });
      const coordinators = await usersWithRoles(tx, ['coordinator']);
      await notify(tx, coordinators.map((u) => u.id), { kind: 'backup_failed', key: `backup:${run.id}`, params: { error } }, deps.now());
    }).catch((e: Error) => deps.log.error({ err: e.message }, 'backup failure could not be recorded'));
    throw err;
  }
  // A stopped DATA_DIR of an older version has no backup_runs yet: the backup stands all the same.
  await recordBackupRun(deps.database.db, {
    trigger, startedAt, finishedAt: deps.now(), ok: true, file: result.file, bytes: result.bytes, sha256: result.sha256,
    schemaVersion: result.schemaVersion, pruned: result.pruned.length,
  }).catch((e: Error) => deps.log.warn({ err: e.message }, 'backup written but not recorded'));
  deps.log.info({ file: result.path, bytes: result.bytes, sha256: result.sha256, ms: result.ms, pruned: result.pruned.length }, 'backup written');
  return result;
}

/** The newest backup run and the newest that succeeded. */
export async function latestBackups(database: Database) {
  const latest = await newestBackupRun(database.db);
  const success = latest?.ok ? latest : await newestBackupRun(database.db, { ok: true });
  return { latest, success };
}

/**
 * Restores a backup file into an empty target: the DATA_DIR folder (absent or empty) or the
 * PostgreSQL database at `databaseUrl` (no tables). The file's checksum is checked before
 * anything is written; a non-empty target or a backup of the other kind is refused.
 */
export async function restoreBackup(path: string, target: { dataDir: string; databaseUrl?: string }): Promise<{ manifest: Manifest; schemaVersion: string; tables: number; ms: number }> {
  const started = performance.now();
  const { manifest, stream } = await openBackupFile(path);
  let database: Database;
  if (target.databaseUrl) {
    if (manifest.kind !== 'postgres') {
      throw new RestoreRefusedError(`${path} is a backup of an embedded (PGlite) database: restore it into an empty DATA_DIR (DATABASE_URL unset), then move it with npm run move-to-postgres`);
    }
    const tables = await countTablesAt(target.databaseUrl);
    if (tables > 0) throw new RestoreRefusedError(`the database at DATABASE_URL is not empty (${tables} tables): restore only into an empty database (createdb a new one); nothing was restored`);
    await tool('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${target.databaseUrl}`], stream());
    database = await openDatabase({ databaseUrl: target.databaseUrl, dataDir: 'unused', poolSize: 1 });
  } else {
    if (manifest.kind !== 'pglite') {
      throw new RestoreRefusedError(`${path} is a backup of a PostgreSQL database: restore it with DATABASE_URL set to an empty database`);
    }
    const entries = statSync(target.dataDir, { throwIfNoEntry: false }) ? readdirSync(target.dataDir) : [];
    if (entries.length) throw new RestoreRefusedError(`DATA_DIR ${target.dataDir} is not empty: restore only into an empty or new folder (move this one aside, or set DATA_DIR to a new path); nothing was restored`);
    const chunks: Buffer[] = [];
    for await (const c of stream()) chunks.push(c as Buffer);
    database = await openDatabase({ dataDir: target.dataDir, loadDataDir: new Blob([Buffer.concat(chunks)]), lockRole: 'restore' });
  }
  try {
    return { manifest, schemaVersion: await schemaVersion(database), tables: await countPublicTables(database), ms: Math.round(performance.now() - started) };
  } finally {
    await database.close();
  }
}
