// `npm run backup`: one backup file into BACKUP_DIR (default ./backups); prints its path, its
// sha256 (as `sha256sum` prints it) and the schema version it holds. Embedded mode with the
// server running: the server takes the snapshot (no second process opens DATA_DIR); with the
// server stopped, this process snapshots DATA_DIR itself. PostgreSQL: pg_dump, custom format.
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { runOnHolder } from '../src/db/control-socket.ts';
import { DataDirLockedError, liveHolder } from '../src/db/data-dir-lock.ts';
import { DataDirNotPrivateError } from '../src/db/data-dir-privacy.ts';
import { createLogger } from '../src/log.ts';
import { DEFAULT_BACKUP_DIR, runBackup, type BackupResult } from '../src/ops/backup.ts';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

try {
  const config = loadConfig();
  const dir = config.BACKUP_DIR ?? DEFAULT_BACKUP_DIR;
  const log = createLogger({ ...config, LOG_LEVEL: 'silent' }, 'kassi-backup');
  let result: BackupResult | undefined;
  let by: number | undefined;
  for (let tries = 0; !result; tries += 1) {
    const holder = config.DATABASE_URL ? undefined : liveHolder(config.DATA_DIR);
    if (holder?.role === 'api') {
      result = await runOnHolder(config.DATA_DIR, holder, 'backup') as BackupResult;
      by = holder.pid;
      break;
    }
    try {
      const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2, lockRole: 'backup' });
      try {
        result = await runBackup({ config, database, log, now: () => new Date() }, 'manual', dir);
      } finally {
        await database.close();
      }
    } catch (err) {
      // A server took DATA_DIR between the look and the open: ask it instead.
      if (!(err instanceof DataDirLockedError && err.holder.role === 'api' && tries < 3)) throw err;
    }
  }
  const how = result.kind === 'postgres' ? 'PostgreSQL, pg_dump custom format'
    : by ? `embedded, a snapshot taken by the running Kassi server pid ${by}` : 'embedded, a snapshot of the stopped DATA_DIR';
  process.stdout.write(`backup written: ${result.path}\n`);
  process.stdout.write(`  sha256 ${result.sha256}\n`);
  process.stdout.write(`  schema ${result.schemaVersion}\n`);
  process.stdout.write(`  ${mb(result.bytes)} in ${(result.ms / 1000).toFixed(1)} s (${how})${result.pruned.length ? `; removed ${result.pruned.length} older (BACKUP_KEEP ${config.BACKUP_KEEP})` : ''}\n`);
} catch (err) {
  const known = err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError;
  process.stderr.write(`backup failed: ${known ? err.message : (err as Error).message}\n`);
  process.exit(1);
}
