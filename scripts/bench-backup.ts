// `npm run bench:backup [-- --keep]`: a year of one network's activity in an embedded DATA_DIR
// (synthetic but shaped like the real thing: about 60,000 kg in from 30 donors, 11,870 bags to 20
// points, with discards, corrections and freezes; bulk SQL as in bench:reports), then timed: the
// backup (snapshot and file), its size, the restore into an empty DATA_DIR, and the move of the
// restored copy into an empty PostgreSQL database with its proof (BENCH_POSTGRES_URL, default
// the local server; skipped when unreachable).
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { addDays } from '../src/domain/dates.ts';
import { rebuildAllTallies } from '../src/modules/tallies/tallies.service.ts';
import { restoreBackup, takeBackup } from '../src/ops/backup.ts';
import { compareDatabases, copyDatabase } from '../src/ops/move.ts';
import { generateHistory, seconds, timed } from './seed/history.ts';

const { values } = parseArgs({ options: { keep: { type: 'boolean', default: false } } });
const networks = 1;
const lastDay = '2026-10-31';
const firstDay = addDays(lastDay, -364);
/** 21 intakes a day of 3 lots of 0.2–5 kg: about 60,000 kg a year. */
const INTAKES_PER_DAY = 21;
const LOTS_PER_INTAKE = 3;
/** Bags of about 4.8 kg: about 11,870 bags a year from what is packed. */
const BAG_G = 4_800;

const work = mkdtempSync(join(tmpdir(), 'kassi-bench-backup-'));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const du = (dir: string): number => readdirSync(dir, { withFileTypes: true })
  .reduce((n, e) => n + (e.isDirectory() ? du(join(dir, e.name)) : statSync(join(dir, e.name)).size), 0);

const dataDir = join(work, 'data');
const database = await openDatabase({ dataDir, lockRole: 'seed' });
await runMigrations(database);
console.log(`generating a year (${firstDay} .. ${lastDay}) of one network into ${dataDir}`);
const tGen = performance.now();
await generateHistory(database, { networks, firstDay, lastDay, intakesPerDay: INTAKES_PER_DAY, lotsPerIntake: LOTS_PER_INTAKE, bagG: BAG_G, seed: 0.2026 });
await rebuildAllTallies(database);
const [counts] = await database.rows<Record<string, string>>(database.db, sql`select
  (select count(*) from lots) as lots, (select count(*) from ledger_entries) as "ledger entries", (select count(*) from bags) as bags,
  (select round(sum(grams) / 1000.0) from ledger_entries where kind = 'intake') as "kg in",
  (select round(sum(weight_g) / 1000.0) from bags) as "kg in bags", (select count(*) from tallies) as "tally rows"`);
console.log(`generated in ${seconds(performance.now() - tGen)}:`, Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, Number(v)])));

console.log('backup (embedded: PGlite snapshot after a checkpoint, into one file):');
const backup = await timed('backup', () => takeBackup(database, { dir: join(work, 'backups'), keep: 14 }));
await database.close();
console.log(`  DATA_DIR on disk ${mb(du(dataDir))}; backup file ${mb(backup.bytes)} (${backup.file}, schema ${backup.schemaVersion})`);

console.log('restore into an empty DATA_DIR (checksum checked first):');
const restoredDir = join(work, 'restored');
const restored = await timed('restore', () => restoreBackup(backup.path, { dataDir: restoredDir }));
console.log(`  ${restored.tables} tables, schema ${restored.schemaVersion}`);

const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: adminUrl });
const reachable = await admin.connect().then(() => true, () => false);
if (reachable) {
  const name = `kassi_bench_backup_${Date.now()}`;
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const source = await openDatabase({ dataDir: restoredDir, lockRole: 'move' });
  const target = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 2 });
  try {
    console.log('move-to-postgres of the restored copy:');
    await runMigrations(target);
    const copy = await timed('copy', () => copyDatabase(source, target));
    const cmp = await timed('proof (every table, report and the mass balance)', () => compareDatabases(source, target));
    console.log(`  ${copy.tables.reduce((n, t) => n + t.rows, 0)} rows; identical: ${cmp.identical}; mass balance difference ${cmp.summary?.a.massBalanceDifferenceKg} kg / ${cmp.summary?.b.massBalanceDifferenceKg} kg`);
    const pgBackup = await timed('backup of the PostgreSQL copy (pg_dump custom format)', () => takeBackup(target, { dir: join(work, 'backups'), keep: 14, databaseUrl: url.toString() }));
    console.log(`  backup file ${mb(pgBackup.bytes)}`);
  } finally {
    await source.close();
    await target.close();
    await admin.query(`drop database ${name} with (force)`);
  }
}
await admin.end().catch(() => {});
if (values.keep) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
