import type { SwaggerTransformObject } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import { en, statusTitle } from '../i18n/messages.ts';

type Json = Record<string, unknown>;
interface Operation {
  operationId?: string;
  parameters?: Json[];
  requestBody?: unknown;
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>;
  security?: unknown[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const WITH_BODY = new Set(['post', 'put', 'patch']);
const PROBLEM = 'application/problem+json';
/** Media types answered as text (CSV, HTML, SVG): their schema is a string, not the JSON one. */
const TEXT_TYPES = /^(text\/|image\/svg\+xml)/;

const problemRef = { $ref: '#/components/schemas/Problem' };
const problemComponent = {
  type: 'object',
  description: 'RFC 9457 problem details',
  required: ['type', 'title', 'status', 'detail', 'code'],
  properties: {
    type: { type: 'string' }, title: { type: 'string' }, status: { type: 'integer' }, detail: { type: 'string' }, code: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
  additionalProperties: true,
};

/** What any route may answer besides its own statuses, and why. */
const ALWAYS: Record<string, string> = {
  400: 'Invalid input', 431: 'Request headers too large', 500: 'Internal error', 503: 'A backing service is unavailable, or the server is shutting down',
};
const SIGNED_IN: Record<string, string> = { 401: 'No valid bearer token', 403: 'The caller’s role may not do this' };
const BODY: Record<string, string> = { 413: 'Body larger than the limit', 415: 'Body not sent as application/json' };
const RATE_LIMITED: Record<string, string> = { 429: 'Too many requests; `retry-after` says when to try again' };

const idempotencyKey = {
  name: 'Idempotency-Key', in: 'header', required: false,
  description: 'Makes a retry safe: the same key with the same body replays the first answer (24 h); another body is 422, a retry while the first runs is 409.',
  schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
};

/** `get /sites/{id}/pickup-schedules` → `getSitesByIdPickupSchedules`: unique, as method and path are. */
function operationId(method: string, path: string): string {
  const words = path.split('/').filter(Boolean).flatMap((seg) => {
    const param = /^\{(\w+)\}$/.exec(seg);
    return param ? ['by', param[1]] : seg.split(/[^a-zA-Z0-9]+/);
  });
  return method + words.filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/**
 * The OpenAPI document describes what the server answers, not only what handlers return:
 * every operation lists the problem statuses the edge can give (400, 431, 500, 503; 401 and
 * 403 when signed in; 413 and 415 with a body; 429 when rate-limited) as
 * `application/problem+json`, text media types (CSV, HTML, SVG) as strings, the
 * `Idempotency-Key` header on every POST, its own security (`[]` when public) and an
 * operationId.
 * `onRoute` notes which routes are rate-limited; `transform` is @fastify/swagger's
 * `transformObject`.
 */
export function openApiConventions() {
  const rateLimited = new Set<string>();
  const key = (method: string, path: string) => `${method.toLowerCase()} ${path}`;
  return {
    onRoute(route: RouteOptions) {
      if (!(route.config as { rateLimit?: unknown } | undefined)?.rateLimit) return;
      const path = route.url.replace(/:(\w+)/g, '{$1}');
      for (const m of Array.isArray(route.method) ? route.method : [route.method]) rateLimited.add(key(m, path));
    },
    transform: ((documentObject) => {
      const doc = structuredClone('openapiObject' in documentObject ? documentObject.openapiObject : {}) as Json & { paths?: Record<string, Record<string, Operation>>; components?: Json };
      doc.components = { ...doc.components, schemas: { ...(doc.components?.schemas as Json | undefined), Problem: problemComponent } };
      for (const [path, item] of Object.entries(doc.paths ?? {})) {
        for (const method of METHODS) {
          const op = item[method];
          if (!op) continue;
          op.operationId ??= operationId(method, path);
          op.security ??= [];
          const responses = (op.responses ??= {});
          const implied = {
            ...ALWAYS, ...(op.security.length > 0 ? SIGNED_IN : {}), ...(WITH_BODY.has(method) ? BODY : {}),
            ...(rateLimited.has(key(method, path)) ? RATE_LIMITED : {}),
          };
          for (const [status, description] of Object.entries(implied)) responses[status] ??= { description };
          for (const [status, response] of Object.entries(responses)) {
            if (Number(status) >= 400) {
              response.content = { [PROBLEM]: { schema: problemRef } };
              if (!response.description || response.description === 'Default Response') response.description = statusTitle(en, Number(status));
            } else {
              // A new media object: the JSON one beside it may be the same object (a route that `produces` several types).
              const content = response.content ?? {};
              for (const [type, media] of Object.entries(content)) if (TEXT_TYPES.test(type)) content[type] = { ...media, schema: { type: 'string' } };
            }
          }
          if (method === 'post') op.parameters = [...(op.parameters ?? []).filter((p) => p.name !== idempotencyKey.name), idempotencyKey];
        }
      }
      return doc as ReturnType<SwaggerTransformObject>;
    }) satisfies SwaggerTransformObject,
  };
}
