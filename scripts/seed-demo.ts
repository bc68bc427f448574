// `npm run seed:demo`: the Essote network and one demo user per role. Safe to run again.
import { ConfigError, loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { seedEssote } from './seed/essote.ts';

try {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: 2 });
  await runMigrations(database);
  const result = await database.db.transaction((tx) => seedEssote(tx));
  await database.close();
  process.stdout.write(result.created.length ? `created ${result.created.length} records\n` : 'already seeded: nothing changed\n');
  process.stdout.write('demo users (email / password / role):\n');
  for (const u of result.users) process.stdout.write(`  ${u.email.padEnd(26)} ${u.password}  ${u.role}\n`);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : (err as Error).stack}\n`);
  process.exit(1);
}
