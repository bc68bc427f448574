import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { UUID } from '../db/cursor.ts';
import type { Messages } from '../i18n/messages.ts';

/**
 * The deepest nesting a request body may have. Kassi's deepest body is an intake (body → lines →
 * a line → its allergens: 4 levels); 32 leaves room for any body a client builds by hand, and
 * keeps every later walk of the body (this file's, the idempotency hash, zod) shallow, so none of
 * them can run out of stack on a hostile body (a 1 MB body can nest half a million levels).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * Whether a JSON text nests arrays and objects deeper than `max`, read in one pass without
 * recursion (brackets inside strings, escaped quotes included, do not count). Not a validator:
 * the JSON parser still refuses a text that is not JSON.
 */
export function jsonDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
    }
  }
  return false;
}

/**
 * Walks a parsed input (params, query or body) once, with a stack of its own rather than
 * recursion: every string that is a UUID is lower-cased, so ids compare as UUIDs, not as strings
 * (`…-ABCD` is the same point as `…-abcd`), and the path of the first string or key holding a
 * NUL character is returned (PostgreSQL cannot store one).
 */
function normalise(root: unknown, rootPath: string): string | undefined {
  if (typeof root === 'string') return root.includes('\0') ? rootPath : undefined;
  const stack: [unknown, string][] = [[root, rootPath]];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (!value || typeof value !== 'object') continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    for (const [key, v] of entries) {
      const at = `${path}.${key}`;
      if (key.includes('\0')) return at;
      if (typeof v === 'string') {
        if (v.includes('\0')) return at;
        if (UUID.test(v) && v !== v.toLowerCase()) (value as Record<string, unknown>)[key] = v.toLowerCase();
      } else if (v && typeof v === 'object') {
        stack.push([v, at]);
      }
    }
  }
  return undefined;
}

/**
 * Input rules that hold for every route, in one place before any schema or service sees the
 * request: a JSON body nested deeper than {@link MAX_JSON_DEPTH} is 400 before it is parsed,
 * no NUL character in any string (400, not a database error), UUIDs in lower case.
 */
export function registerEdgeRules(app: FastifyInstance) {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, raw, done) => {
    const body = String(raw);
    if (jsonDeeperThan(body, MAX_JSON_DEPTH)) {
      done(new AppError('json_too_deep', 400, (m) => m.jsonTooDeep(MAX_JSON_DEPTH)), undefined);
      return;
    }
    parseJson(req, body, done);
  });
  app.addHook('preValidation', async (req) => {
    for (const [where, value] of [['params', req.params], ['querystring', req.query], ['body', req.body]] as const) {
      const path = normalise(value, where);
      if (path) {
        throw new AppError('validation_failed', 400, (m) => m.nulCharacter(where, path), {
          errors: [{ path, message: (m: Messages) => m.noNulCharacter() }],
        });
      }
    }
  });
}
