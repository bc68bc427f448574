import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaCompiler } from 'fastify';
import { isResponseSerializationError } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, isUnavailableError, rootCause } from '../errors.ts';
import type { IssueParams } from '../http/schemas.ts';
import { catalogues, en, langOf, statusTitle, type Lang, type Messages, type Text } from '../i18n/messages.ts';

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

/** An RFC 9457 body; its `title` in the language of `m`, like its `detail`. */
export const problemBody = (p: ProblemInput, m: Messages = en): Problem => ({
  ...p,
  type: `https://kassi.example/problems/${p.code}`,
  title: p.title ?? statusTitle(m, p.status),
});

/** The catalogue of a request: Finnish for `Accept-Language: fi`, English otherwise. */
export function messagesOf(req: FastifyRequest): { lang: Lang; m: Messages } {
  const lang = langOf(req.headers['accept-language']);
  return { lang, m: catalogues[lang] };
}

export function sendProblem(reply: FastifyReply, p: ProblemInput) {
  return reply.code(p.status).type('application/problem+json').send(problemBody(p, messagesOf(reply.request).m));
}

/** PostgreSQL error codes that mean the request, not the server, was wrong. */
const PG_CLIENT_ERRORS: Record<string, { status: number; code: string; detail: Text }> = {
  '23505': { status: 409, code: 'already_exists', detail: (m) => m.alreadyExists() },
  '23503': { status: 422, code: 'unknown_reference', detail: (m) => m.unknownReference() },
  '23514': { status: 409, code: 'constraint_violation', detail: (m) => m.constraintViolation() },
  '22P02': { status: 400, code: 'invalid_value', detail: (m) => m.invalidValue() },
  '22003': { status: 400, code: 'out_of_range', detail: (m) => m.outOfRange() },
  '40001': { status: 409, code: 'concurrent_update', detail: (m) => m.concurrentUpdate() },
  '40P01': { status: 409, code: 'concurrent_update', detail: (m) => m.concurrentUpdate() },
};

const FASTIFY_CODES: Record<string, { status: number; code: string; detail: Text }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'body_too_large', detail: (m) => m.bodyTooLarge() },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', detail: (m) => m.unsupportedMediaType() },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'empty_body', detail: (m) => m.emptyBody() },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', detail: (m) => m.invalidJson() },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'invalid_content_length', detail: (m) => m.invalidContentLength() },
  // The router's own refusals (Fastify's `frameworkErrors`), before any route is found.
  FST_ERR_BAD_URL: { status: 400, code: 'invalid_url', detail: (m) => m.invalidUrl() },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'url_part_too_long', detail: (m) => m.urlPartTooLong() },
};

/** One failed check of a request part, as the validator compiler hands it to Fastify. */
interface ValidationEntry {
  instancePath: string;
  message: string;
  issue: z.core.$ZodIssue;
}

/**
 * Validates request parts with zod, like fastify-type-provider-zod's compiler, but keeps each
 * zod issue (with its input) so the problem handler can word it in the caller's language.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return { value: result.data };
  const entries: ValidationEntry[] = result.error.issues.map((issue) => ({ instancePath: `/${issue.path.join('/')}`, message: issue.message, issue }));
  return { error: entries as never };
};

const zodFi = z.locales.fi().localeError;
/** Checks without arguments, found by their English text (a `.regex()` cannot carry params). */
const CHECK_BY_TEXT = new Map(Object.entries(en.check).filter(([, f]) => f.length === 0).map(([k, f]) => [(f as () => string)(), k]));

const paramsOf = (issue: z.core.$ZodIssue): IssueParams | undefined => (issue.code === 'custom' ? issue.params as IssueParams | undefined : undefined);

function issueMessage(issue: z.core.$ZodIssue, m: Messages, lang: Lang): string {
  const params = paramsOf(issue);
  if (params?.text) return params.text(m);
  const args = params?.check;
  const key = args?.[0] ?? CHECK_BY_TEXT.get(issue.message);
  if (key && key in m.check) return (m.check[key as keyof Messages['check']] as (...a: unknown[]) => string)(...(args?.slice(1) ?? []));
  if (lang === 'fi') {
    const text = zodFi(issue as never);
    return typeof text === 'string' ? text : text?.message ?? issue.message;
  }
  return issue.message;
}

