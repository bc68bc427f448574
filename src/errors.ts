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
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};
