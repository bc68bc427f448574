import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { openDatabase } from '../../src/db/client.ts';
import { MIGRATIONS_DIR } from '../../src/db/migrate.ts';
import { createTestDatabase, dropTestDatabase } from './app.ts';

/** A copy of the migrations as they were before `tag` (the journal cut before it). */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kassi-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const cut = journal.entries.findIndex((e) => e.tag === tag);
  if (cut < 1) throw new Error(`no migration ${tag} after the first`);
  writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return dir;
}

/**
 * A fresh, empty PostgreSQL database for testing migration `tag` over old data:
 * `migrateOld()` builds the schema as it was before `tag`; fill it, then run the real
 * migrations (`runMigrations(database)`). `close()` drops it all.
 */
export async function databaseBefore(tag: string) {
  const created = await createTestDatabase({ empty: true });
  const database = await openDatabase({ databaseUrl: created.url, dataDir: 'unused', poolSize: 2 });
  const dir = migrationsBefore(tag);
  return {
    database,
    migrateOld: () => migrate(database.db as never, { migrationsFolder: dir }),
    async close() {
      await database.close();
      await dropTestDatabase(created.name);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
