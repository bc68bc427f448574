// Applies the SQL migrations to DATABASE_URL (or the embedded database under DATA_DIR; when
// `npm start` holds that folder, the running server applies them).
import { ConfigError, loadConfig } from '../src/config.ts';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { DataDirNotPrivateError } from '../src/db/data-dir-privacy.ts';
import { withDatabase } from './with-database.ts';

try {
  const config = loadConfig();
  const { by } = await withDatabase(config, 'migrate', 'migrate', async () => undefined);
  process.stdout.write(`migrations applied (${config.DATABASE_URL ? 'postgres' : 'pglite'}${by ? `, by the running Kassi server pid ${by}` : ''})\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
