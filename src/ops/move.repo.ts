import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';

/**
 * The queries of moving a database and comparing two (see move.ts): the catalog (tables,
 * foreign keys, columns, serials) and whole tables as JSON rows, named by the catalog, never by
 * a caller's input.
 */

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The public schema's tables, by name. */
export async function publicTables(db: Database): Promise<string[]> {
  return (await db.rows<{ t: string }>(db.db, sql`select tablename as t from pg_tables where schemaname = 'public' order by tablename`)).map((r) => r.t);
}

/** Every foreign key of the public schema, as the referencing table and the referenced one. */
export const foreignKeys = (db: Database) => db.rows<{ child: string; parent: string }>(db.db, sql`
    select c.relname as child, p.relname as parent from pg_constraint k
    join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    join pg_namespace n on n.oid = c.relnamespace
    where k.contype = 'f' and n.nspname = 'public'`);

/** A table's columns that take values (not generated ones), in their order. */
export async function columnsOf(db: Database, table: string): Promise<string[]> {
  return (await db.rows<{ c: string }>(db.db, sql`select column_name as c from information_schema.columns
    where table_schema = 'public' and table_name = ${table} and is_generated = 'NEVER' order by ordinal_position`)).map((r) => r.c);
}

/** How many rows a table has. */
export async function countRows(db: Database, ex: Executor, table: string) {
  const [{ n }] = await db.rows<{ n: string }>(ex, sql.raw(`select count(*) as n from ${ident(table)}`));
  return n;
}

/** Every row of a table as JSON text (`row_to_json`). */
export async function jsonRows(db: Database, table: string) {
  return (await db.rows<{ j: string }>(db.db, sql.raw(`select row_to_json(t)::text as j from ${ident(table)} t`))).map((r) => r.j);
}

/** Inserts rows given as a JSON array into a table's columns `cols` (`json_populate_recordset`, so every type comes back as it was). */
export async function insertJsonRows(tx: Executor, table: string, cols: string[], json: string) {
  const list = cols.map(ident).join(', ');
  await tx.execute(sql`${sql.raw(`insert into ${ident(table)} (${list}) select ${list} from json_populate_recordset(null::${ident(table)},`)} ${json}::json)`);
}

/** The public schema's serial columns (a default of `nextval(...)`), by table. */
export const serialColumns = (db: Database, ex: Executor) => db.rows<{ t: string; c: string }>(ex, sql`select table_name as t, column_name as c from information_schema.columns
      where table_schema = 'public' and column_default like 'nextval(%'`);

/** Sets a serial column's sequence to go on after the column's highest value. */
export async function continueSerial(tx: Executor, t: string, c: string) {
  await tx.execute(sql.raw(`select setval(pg_get_serial_sequence('${ident(t)}', '${c}'), coalesce((select max(${ident(c)}) from ${ident(t)}), 0) + 1, false)`));
}

/** Every row of a table as text, sorted, hashed: equal hashes, equal contents (whatever the physical order). */
export async function tableDigest(db: Database, ex: Executor, table: string): Promise<{ n: number; md5: string }> {
  const [r] = await db.rows<{ n: string; md5: string | null }>(ex, sql.raw(`select count(*) as n, md5(coalesce(string_agg(j, E'\\n' order by j), '')) as md5
    from (select row_to_json(t)::text as j from ${ident(table)} t) s`));
  return { n: Number(r.n), md5: r.md5 ?? '' };
}

/** Sets the transaction's output settings (time zone, date, interval and float formats) the same on any database. */
export async function setStableOutput(tx: Executor) {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
  await tx.execute(sql`set local intervalstyle = 'postgres'`);
  await tx.execute(sql`set local extra_float_digits = 1`);
}

/** The first day the tallies hold, if any. */
export const firstTallyDay = async (db: Database) =>
  (await db.rows<{ first: string | null }>(db.db, sql`select min(day)::text as first from tallies`))[0];
