import { desc, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Executor } from '../db/client.ts';
import { backupRuns } from '../db/schema/index.ts';

/** When the newest migration was applied (`drizzle.__drizzle_migrations`); throws when the database has none of drizzle's bookkeeping. */
export const latestMigrationCreatedAt = (database: Database) =>
  database.rows<{ created_at: string | number }>(database.db, sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);

/** Records a backup run; returns its id. */
export const insertBackupRun = async (db: Executor, values: typeof backupRuns.$inferInsert) =>
  (await db.insert(backupRuns).values(values).returning({ id: backupRuns.id }))[0];

/** Records a backup run. */
export const recordBackupRun = (db: Executor, values: typeof backupRuns.$inferInsert) => db.insert(backupRuns).values(values);

/** The newest backup run, or the newest that succeeded (`ok`). */
export const newestBackupRun = async (db: Executor, opts: { ok?: true } = {}) =>
  (await db.select().from(backupRuns).where(opts.ok ? sql`${backupRuns.ok}` : undefined).orderBy(desc(backupRuns.startedAt), desc(backupRuns.id)).limit(1))[0];

/** How many tables the database's public schema has. */
export async function countPublicTables(database: Database): Promise<number> {
  const [{ n }] = await database.rows<{ n: number | string }>(database.db, sql`select count(*) as n from pg_tables where schemaname = 'public'`);
  return Number(n);
}

/** How many tables (outside PostgreSQL's own schemas) the database at `databaseUrl` has, on a connection of its own. */
export async function countTablesAt(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`);
    return Number(rows[0].n);
  } finally {
    await client.end();
  }
}
