import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { bagsAvailableQuery, bagsAvailableSchema, createPackingRunBody, packingRunSchema } from './packing.schemas.ts';
import { bagsAvailable, createPackingRun, getPackingRun } from './packing.service.ts';

export const packingHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['packing'];

  app.post('/packing-runs', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Pack N bags, from named lots or by FEFO',
      description: 'Short stock is 409 `insufficient_stock` with `available` (bags possible) unless `allowPartial`; a lot the food-safety rules forbid is 422 naming the `rule`.',
      body: createPackingRunBody, response: { 201: packingRunSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await createPackingRun(tx, actorOf(req), req.body, deps.now()),
  })));

  app.get('/packing-runs/:id', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: { tags, summary: 'A packing run: its bags and the lots that went in', params: idParams, response: { 200: packingRunSchema, ...commonErrors } },
  }, async (req) => getPackingRun(db, req.params.id));

  app.get('/bags/available', {
    config: { access: { roles: 'any_user' } },
    schema: { tags, summary: 'How many bags of a type are free to reserve', querystring: bagsAvailableQuery, response: { 200: bagsAvailableSchema, ...commonErrors } },
  }, async (req) => bagsAvailable(db, req.query.depotId, req.query.bagType, deps.now()));
};
