import type { Database, Executor } from '../db/client.ts';
import { localDate } from '../domain/dates.ts';
import { funderReport } from '../modules/reports/funder.service.ts';
import { reportDimension, type TalliesQuery } from '../modules/reports/reports.schemas.ts';
import { summaryReport, tallyReport } from '../modules/reports/reports.service.ts';
import {
  columnsOf, continueSerial, countRows, firstTallyDay, foreignKeys, insertJsonRows, jsonRows, publicTables, serialColumns, setStableOutput, tableDigest,
} from './move.repo.ts';

/**
 * Moving an embedded database to PostgreSQL, and proving two databases hold the same:
 * `copyDatabase` copies every table of the (migrated) source into the (migrated, empty)
 * target in one transaction, parents before children; `compareDatabases` compares every
 * table's row count and contents and every report's figures, the mass balance included.
 */

/** Rows per INSERT when copying (a table that references itself goes in one). */
const COPY_BATCH = 2_000;

/** Tables in an order where every table comes after those it references; and those that reference themselves. */
async function copyOrder(db: Database): Promise<{ order: string[]; selfRef: Set<string> }> {
  const tables = await publicTables(db);
  const edges = await foreignKeys(db);
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  const selfRef = new Set<string>();
  for (const e of edges) {
    if (e.child === e.parent) selfRef.add(e.child);
    else parents.get(e.child)?.add(e.parent);
  }
  const order: string[] = [];
  const done = new Set<string>();
  const visit = (t: string, path: Set<string>) => {
    if (done.has(t)) return;
    if (path.has(t)) throw new Error(`tables reference each other in a cycle through ${t}: cannot order the copy`);
    path.add(t);
    for (const p of parents.get(t) ?? []) visit(p, path);
    path.delete(t);
    done.add(t);
    order.push(t);
  };
  for (const t of tables) visit(t, new Set());
  return { order, selfRef };
}

export interface CopyResult { tables: { table: string; rows: number }[]; ms: number }

/**
 * Copies every row of every public table of `source` into `target`, which must be migrated to
 * the same schema and hold no rows (refused otherwise). Values go through JSON
 * (`row_to_json` out, `json_populate_recordset` in), which keeps every type PostgreSQL has;
 * sequences continue after the copied ids.
 */
export async function copyDatabase(source: Database, target: Database): Promise<CopyResult> {
  const started = performance.now();
  const { order, selfRef } = await copyOrder(source);
  const targetTables = new Set(await publicTables(target));
  const missing = order.filter((t) => !targetTables.has(t));
  if (missing.length) throw new Error(`the target database lacks tables ${missing.join(', ')}: migrate it first`);
  const copied: CopyResult['tables'] = [];
  await target.db.transaction(async (tx) => {
    for (const table of order) {
      const n = await countRows(target, tx, table);
      if (Number(n) > 0) throw new Error(`the target database is not empty (${table} has ${n} rows): move only into an empty database`);
    }
    for (const table of order) {
      const cols = await columnsOf(source, table);
      const rows = await jsonRows(source, table);
      const batch = selfRef.has(table) ? Math.max(rows.length, 1) : COPY_BATCH;
      for (let i = 0; i < rows.length; i += batch) {
        const json = `[${rows.slice(i, i + batch).join(',')}]`;
        await insertJsonRows(tx, table, cols, json);
      }
      copied.push({ table, rows: rows.length });
    }
    // Serial ids go on after the copied ones.
    const serials = await serialColumns(target, tx);
    for (const { t, c } of serials) await continueSerial(tx, t, c);
  });
  return { tables: copied, ms: Math.round(performance.now() - started) };
}

export interface Comparison {
  tables: { table: string; a: number; b: number; sameContents: boolean }[];
  reports: { name: string; same: boolean }[];
  window?: { from: string; to: string };
  /** The summary over the whole history on each side: kg in, packed, delivered, and the mass balance difference. */
  summary?: { a: Awaited<ReturnType<typeof summaryReport>>; b: Awaited<ReturnType<typeof summaryReport>> };
  identical: boolean;
}

/** Runs `work` in a read transaction with the same output settings on either database. */
function readStable<T>(db: Database, work: (tx: Executor) => Promise<T>): Promise<T> {
  return db.db.transaction(async (tx) => {
    await setStableOutput(tx);
    return work(tx);
  });
}

/**
 * Compares two databases of one schema: every public table's count and contents (`ignore`:
 * tables left out, e.g. `backup_runs`, which a backup writes after its snapshot), the summary
 * with its mass balance, the tallies by every dimension and the funder's report, over the
 * whole history in the tallies.
 */
export async function compareDatabases(a: Database, b: Database, opts: { ignore?: string[] } = {}): Promise<Comparison> {
  const tables = (await publicTables(a)).filter((t) => !opts.ignore?.includes(t));
  const out: Comparison['tables'] = [];
  for (const table of tables) {
    const [da, db] = [await readStable(a, (tx) => tableDigest(a, tx, table)), await readStable(b, (tx) => tableDigest(b, tx, table))];
    out.push({ table, a: da.n, b: db.n, sameContents: da.md5 === db.md5 });
  }
  const span = await firstTallyDay(a);
  const reports: Comparison['reports'] = [];
  let summary: Comparison['summary'];
  let window: Comparison['window'];
  if (span?.first) {
    window = { from: span.first, to: localDate(new Date()) };
    const same = async (name: string, f: (db: Database) => Promise<unknown>) => {
      const [ra, rb] = [await f(a), await f(b)];
      reports.push({ name, same: JSON.stringify(ra) === JSON.stringify(rb) });
      return [ra, rb] as const;
    };
    const [sa, sb] = await same('summary (mass balance)', (db) => summaryReport(db, db.db, window!));
    summary = { a: sa as never, b: sb as never };
    for (const by of reportDimension.options) {
      await same(`tallies by month by ${by}`, (db) => tallyReport(db, db.db, { ...window!, period: 'month', by, locale: 'en' } as TalliesQuery));
    }
    await same('funder report', (db) => funderReport(db, db.db, { ...window!, locale: 'fi' } as never));
  }
  const identical = out.every((t) => t.a === t.b && t.sameContents) && reports.every((r) => r.same);
  return { tables: out, reports, window, summary, identical };
}
