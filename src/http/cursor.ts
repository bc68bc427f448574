import { localDayRange, type LocalDate } from '../domain/dates.ts';
import { badRequest } from '../errors.ts';

/** A keyset position in a list ordered by an instant and then an id, both descending. */
export interface InstantKey {
  at: Date;
  id: string;
}

/** A UUID in any case (the edge lower-cases those of params, query and body). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Instants this API ever writes: a cursor outside them was not given out here. */
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(9999, 11, 31);

/** Opaque cursor of the last item of a page: its (instant, id). */
export const encodeInstantCursor = (key: InstantKey) => Buffer.from(JSON.stringify([key.at.toISOString(), key.id])).toString('base64url');

/**
 * The position a cursor from `encodeInstantCursor` stands for. Anything else (not base64 JSON,
 * not an instant this API writes, not a UUID) is 400 `invalid_cursor`, never a database error.
 */
export function decodeInstantCursor(cursor: string): InstantKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
    const at = new Date(parsed[0]);
    const t = at.getTime();
    if (t >= EARLIEST && t <= LATEST && at.toISOString() === parsed[0] && UUID.test(parsed[1])) return { at, id: parsed[1].toLowerCase() };
  }
  throw badRequest('invalid_cursor', (m) => m.invalidCursor());
}

/**
 * One page of a keyset list: the repo fetched `limit + 1` rows, so a row beyond the page means
 * there is more, and the cursor points at the page's last row.
 */
export function pageOf<R>(rows: readonly R[], limit: number, keyOf: (row: R) => InstantKey) {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? encodeInstantCursor(keyOf(page[page.length - 1])) : undefined };
}

/** What a repo needs for one keyset page: the instants of a local day (when asked), the position after the cursor, one row more than the page. */
export interface PageWindow {
  from?: Date;
  to?: Date;
  after?: InstantKey;
  limit: number;
}

export function pageWindow(q: { day?: LocalDate; cursor?: string; limit: number }): PageWindow {
  const day = q.day ? localDayRange(q.day) : undefined;
  return { from: day?.start, to: day?.end, after: q.cursor ? decodeInstantCursor(q.cursor) : undefined, limit: q.limit + 1 };
}
