import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database, Tx } from './client.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));
/** Any fixed number: every process takes this advisory lock for its start-up work. */
const STARTUP_LOCK = 7_343_201;

/**
 * Runs `work` in one transaction holding the start-up advisory lock, so API and worker
 * processes starting together (as `docker compose up` starts them) do their start-up writes
 * one after another and each sees what the previous one did. PGlite is one process anyway.
 */
export async function underStartupLock<T>(database: Database, work: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    if (database.kind === 'postgres') await tx.execute(sql`select pg_advisory_xact_lock(${STARTUP_LOCK})`);
    return work(tx);
  });
}

/**
 * Applies the SQL migrations under the start-up lock, so several API and worker processes
 * starting together migrate once. The same files run on PGlite and PostgreSQL.
 */
export async function runMigrations(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as any, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  await underStartupLock(database, (tx) => migratePg(tx as any, { migrationsFolder: MIGRATIONS_DIR }));
}
