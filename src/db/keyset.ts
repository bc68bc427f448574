import { and, eq, lt, or, type AnyColumn } from 'drizzle-orm';
import type { InstantKey } from '../http/cursor.ts';

/**
 * Keyset paging over `order by at desc, id desc`: the rows strictly past `key`, the last row
 * of the previous page (no condition without one).
 */
export const afterKey = (at: AnyColumn, id: AnyColumn, key: InstantKey | undefined) =>
  key ? or(lt(at, key.at), and(eq(at, key.at), lt(id, key.id))) : undefined;
