import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { completeStopBody, completedStopSchema, driverRouteSchema, myRoutesQuery, skipStopBody, stopParams } from './drivers.schemas.ts';
import { completeStop, myRoutes, routeSheet, skipStop } from './drivers.service.ts';

export const driversHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['drivers'];

  app.get('/drivers/me/routes', {
    config: { access: { roles: ['driver'], scope: 'own_routes' } },
    schema: {
      tags, summary: "The driver's own routes of a day (default: today in Helsinki)",
      description: 'Routes of the published plan of the day: stops in order with ETA, window, address, what to pick up or drop, contact and a map link.',
      querystring: myRoutesQuery, response: { 200: listOf(driverRouteSchema), ...commonErrors },
    },
  }, async (req) => myRoutes(db, actorOf(req), req.query, deps.now()));

  app.get('/routes/:id/sheet', {
    config: { access: { roles: ['driver', 'coordinator'], scope: 'own_routes', cookie: true } },
    schema: {
      tags, summary: 'Printable route sheet (HTML, Finnish and English)', params: idParams,
      produces: ['text/html'], response: { 200: z.string(), ...commonErrors },
    },
  }, async (req, reply) => reply.type('text/html; charset=utf-8').send(await routeSheet(db, actorOf(req), req.params.id)));

  const recordRules = 'A driver records on their own route (also one a newer published plan replaced while the phone was offline: '
    + 'the outcome is kept and `planChanged` says where the task went); a coordinator on any published route, to record what a driver could not. '
    + 'Not before the route\'s local day (422 `route_day_not_started`); `completedAt` is when it happened (default now).';

  app.post('/routes/:id/stops/:stopId/complete', {
    config: { access: { roles: ['driver', 'coordinator'], scope: 'own_routes' } },
    schema: {
      tags, summary: 'Mark a stop done: bags delivered, or kilos collected (expected until the intake weighs them)',
      description: `${recordRules} The same outcome sent twice is one completion; another outcome is 409.`,
      params: stopParams, body: completeStopBody, response: { 200: completedStopSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 200, body: await completeStop(tx, actorOf(req), req.params.id, req.params.stopId, req.body, deps.now()),
  })));

  app.post('/routes/:id/stops/:stopId/skip', {
    config: { access: { roles: ['driver', 'coordinator'], scope: 'own_routes' } },
    schema: {
      tags, summary: 'Mark a stop not done, with the reason (a delivery\'s bags stay dispatched until delivered or returned)',
      description: `${recordRules} Skipping again with the same reason changes nothing; a done stop is 409.`,
      params: stopParams, body: skipStopBody, response: { 200: completedStopSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 200, body: await skipStop(tx, actorOf(req), req.params.id, req.params.stopId, req.body, deps.now()),
  })));
};
