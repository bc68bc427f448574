import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';
import { UUID } from '../http/cursor.ts';
import type { Messages } from '../i18n/messages.ts';

/**
 * Walks a parsed input (params, query or body) once: every string that is a UUID is lower-cased,
 * so ids compare as UUIDs, not as strings (`…-ABCD` is the same point as `…-abcd`), and the path
 * of the first string or key holding a NUL character is returned (PostgreSQL cannot store one).
 */
function normalise(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\0') ? path : undefined;
  if (!value || typeof value !== 'object') return undefined;
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  for (const [key, v] of entries) {
    const at = `${path}.${key}`;
    if (key.includes('\0')) return at;
    if (typeof v === 'string') {
      if (v.includes('\0')) return at;
      if (UUID.test(v) && v !== v.toLowerCase()) (value as Record<string, unknown>)[key] = v.toLowerCase();
    } else {
      const found = normalise(v, at);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Input rules that hold for every route, in one place before any schema or service sees the
 * request: no NUL character in any string (400, not a database error), UUIDs in lower case.
 */
export function registerEdgeRules(app: FastifyInstance) {
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
