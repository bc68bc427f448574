import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Database } from '../db/client.ts';
import { forbidden, unauthorized } from '../errors.ts';

import { hashToken, type Actor, type CallerRole } from '../modules/auth/actor.ts';
import { findActorByToken, findDonorBySession } from '../modules/auth/tokens.repo.ts';

// The caller and its roles live beside the auth module so services need not import the HTTP layer.
export { ROLES, assertPointScope, hashToken, type Actor, type CallerRole, type Role } from '../modules/auth/actor.ts';

/**
 * A route's access policy, declared on the route itself (`config.access`). `roles` is who may
 * call it; `scope` names the object-level rule the service applies: `own_point` (a point lead
 * sees only their point's objects), `own_routes` (a driver only their routes). Objects outside
 * the caller's scope answer 404, so their existence is not revealed.
 */
export interface AccessPolicy {
  roles: readonly CallerRole[] | 'anyone' | 'any_user';
  scope?: 'own_point' | 'own_routes';
  /**
   * Also signed in by a cookie, for a page that a link opens (a navigation sends no
   * Authorization header): the dashboard cookie (`BOARD_COOKIE`) or the app's page cookie
   * (`PAGE_COOKIE`). Only routes that render a page have it, and a cookie signs in only their
   * GET and HEAD: the dashboard's own writes need its CSRF token as well ({@link boardCsrfToken}),
   * the page cookie never signs a write, so a cross-site request can change nothing.
   */
  cookie?: boolean;
}

/** The queue dashboard's path, and the cookie (HttpOnly, SameSite=Strict, this path only) that signs a coordinator in to it. */
export const BOARD_PATH = '/admin/queues';
export const BOARD_COOKIE = 'kassi_board';
/** Set by `POST /auth/page-session` for the app's links to printable pages (route sheet, reports). */
export const PAGE_COOKIE = 'kassi_page';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessPolicy;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * Library routes, which declare no policy themselves: the API browser and the phone app's static
 * files are public (the app signs in through the API), the queue dashboard is for coordinators.
 */
const LIBRARY_ROUTES: { pattern: RegExp; access: AccessPolicy }[] = [
  { pattern: /^\/docs(\/|$)/, access: { roles: 'anyone' } },
  { pattern: /^\/app(\/|$)/, access: { roles: 'anyone' } },
  { pattern: new RegExp(`^${BOARD_PATH}(/|$)`), access: { roles: ['coordinator'], cookie: true } },
];

/** Every registered route, with its policy: read by the access-policy test and OpenAPI. */
export interface RegisteredRoute {
  method: string;
  url: string;
  access?: AccessPolicy;
}

export function registerAccessPolicy(app: FastifyInstance, database: Database, now: () => Date, routeList: RegisteredRoute[]) {
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (route: RouteOptions) => {
    const library = LIBRARY_ROUTES.find((l) => l.pattern.test(route.url));
    if (library && !route.config?.access) {
      route.config = { ...(route.config ?? {}), access: library.access } as RouteOptions['config'];
    }
    const access = (route.config as { access?: AccessPolicy } | undefined)?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) routeList.push({ method, url: route.url, access });
    if (access && route.schema && !route.schema.hide) {
      const who = access.roles === 'anyone' ? 'anyone' : access.roles === 'any_user' ? 'any signed-in user' : access.roles.join(', ');
      const scope = access.scope ? ` (${access.scope.replace('_', ' ')} only)` : '';
      route.schema = { ...route.schema, description: [route.schema.description, `Access: ${who}${scope}.`].filter(Boolean).join('\n\n') };
      if (access.roles !== 'anyone') route.schema = { ...route.schema, security: [{ bearerAuth: [] }] } as typeof route.schema;
    }
  });

  app.addHook('onRequest', async (req) => {
    const access = req.routeOptions.config?.access;
    // Routes without a policy never answer: the access test fails the build before that.
    if (!access) {
      if (req.routeOptions.url === undefined) return; // 404 handler
      throw forbidden((m) => m.noAccessPolicy());
    }
    if (access.roles === 'anyone') return;
    const admitsDonor = access.roles !== 'any_user' && access.roles.includes('donor');
    const actor = await authenticate(database, req, now(), access.cookie) ?? (admitsDonor ? await authenticateDonor(database, req, now()) : null);
    if (!actor) throw unauthorized();
    req.actor = actor;
    if (access.roles !== 'any_user' && !access.roles.includes(actor.role)) throw forbidden();
  });
}

/** The token of an `Authorization: Bearer …` header; the scheme is case-insensitive (RFC 9110 §11.1). */
export const bearerToken = (header: string | undefined) => /^bearer +(\S+) *$/i.exec(header ?? '')?.[1];

/** A cookie's value from the `Cookie` header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/**
 * The CSRF token of a dashboard session: derived from the session's own token, so it is bound to
 * it and needs no store. The dashboard sets it in a cookie scripts of its own origin can read
 * (`XSRF-TOKEN`); bull-board's HTTP client (axios) sends it back as `X-XSRF-TOKEN` on every call.
 * A page of another site can send the cookies but can neither read this one nor set the header.
 */
export const boardCsrfToken = (sessionToken: string) => createHash('sha256').update(`kassi-board-csrf:${sessionToken}`).digest('base64url');
export const BOARD_CSRF_COOKIE = 'XSRF-TOKEN';
const BOARD_CSRF_HEADER = 'x-xsrf-token';

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The token a request signs in with. The `Authorization` header always; a cookie only on a route
 * that a link opens (`access.cookie`), and then only to read: GET and HEAD take either cookie. A
 * write by cookie is the queue dashboard's own (pause, clean, retry…) and needs its CSRF header
 * too; the app's page cookie never signs a write.
 */
function tokenOf(req: FastifyRequest, cookie: boolean): string | undefined {
  const header = bearerToken(req.headers.authorization);
  if (header || !cookie) return header;
  const board = req.url.startsWith(BOARD_PATH) ? cookieValue(req.headers.cookie, BOARD_COOKIE) : undefined;
  if (req.method === 'GET' || req.method === 'HEAD') return board ?? cookieValue(req.headers.cookie, PAGE_COOKIE);
  const csrf = req.headers[BOARD_CSRF_HEADER];
  return board && typeof csrf === 'string' && sameSecret(csrf, boardCsrfToken(board)) ? board : undefined;
}

async function authenticate(database: Database, req: FastifyRequest, now: Date, cookie = false): Promise<Actor | null> {
  const token = tokenOf(req, cookie);
  if (!token || token.length > 200) return null;
  return (await findActorByToken(database.db, hashToken(token), now)) ?? null;
}

/**
 * A donor session: live, its link not revoked, its site an active donor. Anything else is the
 * same 401 as a wrong token, so a revoked link or a deactivated donor says nothing more.
 */
async function authenticateDonor(database: Database, req: FastifyRequest, now: Date): Promise<Actor | null> {
  const token = bearerToken(req.headers.authorization);
  if (!token || token.length > 200) return null;
  const row = await findDonorBySession(database.db, hashToken(token), now);
  return row ? { id: row.id, email: '', name: row.name, role: 'donor', pointId: null, donorId: row.donorId } : null;
}

/** The donor a donor session speaks for (a route whose policy admits only `donor`). */
export function donorOf(req: FastifyRequest): { linkId: string; donorId: string } {
  const actor = actorOf(req);
  if (actor.role !== 'donor' || !actor.donorId) throw unauthorized();
  return { linkId: actor.id, donorId: actor.donorId };
}

/** The caller of a route whose policy requires a user. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw unauthorized();
  return req.actor;
}
