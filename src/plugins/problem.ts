import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, STATUS_TITLES, isUnavailableError, rootCause } from '../errors.ts';

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  title?: string;
  instance?: string;
  errors?: { path: string; message: string }[];
  [extra: string]: unknown;
}

export const problemBody = (p: ProblemInput): Problem => ({
  ...p,
  type: `https://kassi.example/problems/${p.code}`,
  title: p.title ?? STATUS_TITLES[p.status] ?? 'Error',
});

export function sendProblem(reply: FastifyReply, p: ProblemInput) {
  return reply.code(p.status).type('application/problem+json').send(problemBody(p));
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refused before any route saw it (headers
 * over the limit, a malformed request line, a timeout) still gets problem+json, not Node's bare answer.
 */
export function answerClientError(err: NodeJS.ErrnoException, socket: Socket) {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, detail] = err.code === 'HPE_HEADER_OVERFLOW'
    ? [431, 'headers_too_large', 'The request headers are larger than the server accepts']
    : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'request_timeout', 'The request took too long to arrive']
      : [400, 'bad_request', 'The request is not valid HTTP'];
  const body = JSON.stringify(problemBody({ status, code, detail }));
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

/** PostgreSQL error codes that mean the request, not the server, was wrong. */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: string }> = {
  '23505': { status: 409, code: 'already_exists', detail: 'A record with these values already exists' },
  '23503': { status: 422, code: 'unknown_reference', detail: 'The request refers to a record that does not exist' },
  '23514': { status: 409, code: 'constraint_violation', detail: 'The change would break a stock or consistency rule' },
  '22P02': { status: 400, code: 'invalid_value', detail: 'A value has the wrong format' },
  '22003': { status: 400, code: 'out_of_range', detail: 'A number is out of range' },
  '40001': { status: 409, code: 'concurrent_update', detail: 'A concurrent change interfered; retry the request' },
  '40P01': { status: 409, code: 'concurrent_update', detail: 'A concurrent change interfered; retry the request' },
};

const FASTIFY_CODES: Record<string, { status: number; code: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length' },
};

/** One error handler for the whole app: every error leaves as RFC 9457 problem+json. */
export function registerProblemHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const instance = req.url;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.flatMap((v) => {
        const base = [where, ...String(v.instancePath ?? '').split('/').filter(Boolean)];
        // An unknown field is reported at the field itself, so a client sees which one.
        const keys = (v.params as { keys?: string[] } | undefined)?.keys;
        if (v.keyword === 'unrecognized_keys' && keys?.length) {
          return keys.map((k) => ({ path: [...base, k].join('.'), message: 'is not a known field' }));
        }
        return [{ path: base.join('.'), message: v.message ?? 'is invalid' }];
      });
      return sendProblem(reply, {
        status: 400, code: 'validation_failed', instance,
        detail: `Invalid ${where}: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`.slice(0, 500),
        errors,
      });
    }
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'service error');
      return sendProblem(reply, { status: err.status, code: err.code, detail: err.detail, instance, ...err.extra });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
      return sendProblem(reply, { status: 500, code: 'internal', detail: 'Internal error', instance });
    }
    const fst = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (fst) return sendProblem(reply, { ...fst, detail: err.message, instance });
    const pgCode = rootCause(err).code;
    const pgMapped = pgCode && /^[0-9A-Z]{5}$/.test(pgCode) ? PG_CLIENT_ERRORS[pgCode] : undefined;
    if (pgMapped) {
      req.log.warn({ err }, 'database refused the change');
      return sendProblem(reply, { ...pgMapped, instance });
    }
    if (err.statusCode === 429) {
      return sendProblem(reply, { status: 429, code: 'rate_limited', detail: err.message || 'Too many requests; try again later', instance });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, { status: err.statusCode, code: 'bad_request', detail: err.message, instance });
    }
    if (isUnavailableError(err)) {
      req.log.error({ err }, 'dependency unavailable');
      return sendProblem(reply, { status: 503, code: 'unavailable', detail: 'A backing service is unavailable; retry shortly', instance });
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, { status: 500, code: 'internal', detail: 'Internal error', instance });
  });

  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, { status: 404, code: 'not_found', detail: `No route ${req.method} ${req.url.split('?')[0]}`, instance: req.url }),
  );
}
