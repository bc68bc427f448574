// `npm run seed:demo`: the Essote network and one demo user per role. Safe to run again, and
// while `npm start` runs in embedded mode (the running server then does the seeding).
import { ConfigError, loadConfig } from '../src/config.ts';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { DataDirNotPrivateError } from '../src/db/data-dir-privacy.ts';
import { seedDemo } from './seed/essote.ts';
import { withDatabase } from './with-database.ts';

try {
  const config = loadConfig();
  const { result, by } = await withDatabase(config, 'seed-demo', 'seed', seedDemo);
  if (by) process.stdout.write(`seeded through the running Kassi server (pid ${by})\n`);
  process.stdout.write(result.created.length ? `created ${result.created.length} records\n` : 'already seeded: nothing changed\n');
  process.stdout.write('demo users (email / password / role):\n');
  for (const u of result.users) process.stdout.write(`  ${u.email.padEnd(26)} ${u.password}  ${u.role}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
