import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
/** Any fixed number: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK = 7_343_201;

/**
 * Applies the SQL migrations under a session advisory lock, so several API and worker
 * processes starting together migrate once. The same files run on PGlite and PostgreSQL.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // A transaction pins one pooled connection; the xact lock is released at its end.
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    await migratePg(tx as any, { migrationsFolder: MIGRATIONS_DIR });
  });
}
