import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf, assertPointScope } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createDistributionBody, distributionSchema, listDistributionsQuery } from './distributions.schemas.ts';
import { listDistributions, recordDistribution } from './distributions.service.ts';

export const distributionsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['distributions'];
  const access = { roles: ['point_lead', 'coordinator'] as const, scope: 'own_point' as const };
  // Another point's records are 404 before the body is looked at, so a 400 cannot reveal the point.
  const ownPointFirst = async (req: FastifyRequest) => assertPointScope(actorOf(req), (req.params as { id: string }).id, 'point');

  app.post('/sites/:id/distributions', {
    config: { access },
    preValidation: ownPointFirst,
    schema: {
      tags, summary: "Record a point's distribution day: anonymous counts only",
      description: 'One current record per point and day (409 `distribution_exists` otherwise); a correction is a new record with '
        + '`supersedes`. Refused with 422: a future date, more than 1,000 persons or households, households > persons, children + '
        + 'seniors > persons, more than 2,000 bags, a note with a personal identity code or a phone number.',
      params: idParams, body: createDistributionBody, response: { 201: distributionSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await recordDistribution(tx, actorOf(req), req.params.id, req.body, deps.now()),
  })));

  app.get('/sites/:id/distributions', {
    config: { access },
    preValidation: ownPointFirst,
    schema: {
      tags, summary: "A point's distribution records (current ones; history=true adds the superseded)",
      params: idParams, querystring: listDistributionsQuery, response: { 200: listOf(distributionSchema), ...commonErrors },
    },
  }, async (req) => listDistributions(deps.database.db, actorOf(req), req.params.id, req.query));
};
