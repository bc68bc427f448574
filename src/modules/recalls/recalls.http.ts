import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { CSV_TYPE } from '../../http/csv.ts';
import { commonErrors } from '../../http/schemas.ts';
import { recallQuery, recallSchema } from './recalls.schemas.ts';
import { recallCsv, traceRecall } from './recalls.service.ts';

export const recallsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/recalls', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['recalls'],
      summary: 'Trace a lot (or a donor’s lots received from..to) to every packing run, bag, reservation, point and delivery',
      description: 'Also lists what is still at the depot. CSV (one row per bag, then lots with stock) with `Accept: text/csv`.',
      querystring: recallQuery,
      produces: ['application/json', 'text/csv'],
      response: { 200: recallSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const recall = await traceRecall(deps.database.db, req.query);
    if (!wantsCsv(req)) return recall;
    const name = req.query.lotId ? `kassi-recall-lot-${req.query.lotId}.csv` : req.query.donorId
      ? `kassi-recall-donor-${req.query.donorId}-${req.query.from}-${req.query.to}.csv` : "kassi-recall-product.csv";
    return reply.type(CSV_TYPE).header('content-disposition', `attachment; filename="${name}"`)
      .send(recallCsv(recall, req.query.locale) as never); // a string body is sent as is, past the JSON schema
  });
};
