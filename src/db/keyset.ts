import { and, asc, desc, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { KeyPart, KeyValue, PageKey } from './cursor.ts';

/** One column (or expression) of a list's order, with what its values are and its direction. */
export interface SortColumn {
  column: AnyColumn | SQL;
  part: KeyPart;
  desc?: boolean;
}

/** A list's order for keyset paging: its columns, the last one unique (an id), and a row's values of them. */
export interface SortKey<R> extends PageKey<R> {
  columns: readonly SortColumn[];
}

export function sortKey<R>(columns: readonly SortColumn[], valuesOf: (row: R) => KeyValue[]): SortKey<R> {
  return { columns, parts: columns.map((c) => c.part), valuesOf };
}

/**
 * A timestamptz filled by `now()` keeps microseconds; a cursor keeps the milliseconds a `Date`
 * has. Ordering and comparing by this keeps the two in step (rows of one millisecond go by id).
 */
export const toMs = (column: AnyColumn) => sql`date_trunc('milliseconds', ${column})`;

/** The ORDER BY of a sort key. */
export const orderOf = (key: SortKey<never>) => key.columns.map((c) => (c.desc ? desc(c.column) : asc(c.column)));

const CASTS: Record<KeyPart, string> = { instant: 'timestamptz', date: 'date', text: 'text', int: 'integer', uuid: 'uuid' };
const bound = (part: KeyPart, v: KeyValue) => sql`${v instanceof Date ? v.toISOString() : v}::${sql.raw(CASTS[part])}`;

/**
 * The rows strictly past `after` (the last row of the previous page) in the key's order:
 * `a > a0 or (a = a0 and b > b0) or …`, each column in its own direction; no condition without one.
 */
export function pastKey(key: SortKey<never>, after: readonly KeyValue[] | undefined): SQL | undefined {
  if (!after) return undefined;
  return or(...key.columns.map((c, i) => and(
    ...key.columns.slice(0, i).map((p, j) => sql`${p.column} = ${bound(p.part, after[j])}`),
    c.desc ? sql`${c.column} < ${bound(c.part, after[i])}` : sql`${c.column} > ${bound(c.part, after[i])}`,
  )));
}
