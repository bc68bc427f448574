import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';

const check = z.object({ status: z.enum(['ok', 'down']), checks: z.record(z.string(), z.enum(['ok', 'down', 'not_used'])) });

/** Bounded wait, so a hung dependency makes readiness fail rather than hang. */
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

export const healthHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/health/live', {
    config: { access: { roles: 'anyone' } },
    schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: z.object({ status: z.literal('ok') }) } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/health/ready', {
    config: { access: { roles: 'anyone' } },
    schema: { tags: ['health'], summary: 'Readiness: the database (and Redis when used) answer', response: { 200: check, 503: check } },
  }, async (_req, reply) => {
    const [db, queue] = await Promise.all([
      within(deps.database.ping(), 2000).then(() => 'ok' as const, () => 'down' as const),
      deps.runner.kind === 'bullmq' ? within(deps.runner.ping(), 2000).then(() => 'ok' as const, () => 'down' as const) : Promise.resolve('not_used' as const),
    ]);
    const ok = db === 'ok' && queue !== 'down';
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ok' : 'down', checks: { database: db, redis: queue } });
  });
};
