import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import accepts from '@fastify/accepts';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { Redis } from 'ioredis';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Deps } from './deps.ts';
import { mapTileOrigin } from './config.ts';
import { COMPRESS_MIN_BYTES, RESPONSE_ENCODINGS } from './http/compression.ts';
import { registerAccessPolicy, type RegisteredRoute } from './plugins/access.ts';
import { createMetrics } from './plugins/metrics.ts';
import { registerEdgeRules } from './plugins/edge.ts';
import { openApiConventions } from './plugins/openapi.ts';
import { answerError, registerProblemHandler, validatorCompiler } from './plugins/problem.ts';
import { protocolAnswers, serverTimeouts } from './plugins/protocol.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { authHttp } from './modules/auth/auth.http.ts';
import { healthHttp } from './modules/health/health.http.ts';
import { intakeHttp } from './modules/intake/intake.http.ts';
import { lotsHttp } from './modules/lots/lots.http.ts';
import { packingHttp } from './modules/packing/packing.http.ts';
import { recallsHttp } from './modules/recalls/recalls.http.ts';
import { reservationsHttp } from './modules/reservations/reservations.http.ts';
import { sitesHttp } from './modules/sites/sites.http.ts';
import { storageHttp } from './modules/storage/storage.http.ts';
import { usersHttp } from './modules/users/users.http.ts';
import { vehiclesHttp } from './modules/vehicles/vehicles.http.ts';
import { reportsHttp } from './modules/reports/reports.http.ts';
import { routePlansHttp } from './modules/route-plans/route-plans.http.ts';
import { driversHttp } from './modules/drivers/drivers.http.ts';
import { donorsHttp } from './modules/donors/donors.http.ts';
import { webAppHttp } from './modules/web-app/web-app.http.ts';
import { queuesHttp } from './modules/queues/queues.http.ts';
import { organisationsHttp } from './modules/organisations/organisations.http.ts';
import { distributionsHttp } from './modules/distributions/distributions.http.ts';
import { shiftsHttp } from './modules/shifts/shifts.http.ts';
import { notificationsHttp } from './modules/notifications/notifications.http.ts';
import { auditHttp } from './modules/audit/audit.http.ts';
import { backupsHttp } from './modules/backups/backups.http.ts';

export interface App {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  metrics: ReturnType<typeof createMetrics>;
}

/** Builds the HTTP API on the given dependencies. It does not listen; the server entry does. */
export async function buildApp(deps: Deps, opts: { logger?: boolean } = {}): Promise<App> {
  const protocol = protocolAnswers();
  const timeouts = serverTimeouts(deps.config.REQUEST_TIMEOUT_MS);
  const app = Fastify({
    loggerInstance: opts.logger === false ? undefined : (deps.log as unknown as FastifyBaseLogger),
    bodyLimit: deps.config.BODY_LIMIT_BYTES,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: deps.config.TRUST_PROXY,
    return503OnClosing: false,
    clientErrorHandler: protocol.clientErrorHandler,
    frameworkErrors: answerError,
    requestTimeout: timeouts.requestTimeout,
    http: { ...timeouts.http, requireHostHeader: false },
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerProblemHandler(app);
  // First of the onRequest hooks, so every answer carries the security headers: 401 and 403 of
  // the access policy, 404, 503 while closing, and every page.
  await registerSecurityHeaders(app, mapTileOrigin(deps.config));
  protocol.register(app);
  // Bodies are JSON only. Fastify's default text/plain parser would hand the body schema a string
  // (400 validation_failed); without it every other type is 415 before any work is done.
  app.removeContentTypeParser('text/plain');
  registerEdgeRules(app);
  await app.register(accepts);
  // Answers of 1 KB or more go out brotli- or gzip-compressed as the client accepts (a page of
  // lots, a report, a CSV); smaller ones gain less than the work costs. The app's own files come
  // precompressed from the build (see web-app.http.ts); what already names its encoding is left
  // alone, and event streams are never held back. Request bodies stay plain JSON.
  await app.register(compress, { global: true, globalDecompression: false, threshold: COMPRESS_MIN_BYTES, encodings: [...RESPONSE_ENCODINGS] });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  const routes: RegisteredRoute[] = [];
  registerAccessPolicy(app, deps.database, deps.now, routes);
  const openApi = openApiConventions();
  app.addHook('onRoute', openApi.onRoute);

  const rateLimitRedis = deps.config.REDIS_URL
    ? new Redis(deps.config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 1000 })
    : undefined;
  rateLimitRedis?.on('error', () => {});
  if (rateLimitRedis) app.addHook('onClose', async () => rateLimitRedis.disconnect());
  await app.register(rateLimit, {
    global: false,
    redis: rateLimitRedis,
    nameSpace: `${deps.config.REDIS_PREFIX}:rl:`,
    skipOnError: true,
    errorResponseBuilder: (_req, ctx) => Object.assign(new Error(`Too many attempts; try again in ${ctx.after}`), { statusCode: 429, retrySeconds: Math.ceil(ctx.ttl / 1000) }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kassi API', version: '0.1.0', description: 'Logistics of a food-rescue network: intake, storage, packing, reservations, routes, tallies. Weights in kg (3 decimals), dates Europe/Helsinki.' },
      // Relative: the document is served by the API it describes, wherever that runs.
      servers: [{ url: '/', description: 'This Kassi API' }],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: openApi.transform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  const metrics = createMetrics(deps.runner);
  metrics.register(app);
  app.get('/openapi.json', { config: { access: { roles: 'anyone' } }, schema: { hide: true } }, async () => app.swagger());
  if (!deps.config.METRICS_PORT) {
    // Without a private metrics port, metrics need a signed-in user.
    app.get('/metrics', { config: { access: { roles: 'any_user' } }, schema: { hide: true } }, async (_req, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  }

  await app.register(authHttp(deps, { redis: rateLimitRedis }));
  for (const mod of [healthHttp, usersHttp, sitesHttp, storageHttp, vehiclesHttp, intakeHttp, lotsHttp, packingHttp, reservationsHttp, recallsHttp, reportsHttp, routePlansHttp, driversHttp, queuesHttp, organisationsHttp, distributionsHttp, shiftsHttp, notificationsHttp, auditHttp, backupsHttp]) {
    await app.register(mod(deps));
  }
  await app.register(donorsHttp(deps, { redis: rateLimitRedis }));
  await app.register(webAppHttp(deps));
  await app.ready();
  return { app, routes, metrics };
}
