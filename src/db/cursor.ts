import { isSaneDate } from '../domain/date-window.ts';
import { localDayRange, type LocalDate } from '../domain/dates.ts';
import { badRequest } from '../errors.ts';

/**
 * What one part of a list's sort key holds, so that a cursor is checked before any SQL sees
 * it: an instant (ISO, milliseconds), a local date, a text, a whole number or a UUID.
 */
export type KeyPart = 'instant' | 'date' | 'text' | 'int' | 'uuid';
export type KeyValue = Date | string | number;

/** A UUID in any case (the edge lower-cases those of params, query and body). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Instants this API ever writes: a cursor outside them was not given out here. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);
/** Longer than any name, email or other text a list is sorted by. */
const MAX_TEXT = 500;

/** Opaque cursor of a page's last row: the values of its sort key, instants as ISO strings. */
export const encodeCursor = (values: readonly KeyValue[]) =>
  Buffer.from(JSON.stringify(values.map((v) => (v instanceof Date ? v.toISOString() : v)))).toString('base64url');

function decodePart(part: KeyPart, v: unknown): KeyValue | undefined {
  switch (part) {
    case 'instant': {
      if (typeof v !== 'string') return undefined;
      const at = new Date(v);
      const t = at.getTime();
      return t >= EARLIEST && t <= LATEST && at.toISOString() === v ? at : undefined;
    }
    case 'date': return typeof v === 'string' && isSaneDate(v) ? v : undefined;
    case 'text': return typeof v === 'string' && v.length <= MAX_TEXT && !v.includes('\0') ? v : undefined;
    case 'int': return typeof v === 'number' && Number.isSafeInteger(v) ? v : undefined;
    case 'uuid': return typeof v === 'string' && UUID.test(v) ? v.toLowerCase() : undefined;
  }
}

/**
 * The sort-key values a cursor from {@link encodeCursor} stands for, checked part by part
 * against the list's key. Anything else (not base64 JSON, another list's cursor, an instant
 * this API never writes, not a UUID) is 400 `invalid_cursor`, never a database error.
 */
export function decodeCursor(cursor: string, parts: readonly KeyPart[]): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === parts.length) {
    const values = parts.map((p, i) => decodePart(p, parsed[i]));
    if (values.every((v) => v !== undefined)) return values;
  }
  throw badRequest('invalid_cursor', (m) => m.invalidCursor());
}

/** A list's order as the page needs it: the parts of its sort key (the last one unique) and a row's values. */
export interface PageKey<R> {
  parts: readonly KeyPart[];
  valuesOf: (row: R) => KeyValue[];
}

/** What a repo gets for one keyset page: the rows strictly past `after`, at most `limit`. */
export interface PageWindow {
  after?: KeyValue[];
  limit: number;
}

/**
 * One page of a keyset list (`?limit=&cursor=`): decodes the cursor (400 `invalid_cursor`),
 * fetches one row more than the page, and gives the cursor of the page's last row when that
 * row beyond it says there is more.
 */
export async function keysetPage<R>(q: { limit: number; cursor?: string }, key: PageKey<R>, fetch: (w: PageWindow) => Promise<R[]>) {
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor, key.parts);
  const rows = await fetch({ after, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { page, nextCursor: rows.length > q.limit ? encodeCursor(key.valuesOf(page[page.length - 1])) : undefined };
}

/** The instants of a local day as a list filter (`?day=`), or no bounds. */
export function dayBounds(day: LocalDate | undefined): { from?: Date; to?: Date } {
  if (!day) return {};
  const { start, end } = localDayRange(day);
  return { from: start, to: end };
}
