import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { localDate } from '../../domain/dates.ts';
import { checkPlanningDate } from '../../domain/date-window.ts';
import { AppError, assertInWindow } from '../../errors.ts';
import { messagesOf } from '../../plugins/problem.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createPlanBody, listPlansQuery, planAcceptedSchema, planSchema, planSummarySchema, publishBody, publishResultSchema } from './route-plans.schemas.ts';
import { createPlan, findPlans, publishPlan, requirePlan, toPlanDto } from './route-plans.service.ts';

async function queueReachable(deps: Deps) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 1_000)));
  try {
    await Promise.race([deps.runner.ping(), timeout]);
  } catch {
    throw new AppError('queue_unavailable', 503, (m) => m.queueUnavailable());
  } finally {
    clearTimeout(timer);
  }
}

export const routePlansHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['route-plans'];

  app.post('/route-plans', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Plan the routes of a day for a depot',
      description: 'Creates the next plan version of the (depot, date) and queues it for the worker; answers 202 at once. '
        + 'Poll `GET /route-plans/:id` until the status is `done` or `failed`.',
      body: createPlanBody, response: { 202: planAcceptedSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    // The plan runs in the worker: with the queue unreachable, say so (503) rather than accept work that cannot start.
    assertInWindow(checkPlanningDate(req.body.date, localDate(deps.now())), 'body.date');
    await queueReachable(deps);
    const body = await runWrite(deps.database, req, reply, async (tx) => {
      const plan = await createPlan(tx, req.body.depotId, req.body.date, actorOf(req).id);
      return { status: 202, body: { id: plan.id, status: plan.status, version: plan.version } };
    });
    deps.outbox.kick();
    return body;
  });

  app.get('/route-plans', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Plan versions by depot and date, newest first (without routes)',
      querystring: listPlansQuery, response: { 200: listOf(planSummarySchema), ...commonErrors },
    },
  }, async (req) => findPlans(db, req.query, messagesOf(req).m));

  app.get('/route-plans/:id', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'A route plan: status, routes with stops, unassigned tasks, totals', params: idParams, response: { 200: planSchema, ...commonErrors } },
  }, async (req) => toPlanDto(db, await requirePlan(db, req.params.id), messagesOf(req).m));

  app.post('/route-plans/:id/publish', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Publish a plan: assign drivers (the bags leave when each route is loaded on its day)',
      description: 'Every route needs a driver (a user with role `driver`, one route each). The newest published version of a day '
        + 'is what drivers see; older published versions read `superseded: true`. A published version never changes. '
        + 'Publishing dispatches nothing: the driver confirms the loading on the route\'s day (`POST /routes/:id/load`).',
      params: idParams, body: publishBody, response: { 200: publishResultSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const before = await requirePlan(tx, req.params.id);
    const result = await publishPlan(tx, req.params.id, req.body, deps.now());
    if (before.status !== 'published') {
      await recordAudit(tx, {
        ...byRequest(req), entity: 'route_plan', entityId: req.params.id, action: 'publish',
        before: { status: before.status }, after: { status: 'published', depotId: result.depotId, date: result.date, version: result.version, assignments: req.body.assignments },
      });
    }
    return { status: 200, body: result };
  }));
};