/** `extra.errors` and `extra.violations` entries may carry a catalogue {@link Text} as their message. */
function localizeEntries(extra: Record<string, unknown>, m: Messages): Record<string, unknown> {
  const out = { ...extra };
  for (const field of ['errors', 'violations']) {
    const list = out[field];
    if (!Array.isArray(list)) continue;
    out[field] = list.map((e: { message?: unknown }) => (typeof e.message === 'function' ? { ...e, message: (e.message as Text)(m) } : e));
  }
  return out;
}

/**
 * One error handler for the whole app: every error leaves as RFC 9457 problem+json in the
 * caller's language. Also Fastify's `frameworkErrors` handler (a URL the router cannot read).
 */
export function answerError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  const instance = req.url;
  const { lang, m } = messagesOf(req);
  const validation = err.validation as unknown as ValidationEntry[] | undefined;
  if (Array.isArray(validation) && validation.length > 0 && validation.every((v) => v.issue)) {
    const where = err.validationContext ?? 'body';
    const errors = validation.flatMap(({ instancePath, issue }) => {
      const base = [where, ...instancePath.split('/').filter(Boolean)];
      // An unknown field is reported at the field itself, so a client sees which one.
      if (issue.code === 'unrecognized_keys' && issue.keys.length) {
        return issue.keys.map((k) => ({ path: [...base, k].join('.'), message: m.unknownField() }));
      }
      return [{ path: base.join('.'), message: issueMessage(issue, m, lang) }];
    });
    // A request wrong in one known way only (an inverted date window) answers with that problem's code.
    const problems = validation.map(({ issue }) => paramsOf(issue)?.problem);
    const own = problems.every((p) => p && p.code === problems[0]!.code) ? problems[0] : undefined;
    return sendProblem(reply, {
      status: 400, code: own?.code ?? 'validation_failed', instance,
      detail: own ? own.detail(m) : m.invalidPart(where, errors.map((e) => `${e.path} ${e.message}`).join('; ')).slice(0, 500),
      errors,
    });
  }
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'service error');
    return sendProblem(reply, { status: err.status, code: err.code, detail: err.detail(m), instance, ...localizeEntries(err.extra, m) });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause?.issues }, 'response does not match its schema');
    return sendProblem(reply, { status: 500, code: 'internal', detail: m.internal(), instance });
  }
  const fst = err.code ? FASTIFY_CODES[err.code] : undefined;
  if (fst) return sendProblem(reply, { ...fst, detail: fst.detail(m), instance });
  const pgCode = rootCause(err).code;
  const pgMapped = pgCode && /^[0-9A-Z]{5}$/.test(pgCode) ? PG_CLIENT_ERRORS[pgCode] : undefined;
  if (pgMapped) {
    req.log.warn({ err }, 'database refused the change');
    return sendProblem(reply, { ...pgMapped, detail: pgMapped.detail(m), instance });
  }
  if (err.statusCode === 429) {
    const seconds = (err as { retrySeconds?: number }).retrySeconds;
    return sendProblem(reply, { status: 429, code: 'rate_limited', detail: seconds ? m.tooManyAttempts(seconds) : m.tooManyRequests(), instance });
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return sendProblem(reply, { status: err.statusCode, code: 'bad_request', detail: m.badRequest(err.message), instance });
  }
  if (isUnavailableError(err)) {
    req.log.error({ err }, 'dependency unavailable');
    return sendProblem(reply, { status: 503, code: 'unavailable', detail: m.unavailable(), instance });
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, { status: 500, code: 'internal', detail: m.internal(), instance });
}

export function registerProblemHandler(app: FastifyInstance) {
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((req, reply) => {
    const { m } = messagesOf(req);
    return sendProblem(reply, { status: 404, code: 'not_found', detail: m.noRoute(req.method, req.url.split('?')[0]), instance: req.url });
  });
}
