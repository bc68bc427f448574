// `npm run restore -- FILE`: restores a backup into the empty DATA_DIR (embedded) or the empty
// database at DATABASE_URL it is given. Checks the file's checksum first; refuses a target that
// is not empty. Start the server on it afterwards as usual (it applies newer migrations).
import { ConfigError, loadConfig } from '../src/config.ts';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { DataDirNotPrivateError } from '../src/db/data-dir-privacy.ts';
import { BackupFileError } from '../src/ops/backup-file.ts';
import { restoreBackup, RestoreRefusedError } from '../src/ops/backup.ts';

const file = process.argv[2];
try {
  if (!file) throw new ConfigError('usage: npm run restore -- FILE (into the empty DATA_DIR, or the empty database at DATABASE_URL)');
  const config = loadConfig();
  const out = await restoreBackup(file, { dataDir: config.DATA_DIR, databaseUrl: config.DATABASE_URL });
  const into = config.DATABASE_URL ? `the database at DATABASE_URL` : `DATA_DIR ${config.DATA_DIR}`;
  process.stdout.write(`restored ${file} into ${into} in ${(out.ms / 1000).toFixed(1)} s\n`);
  process.stdout.write(`  taken ${out.manifest.createdAt}, checksum verified (sha256 ${out.manifest.sha256} of its ${out.manifest.payload})\n`);
  process.stdout.write(`  schema ${out.schemaVersion}, ${out.tables} tables\n`);
} catch (err) {
  const known = err instanceof ConfigError || err instanceof BackupFileError || err instanceof RestoreRefusedError
    || err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError;
  process.stderr.write(`restore refused: ${known ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
