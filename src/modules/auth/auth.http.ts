import type { Redis } from 'ioredis';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, noBody, problemSchema } from '../../http/schemas.ts';
import { actorOf, bearerToken, PAGE_COOKIE } from '../../plugins/access.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { userSchema } from '../users/users.schemas.ts';
import { findUser, toUserDto } from '../users/users.service.ts';
import { changePassword, createPasswordReset, login, logout, logoutEverywhere, redeemPasswordReset, RESET_CODE_HOURS } from './auth.service.ts';
import { createSignInGuard } from './sign-in-guard.ts';

const loginBody = z.strictObject({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) });
/** A new password: as long as a coordinator's first one for the user must be. */
const newPassword = z.string().min(10).max(200);
const changePasswordBody = z.strictObject({ current: z.string().min(1).max(200), new: newPassword });
const resetBody = z.strictObject({ email: z.string().trim().min(3).max(254), code: z.string().trim().min(1).max(40), password: newPassword });

const PAGE_COOKIE_SECONDS = 12 * 3600;
const CLEAR_PAGE_COOKIE = `${PAGE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`;

export const authHttp = (deps: Deps, opts: { redis?: Redis } = {}): FastifyPluginAsyncZod => async (app) => {
  // Failed password checks, per account and address (src/modules/auth/sign-in-guard.ts); the
  // per-address limit on every attempt is the routes' own rateLimit, checked before the body is read.
  const guard = createSignInGuard({ maxFailures: deps.config.LOGIN_MAX_PER_ACCOUNT, redis: opts.redis, prefix: `${deps.config.REDIS_PREFIX}:` });
  const perAddress = { max: deps.config.LOGIN_MAX_PER_IP, timeWindow: 60 * 1000 };

  app.post('/auth/login', {
    config: { access: { roles: 'anyone' }, rateLimit: perAddress },
    schema: {
      tags: ['auth'], summary: 'Sign in with email and password',
      description: `Failed attempts count per account and address: after ${deps.config.LOGIN_MAX_PER_ACCOUNT} in 15 minutes that address gets 429 for the account, while the right password from any other address still signs in. A successful sign-in never counts.`,
      body: loginBody,
      response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }), 400: problemSchema, 401: problemSchema, 429: problemSchema },
    },
  }, async (req) => login(deps.database.db, guard, req.ip, req.body.email, req.body.password, deps.config.TOKEN_TTL_HOURS, deps.now()));

  app.post('/auth/logout', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['auth'], summary: 'Revoke the current token', body: noBody, response: { 204: z.undefined(), ...commonErrors } },
  }, async (req, reply) => {
    actorOf(req);
    await logout(deps.database.db, bearerToken(req.headers.authorization)!, deps.now());
    reply.header('set-cookie', CLEAR_PAGE_COOKIE);
    return reply.code(204).send();
  });

  app.post('/auth/logout-everywhere', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['auth'], summary: 'Sign out on every device: revoke every token of the current user', body: noBody, response: { 204: z.undefined(), ...commonErrors } },
  }, async (req, reply) => {
    await logoutEverywhere(deps.database.db, actorOf(req).id, deps.now());
    reply.header('set-cookie', CLEAR_PAGE_COOKIE);
    return reply.code(204).send();
  });

  app.post('/me/password', {
    config: { access: { roles: 'any_user' }, rateLimit: perAddress },
    schema: {
      tags: ['auth'], summary: 'Change my password; every other sign-in of mine ends',
      description: 'A wrong `current` is 400 `wrong_current_password` and counts as a failed sign-in.',
      body: changePasswordBody, response: { 204: z.undefined(), 429: problemSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const token = bearerToken(req.headers.authorization)!;
    await deps.database.db.transaction((tx) => changePassword(tx, guard, req.ip, actorOf(req).id, token, req.body.current, req.body.new, deps.now()));
    return reply.code(204).send();
  });

  app.post('/users/:id/password-reset', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['auth'], summary: 'Give a user a one-time code to set a new password',
      description: `The code is shown once (a retry makes a new one); read it to the person. It works once, for ${RESET_CODE_HOURS} hours, at \`POST /auth/password-reset\` (or the app's "Unohtuiko salasana?"); a newer code voids it.`,
      params: idParams, body: noBody,
      response: { 201: z.object({ code: z.string().describe('12 characters in groups of four, e.g. `K7PQ-3MZX-8RTA`'), expiresAt: z.string() }), ...commonErrors },
    },
  }, async (req, reply) => {
    // Not kept for an idempotent replay: the code is a secret, stored only as its hash. A retry
    // makes a new code, which voids the first.
    const body = await deps.database.db.transaction(async (tx) => {
      const reset = await createPasswordReset(tx, req.params.id, actorOf(req).id, deps.now());
      await recordAudit(tx, { ...byRequest(req), entity: 'user', entityId: req.params.id, action: 'reset_password' });
      return reset;
    });
    return reply.code(201).send(body);
  });

  app.post('/auth/password-reset', {
    config: { access: { roles: 'anyone' }, rateLimit: perAddress },
    schema: {
      tags: ['auth'], summary: 'Set a new password with a coordinator\'s reset code; every sign-in of the user ends',
      body: resetBody, response: { 204: z.undefined(), 400: problemSchema, 429: problemSchema },
    },
  }, async (req, reply) => {
    await deps.database.db.transaction((tx) => redeemPasswordReset(tx, guard, req.ip, req.body.email, req.body.code, req.body.password, deps.now()));
    return reply.code(204).send();
  });

  // Links from the app to printable pages (route sheet, reports) are navigations, which carry no
  // bearer header: the app trades its token for an HttpOnly, SameSite=Strict cookie that only
  // page routes (`access.cookie`) read. Writes never read it, and sign-out revokes the token it holds.
  app.post('/auth/page-session', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['auth'], summary: 'Let links from the app open printable pages (an HttpOnly cookie, at most 12 h)', body: noBody, response: { 204: z.undefined(), ...commonErrors } },
  }, async (req, reply) => {
    actorOf(req);
    const secure = req.protocol === 'https' ? '; Secure' : '';
    const seconds = Math.min(PAGE_COOKIE_SECONDS, deps.config.TOKEN_TTL_HOURS * 3600);
    const token = encodeURIComponent(bearerToken(req.headers.authorization)!);
    reply.header('set-cookie', `${PAGE_COOKIE}=${token}; Path=/; Max-Age=${seconds}; HttpOnly; SameSite=Strict${secure}`);
    return reply.code(204).send();
  });

  app.get('/me', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['auth'], summary: 'The current user', response: { 200: userSchema, ...commonErrors } },
  }, async (req) => toUserDto((await findUser(deps.database.db, actorOf(req).id))!));
};
