// `npm run seed:demo`: the Essote network and one demo user per role. Safe to run again, and
// while `npm start` runs in embedded mode (the running server then does the seeding). Refuses a
// database with non-demo users and NODE_ENV=production unless given `--force`.
import { ConfigError, loadConfig } from '../src/config.ts';
import { HolderTaskError } from '../src/db/control-socket.ts';
import { DataDirLockedError } from '../src/db/data-dir-lock.ts';
import { DataDirNotPrivateError } from '../src/db/data-dir-privacy.ts';
import { SeedRefusedError, seedDemo } from './seed/essote.ts';
import { withDatabase } from './with-database.ts';

try {
  const config = loadConfig();
  const force = process.argv.includes('--force');
  const { result, by } = await withDatabase(config, force ? 'seed-demo-force' : 'seed-demo', 'seed', (database) => seedDemo(database, { nodeEnv: config.NODE_ENV, force }));
  if (by) process.stdout.write(`seeded through the running Kassi server (pid ${by})\n`);
  process.stdout.write(result.created.length ? `created ${result.created.length} records\n` : 'already seeded: nothing changed\n');
  process.stdout.write('demo users (email / password / role):\n');
  for (const u of result.users) process.stdout.write(`  ${u.email.padEnd(26)} ${u.password}  ${u.role}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError || err instanceof SeedRefusedError || err instanceof HolderTaskError || err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
