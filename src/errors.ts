/** One error type for the whole service: a stable machine code, an HTTP status and a human detail. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} not found`);
export const conflict = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(code, 409, detail, extra);
export const unprocessable = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(code, 422, detail, extra);
export const badRequest = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new AppError(code, 400, detail, extra);
export const forbidden = (detail = 'Your role may not do this') => new AppError('forbidden', 403, detail);
export const unauthorized = (detail = 'A valid bearer token is required') => new AppError('unauthorized', 401, detail);
export const unavailable = (code: string, detail: string) => new AppError(code, 503, detail);

/** Title per status, for problem+json answers. */
export const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

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
