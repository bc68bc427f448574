import type { ApiAnswer } from '../../../api/types.ts';
import { request, type Problem } from '../../../lib/api.ts';

/** A unit's own-check temperature records of a period, as `GET /storage-units/:id/temperature-readings` gives them. */
export type Records = ApiAnswer<'/storage-units/{id}/temperature-readings'>;

/** The path of a unit's records from `from` to `to` (dates), with more of the query after. */
export const readingsPath = (unitId: string, from: string, to: string, extra = '') => `/storage-units/${unitId}/temperature-readings?from=${from}&to=${to}${extra}`;

/**
 * Every reading of the period, a page at a time (the record is never cut short), or the
 * server's problem. Throws `NetworkError` when there is no network.
 */
export async function getTemperatureReadings(unitId: string, from: string, to: string): Promise<{ records: Records } | { problem: Problem }> {
  let all: Records | undefined;
  for (let cursor: string | undefined; ;) {
    const res = await request<Records | Problem>('GET', readingsPath(unitId, from, to, `&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    if (res.status !== 200) return { problem: res.body as Problem };
    const page = res.body as Records;
    all = all === undefined ? page : { ...page, items: [...all.items, ...page.items] };
    cursor = page.nextCursor;
    if (!cursor) return { records: all };
  }
}
