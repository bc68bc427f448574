import type { ApiProblem } from '../api/types.ts';
import { lang } from '../i18n/index.ts';
import { session } from './session.ts';

/**
 * A problem+json answer of the API: `detail` in the UI's language, `errors` on the fields. Its
 * `type` and `title` may be missing: the app makes one itself of an answer that is not JSON.
 */
export type Problem = Pick<ApiProblem, 'status' | 'code' | 'detail' | 'errors'> & Partial<Pick<ApiProblem, 'type' | 'title' | 'instance'>> & { [extra: string]: unknown };

export interface Answer<T = unknown> { status: number; body: T }

/** Thrown when the request never got an answer (offline, server down, connection cut). */
export class NetworkError extends Error {}

/**
 * One call to the API with the signed-in user's token and the UI's language. Reads may call
 * it directly; every write goes through the outbox (lib/outbox.ts), which calls this.
 */
export async function request<T = unknown>(method: string, path: string, opts: { body?: unknown; idempotencyKey?: string; token?: string } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'accept-language': lang.value, accept: 'application/json' };
  const token = opts.token ?? session.value?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  } catch (err) {
    throw new NetworkError((err as Error).message);
  }
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { status: res.status, code: 'not_json', detail: text.slice(0, 200) };
  }
  return { status: res.status, body: body as T };
}

const CACHE = 'kassi.cache:';

/**
 * A read that still answers offline: the last good answer for this user and path is kept on
 * the device and returned when the network is not there (donors, units, reservations…).
 */
async function keptOffline<T>(path: string, load: () => Promise<Answer<T>>): Promise<T> {
  const key = `${CACHE}${session.value?.user.id ?? ''}:${path}`;
  try {
    const res = await load();
    if (res.status === 200) {
      localStorage.setItem(key, JSON.stringify(res.body));
      return res.body;
    }
    throw new Error((res.body as Problem | null)?.detail ?? String(res.status));
  } catch (err) {
    const kept = localStorage.getItem(key);
    if (kept !== null) return JSON.parse(kept) as T;
    throw err;
  }
}

export const cachedGet = <T>(path: string): Promise<T> => keptOffline(path, () => request<T>('GET', path));

/** The API's lists come a page at a time (`limit` at most 100, `nextCursor` for the next page). */
const PAGE = 100;

/**
 * Every item of a list, following `nextCursor` page by page, as one `{ items }`. The first
 * answer that is not 200 (a problem) is returned as it is, so a screen can show its message.
 */
export async function getAll<T>(path: string): Promise<Answer<{ items: T[] } | Problem>> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = `${path}${path.includes('?') ? '&' : '?'}limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await request<{ items: T[]; nextCursor?: string }>('GET', page);
    if (res.status !== 200) return res;
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return { status: 200, body: { items } };
}

/** {@link getAll}, kept on the device for when the network is not there. */
export const cachedGetAll = <T>(path: string) => keptOffline(path, () => getAll<T>(path) as Promise<Answer<{ items: T[] }>>);
