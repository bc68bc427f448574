import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { foodPolicy } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { CSV_TYPE } from '../../http/csv.ts';
import { commonErrors, depotListQuery, depotQuery, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { messagesOf } from '../../plugins/problem.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import {
  alertsSchema, createStorageUnitBody, readingRecordsSchema, readingsQuery, stockSchema, storageUnitSchema, temperatureReadingBody, temperatureReadingSchema,
} from './storage.schemas.ts';
import { getStock } from './stock.service.ts';
import { listAlerts, recordReading } from './temperature.service.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createStorageUnit, listStorageUnits, temperatureRecords, temperatureRecordsCsv } from './storage.service.ts';

export const storageHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['storage'];
  app.post('/storage-units', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Add a storage unit to a depot', body: createStorageUnitBody, response: { 201: storageUnitSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const unit = await createStorageUnit(tx, req.body);
    await recordAudit(tx, { ...byRequest(req), entity: 'storage_unit', entityId: unit.id, action: 'create', after: unit });
    return { status: 201, body: unit };
  }));

  app.get('/storage-units', {
    // The warehouse weighs food into units and moves it between them, so it reads them too.
    config: { access: { roles: ['coordinator', 'warehouse'] } },
    schema: { tags, summary: 'Storage units with their stock, by name', querystring: depotListQuery, response: { 200: listOf(storageUnitSchema), ...commonErrors } },
  }, async (req) => listStorageUnits(deps.database.db, req.query));

  app.post('/storage-units/:id/temperature-readings', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Record an own-check temperature reading',
      description: 'An excursion (chilled above +6 °C, frozen above −15 °C) opens an alert and holds every lot in the unit; −18..−15 °C in a frozen unit is a warning.',
      params: idParams, body: temperatureReadingBody, response: { 201: temperatureReadingSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await recordReading(tx, actorOf(req), req.params.id, req.body, deps.now()),
  })));

  app.get('/storage-units/:id/temperature-readings', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Own-check temperature records of a unit, for an inspector',
      description: 'Readings of the local days `from`..`to` (inclusive), oldest first. CSV with `Accept: text/csv` (`locale=fi`: semicolons, decimal commas, BOM).',
      params: idParams, querystring: readingsQuery, produces: ['application/json', 'text/csv'],
      response: { 200: readingRecordsSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const records = await temperatureRecords(deps.database.db, req.params.id, req.query);
    if (!wantsCsv(req)) return records;
    return reply.type(CSV_TYPE).header('content-disposition', `attachment; filename="kassi-omavalvonta-${req.params.id}.csv"`)
      .send(temperatureRecordsCsv(records, req.query.locale) as never); // a string body is sent as is, past the JSON schema
  });

  app.get('/alerts', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: { tags, summary: 'Open temperature excursions, holds, lots expiring soon, warnings', querystring: depotQuery, response: { 200: alertsSchema, ...commonErrors } },
  }, async (req) => listAlerts(deps.database.db, req.query.depotId, deps.now(), foodPolicy(deps.config), messagesOf(req).m));

  app.get('/stock', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: { tags, summary: 'Kilos by category, class and unit; lots expiring in the next 2 days', querystring: depotQuery, response: { 200: stockSchema, ...commonErrors } },
  }, async (req) => getStock(deps.database.db, req.query.depotId, deps.now(), foodPolicy(deps.config)));
};
