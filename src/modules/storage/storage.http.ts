import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { foodPolicy } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { CSV_TYPE } from '../../i18n/csv.ts';
import { catalogues } from '../../i18n/messages.ts';
import { celsius, signed } from '../../i18n/format.ts';
import { CHILLED_MAX_C, FROZEN_MAX_C, FROZEN_TARGET_C } from '../../domain/food-safety.ts';
import { contentDisposition, dayRange, downloadName } from '../../http/download.ts';
import { commonErrors, depotListQuery, depotQuery, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { messagesOf } from '../../plugins/problem.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import {
  alertsQuery, alertsSchema, createStorageUnitBody, resolveAlertBody, resolvedAlertSchema, readingRecordsSchema, readingsQuery, stockSchema, storageUnitSchema, temperatureReadingBody, temperatureReadingSchema,
} from './storage.schemas.ts';
import { getStock } from './stock.service.ts';
import { resolveAlert } from './alerts.service.ts';
import { listAlerts, recordReading } from './temperature.service.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createStorageUnit, listStorageUnits, requireUnit, temperatureRecords, temperatureRecordsCsv } from './storage.service.ts';

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
      description: `An excursion (chilled above ${celsius(CHILLED_MAX_C)}, frozen above ${celsius(FROZEN_MAX_C)}) opens an alert and holds every lot in the unit; ${signed(FROZEN_TARGET_C)}..${celsius(FROZEN_MAX_C)} in a frozen unit is a warning.`,
      params: idParams, body: temperatureReadingBody, response: { 201: temperatureReadingSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await recordReading(tx, actorOf(req), req.params.id, req.body, deps.now()),
  })));

  app.get('/storage-units/:id/temperature-readings', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Own-check temperature records of a unit, for an inspector',
      description: 'Readings of the local days `from`..`to` (inclusive), oldest first, each with `enteredAt` and `late` (entered over an hour after `at`), a page at a time (`limit` up to 1000, `nextCursor`), and the unit\'s alerts of the period with their corrective actions. CSV with `Accept: text/csv` (`locale=fi`: semicolons, decimal commas, BOM): every reading, streamed, then the alerts.',
      params: idParams, querystring: readingsQuery, produces: ['application/json', 'text/csv'],
      response: { 200: readingRecordsSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    if (!wantsCsv(req)) return temperatureRecords(deps.database.db, req.params.id, req.query, messagesOf(req).m);
    const unit = await requireUnit(deps.database.db, req.params.id);
    const name = downloadName([catalogues[req.query.locale].report.fileNames.ownCheck, unit.name, dayRange(req.query.from, req.query.to)], 'csv');
    return reply.type(CSV_TYPE).header('content-disposition', contentDisposition(name))
      // Streamed a batch of readings at a time, past the JSON schema: no silent row limit.
      .send(Readable.from(temperatureRecordsCsv(deps.database.db, req.params.id, req.query, req.query.locale)) as never);
  });

  app.get('/alerts', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Temperature excursions and missed readings (open, or closed with their corrective actions), holds, lots expiring soon, warnings',
      description: '`status=open` (default): every open alert with the lots and bags it still holds. `status=closed&from=&to=`: alerts closed on those local days, latest first, with `action`, `note`, `resolvedBy` and `closedAt`; paged (`limit`, `cursor`).',
      querystring: alertsQuery, response: { 200: alertsSchema, ...commonErrors },
    },
  }, async (req) => listAlerts(deps.database.db, req.query, deps.now(), foodPolicy(deps.config), messagesOf(req).m));

  app.post('/alerts/:id/resolve', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Close an excursion or missed-reading alert with its corrective action (written into the audit trail)',
      description: 'A reading back in range does not close an alert by itself. An excursion that still holds lots or bags is 409 `alert_still_holds`; one whose unit still reads out of range while holding food is 409 `unit_still_out_of_range`.',
      params: idParams, body: resolveAlertBody, response: { 200: resolvedAlertSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const closed = await resolveAlert(tx, actorOf(req), req.params.id, req.body, deps.now(), messagesOf(req).m);
    await recordAudit(tx, {
      ...byRequest(req), entity: 'alert', entityId: closed.id, action: 'resolve', at: deps.now(),
      before: { kind: closed.kind, storageUnitId: closed.storageUnitId, openedAt: closed.openedAt, closedAt: null },
      after: { kind: closed.kind, storageUnitId: closed.storageUnitId, openedAt: closed.openedAt, closedAt: closed.closedAt, action: closed.action, note: closed.note },
    });
    return { status: 200, body: closed };
  }));

  app.get('/stock', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: { tags, summary: 'Kilos by category, class and unit; lots expiring in the next 2 days', querystring: depotQuery, response: { 200: stockSchema, ...commonErrors } },
  }, async (req) => getStock(deps.database.db, req.query.depotId, deps.now(), foodPolicy(deps.config)));
};
