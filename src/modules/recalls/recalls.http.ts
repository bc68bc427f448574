import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { CSV_TYPE } from '../../i18n/csv.ts';
import { catalogues } from '../../i18n/messages.ts';
import { contentDisposition, dayRange, downloadName } from '../../http/download.ts';
import { lotCode } from '../../domain/labels.ts';
import { requireSite } from '../sites/sites.service.ts';
import { commonErrors, idParams } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { acknowledgeRecall, getRecall, listRecalls, startRecall } from './recall-actions.service.ts';
import { acknowledgeRecallBody, recallQuery, recallSchema, startRecallBody, startedRecallSchema } from './recalls.schemas.ts';
import { recallCsv, traceRecall } from './recalls.service.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';

/** What the audit trail keeps of a started recall: its query and reason, the lots it took, and how many bags it reached how. */
const recallAudit = (r: Awaited<ReturnType<typeof startRecall>>) => ({
  reason: r.reason, criteria: r.criteria, lotIds: r.lots.map((l) => l.lotId), kgDiscarded: gramsToKg(r.lots.reduce((g, l) => g + kgToGrams(l.kgDiscarded), 0)),
  bagsWithdrawn: r.withdrawn.length, bagsToBringBack: r.toBringBack.length, bagsDelivered: r.delivered.length, pointIds: r.points.map((p) => p.pointId),
});

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
    const words = catalogues[req.query.locale].report.fileNames;
    const what = req.query.lotId ? [words.lot, lotCode(req.query.lotId)]
      : req.query.donorId ? [(await requireSite(deps.database.db, req.query.donorId)).name] : [req.query.product, req.query.batch];
    const name = downloadName([words.recall, ...what, dayRange(req.query.from, req.query.to)], 'csv');
    return reply.type(CSV_TYPE).header('content-disposition', contentDisposition(name))
      .send(recallCsv(recall, req.query.locale) as never); // a string body is sent as is, past the JSON schema
  });

  const tags = ['recalls'];
  app.post('/recalls', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Start a recall: withdraw the matching lots and bags, tell the points (written into the audit trail)',
      description: 'Matching lots become recalled (their stock discarded with reason `recall` through the ledger) and are never packed again; bags holding them that are in stock, reserved or held become `recalled` (their reservations hold fewer bags and the point leads are told); bags on a vehicle are listed to bring back, delivered ones by point, whose leads are told at once (also in quiet hours). A query matching no lot is 404 `recall_matches_nothing` and changes nothing.',
      body: startRecallBody, response: { 201: startedRecallSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const recall = await startRecall(tx, actorOf(req), req.body, deps.now());
    await recordAudit(tx, { ...byRequest(req), entity: 'recall', entityId: recall.id, action: 'start', at: deps.now(), after: recallAudit(recall) });
    return { status: 201, body: recall };
  }));

  app.get('/recalls/started', {
    config: { access: { roles: ['coordinator', 'point_lead'] } },
    schema: {
      tags, summary: 'Recalls started, newest first (a point lead: those that reached their point)',
      response: { 200: z.object({ items: z.array(startedRecallSchema) }), ...commonErrors },
    },
  }, async (req) => listRecalls(deps.database.db, actorOf(req)));

  app.get('/recalls/:id', {
    config: { access: { roles: ['coordinator', 'point_lead'] } },
    schema: {
      tags, summary: 'A recall: its lots, the bags it reached, and each point with its acknowledgement',
      description: 'A point lead sees a recall that reached their point, and only their point in it; another is 404.',
      params: idParams, response: { 200: startedRecallSchema, ...commonErrors },
    },
  }, async (req) => getRecall(deps.database.db, actorOf(req), req.params.id));

  app.post('/recalls/:id/acknowledgements', {
    config: { access: { roles: ['point_lead'] } },
    schema: {
      tags, summary: "A point's lead records what the point did about a recall",
      description: 'Once per point; written into the audit trail. A lead whose point the recall did not reach is 403 `recall_other_point`; a second acknowledgement is 409; a note with an identity code, a phone number or an email address is 422 (`note_phone_number`, …) at `body.note`.',
      params: idParams, body: acknowledgeRecallBody, response: { 201: startedRecallSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const recall = await acknowledgeRecall(tx, actorOf(req), req.params.id, req.body, deps.now());
    const pointId = actorOf(req).pointId;
    await recordAudit(tx, {
      ...byRequest(req), entity: 'recall', entityId: recall.id, action: 'acknowledge', at: deps.now(),
      after: { pointId, note: recall.points.find((p) => p.pointId === pointId)?.acknowledgement?.note },
    });
    return { status: 201, body: recall };
  }));
};
