import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, noBody, problemSchema } from '../../http/schemas.ts';
import { actorOf, bearerToken, PAGE_COOKIE } from '../../plugins/access.ts';
import { userSchema } from '../users/users.schemas.ts';
import { findUser, toUserDto } from '../users/users.service.ts';
import { login, logout } from './auth.service.ts';

const loginBody = z.strictObject({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(200) });

const PAGE_COOKIE_SECONDS = 12 * 3600;

export const authHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  // Per account: counts every attempt for the email, whichever address it comes from. The
  // per-address limit is the route's own rateLimit config; this one is checked by hand
  // because the plugin runs only one limiter per request.
  const accountLimit = app.createRateLimit({ max: deps.config.LOGIN_MAX_PER_ACCOUNT, timeWindow: 15 * 60 * 1000, keyGenerator: (req) => `acct:${(req.body as { email: string }).email.toLowerCase()}` });
  const perAccount = async (req: FastifyRequest) => {
    const limit = await accountLimit(req);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new AppError('rate_limited', 429, (m) => m.tooManySignIns(Math.ceil(limit.ttlInSeconds / 60)));
    }
  };

  app.post('/auth/login', {
    config: { access: { roles: 'anyone' }, rateLimit: { max: deps.config.LOGIN_MAX_PER_IP, timeWindow: 60 * 1000 } },
    preHandler: perAccount,
    schema: {
      tags: ['auth'], summary: 'Sign in with email and password', body: loginBody,
      response: { 200: z.object({ token: z.string(), expiresAt: z.string(), user: userSchema }), 400: problemSchema, 401: problemSchema, 429: problemSchema },
    },
  }, async (req) => login(deps.database.db, req.body.email, req.body.password, deps.config.TOKEN_TTL_HOURS, deps.now()));

  app.post('/auth/logout', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['auth'], summary: 'Revoke the current token', body: noBody, response: { 204: z.undefined(), ...commonErrors } },
  }, async (req, reply) => {
    actorOf(req);
    await logout(deps.database.db, bearerToken(req.headers.authorization)!, deps.now());
    reply.header('set-cookie', `${PAGE_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict`);
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
