import { en, type Messages, type Text } from './i18n/messages.ts';
import { checkDateRange, type WindowVerdict } from './domain/date-window.ts';

/**
 * One error type for the whole service: a stable machine code, an HTTP status and a human
 * detail from the message catalogue (src/i18n/messages.ts), put into the caller's language by
 * the problem handler. `extra` fields go into the answer as they are; a `message` of an entry
 * of `extra.errors` or `extra.violations` may be a {@link Text} too.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: Text,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail(en));
    this.name = 'AppError';
  }
}

/** What a 404 names; the catalogue's `terms.thing`. */
export type Thing = keyof Messages['terms']['thing'];

export const notFound = (what: Thing) => new AppError('not_found', 404, (m) => m.notFound(m.terms.thing[what]));
export const conflict = (code: string, detail: Text, extra: Record<string, unknown> = {}) =>
  new AppError(code, 409, detail, extra);
export const unprocessable = (code: string, detail: Text, extra: Record<string, unknown> = {}) =>
  new AppError(code, 422, detail, extra);
export const badRequest = (code: string, detail: Text, extra: Record<string, unknown> = {}) =>
  new AppError(code, 400, detail, extra);
export const forbidden = (detail: Text = (m) => m.forbidden()) => new AppError('forbidden', 403, detail);
export const unauthorized = (detail: Text = (m) => m.unauthorized()) => new AppError('unauthorized', 401, detail);
export const unavailable = (code: string, detail: Text) => new AppError(code, 503, detail);

/** drizzle wraps driver errors (`DrizzleQueryError: Failed query ...`); the driver's code is on its `cause`. */
export function rootCause(err: unknown): { code?: string; message?: string } {
  let e = err as { code?: string; message?: string; cause?: unknown };
  for (let i = 0; i < 5 && e.cause && typeof e.cause === 'object' && !e.code; i += 1) e = e.cause as typeof e;
  return e;
}

/**
 * True when a backing service (PostgreSQL, Redis) is down, restarting or overloaded, rather than
 * the request or job being wrong: the same work will succeed later. HTTP answers it with 503;
 * the worker puts the job back without spending one of its attempts.
 */
export function isUnavailableError(err: unknown): boolean {
  const e = rootCause(err);
  return ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P02', '57P03', '08006', '08003', '08001'].includes(e.code ?? '')
    || /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not yet accepting connections|the database system is (starting up|shutting down|in recovery mode)/i.test(e.message ?? '');
}

/** The answer {@link dateWindow} gives, for a window whose ends a service filled in (a default `from`). */
export function assertDateWindow(from: string, to: string, opts: { maxYears?: number } = {}): void {
  const verdict = checkDateRange(from, to, opts);
  if (!verdict.ok) throw badRequest(verdict.code, verdict.detail, { errors: [{ path: 'querystring.to', message: verdict.message }] });
}

/** Turns a refused date-window verdict into the same 400 a schema gives, at the field's path. */
export function assertInWindow(verdict: WindowVerdict, path: string): void {
  if (verdict.ok) return;
  const where = path.split('.')[0];
  const { message } = verdict;
  throw new AppError('validation_failed', 400, (m) => m.invalidPart(where, `${path} ${message(m)}`), { errors: [{ path, message }] });
}
