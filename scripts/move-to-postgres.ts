// `npm run move-to-postgres`: copies the embedded database in DATA_DIR (stop the server first)
// into the empty PostgreSQL database at DATABASE_URL, then proves the copy: every table's row
// count and contents, every report's figures and the mass balance the same on both.
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { DataDirLockedError, liveHolder } from '../src/db/data-dir-lock.ts';
import { DataDirNotPrivateError } from '../src/db/data-dir-privacy.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { compareDatabases, copyDatabase } from '../src/ops/move.ts';

try {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new ConfigError('set DATABASE_URL to the new, empty PostgreSQL database (and DATA_DIR to the embedded one)');
  const holder = liveHolder(config.DATA_DIR);
  if (holder) throw new ConfigError(`DATA_DIR ${config.DATA_DIR} is in use by a Kassi process (pid ${holder.pid}, ${holder.role}): stop it first, so nothing is written during the move`);
  const source = await openDatabase({ dataDir: config.DATA_DIR, lockRole: 'move' });
  const target = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: 'unused', poolSize: 2 });
  try {
    await runMigrations(source);
    await runMigrations(target);
    const copy = await copyDatabase(source, target);
    const rows = copy.tables.reduce((n, t) => n + t.rows, 0);
    process.stdout.write(`copied ${rows} rows in ${copy.tables.length} tables from DATA_DIR ${config.DATA_DIR} to PostgreSQL in ${(copy.ms / 1000).toFixed(1)} s\n`);
    const cmp = await compareDatabases(source, target);
    process.stdout.write('table                          embedded   postgres  contents\n');
    for (const t of cmp.tables) process.stdout.write(`${t.table.padEnd(30)} ${String(t.a).padStart(9)} ${String(t.b).padStart(10)}  ${t.sameContents ? 'same' : 'DIFFERENT'}\n`);
    for (const r of cmp.reports) process.stdout.write(`${r.name}: ${r.same ? 'same' : 'DIFFERENT'}\n`);
    if (cmp.summary) {
      const s = (x: typeof cmp.summary.a) => `in ${x.kgIn} kg, packed ${x.kgPacked} kg, delivered ${x.kgDelivered} kg, mass balance difference ${x.massBalanceDifferenceKg} kg`;
      process.stdout.write(`summary ${cmp.window!.from}..${cmp.window!.to}\n  embedded: ${s(cmp.summary.a)}\n  postgres: ${s(cmp.summary.b)}\n`);
    }
    if (!cmp.identical) throw new Error('the copy differs from the original (see above): keep using DATA_DIR, and report this');
    process.stdout.write('identical: set DATABASE_URL (and REDIS_URL for the worker) and start Kassi on PostgreSQL; keep DATA_DIR as it is until you are sure\n');
  } finally {
    await source.close();
    await target.close();
  }
} catch (err) {
  const known = err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError;
  process.stderr.write(`move-to-postgres failed: ${known ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
