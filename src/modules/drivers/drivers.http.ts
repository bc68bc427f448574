import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { completeStopBody, completedStopSchema, correctStopBody, driverRouteSchema, loadBody, loadResultSchema, myRoutesQuery, skipStopBody, stopParams } from './drivers.schemas.ts';
import { completeStop, myRoutes, routeSheet, skipStop } from './drivers.service.ts';
import { loadRoute } from './loading.service.ts';
import { correctStop } from './corrections.service.ts';
import { stopSchema } from '../route-plans/route-plans.schemas.ts';

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

  app.post('/routes/:id/load', {
    config: { access: { roles: ['driver', 'coordinator'], scope: 'own_routes' } },
    schema: {
      tags, summary: 'Confirm the loading ("Lastattu, lähden"): the route\'s bags are dispatched; those past their date are discarded',
      description: 'The driver of the route (or a coordinator recording it) on the route\'s local day only (422 `not_route_day` on another day), '
        + 'on a published plan (`loadedAt`: when the button was pressed, for a phone that was offline; default now). Every reserved bag of the route\'s deliveries that may still be handed out that day is dispatched; '
        + 'a bag whose `handOutBy` has passed is discarded (`expired`), bags an excursion holds or a recall took stay behind. The answer lists '
        + 'what stayed behind and why. Loading again answers the same loading and changes nothing.',
      params: idParams, body: loadBody, response: { 200: loadResultSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 200, body: await loadRoute(tx, actorOf(req), req.params.id, req.body, deps.now()),
  })));

  const recordRules = 'A driver records on their own route (also one a newer published plan replaced while the phone was offline: '
    + 'the outcome is kept and `planChanged` says where the task went); a coordinator on any published route, to record what a driver could not. '
    + 'Not before the route\'s local day (422 `route_day_not_started`); `completedAt` is when it happened (default now): it may be sent later, '
    + 'but on the route\'s day (after it: 422 `completed_after_route_day`).';

  app.post('/routes/:id/stops/:stopId/complete', {
    config: { access: { roles: ['driver', 'coordinator'], scope: 'own_routes' } },
    schema: {
      tags, summary: 'Mark a stop done: bags delivered, or kilos collected (expected until the intake weighs them)',
      description: `${recordRules} A delivery needs the route loaded (409 \`route_not_loaded\`), and hands out only bags that may still be handed out `
        + 'that day (422 `bag_past_hand_out` with `mayHandOut`). A delivery of chilled or frozen bags records `rideMinutes` from the loading; '
        + 'over the limit in a vehicle without refrigeration it raises a `ride_too_long` alert. The same outcome sent twice is one completion; another outcome is 409.',
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

  app.post('/routes/:id/stops/:stopId/corrections', {
    config: { access: { roles: ['driver', 'coordinator'], scope: 'own_routes' } },
    schema: {
      tags, summary: 'Correct a done stop\'s figure (58,5 kg typed as 585): a new outcome that supersedes the one before, append-only',
      description: 'The figure the stop has: `kgCollected` for a pickup, `bagsDelivered` for a delivery (the other is 422 `correction_figure`), '
        + 'with the bounds of the outcome itself (kg 0–5000; bags at most those that went out for the stop: 422 `too_many_bags`). Only a done stop '
        + '(409 `stop_not_done`); the same figure again is 409 `correction_unchanged`. The route\'s driver corrects on the route\'s day (`correctedAt`: '
        + 'when the button was pressed, for a phone that was offline); after that day only a coordinator (422 `correction_after_route_day`). '
        + 'The stop shows the corrected figure and its `corrections`, each keeping the figure before and after. A pickup\'s kilos are the driver\'s '
        + 'estimate until the intake weighs them, so the kilo ledger is untouched. A delivery\'s bags move with bag events: fewer take delivered bags back '
        + '(ambient to stock, chilled and frozen discarded, as for a short delivery without the cold chain kept), more deliver bags that came back from '
        + 'this stop and are still in stock or discarded (409 `bags_not_returned` when they are not); the tallies of the delivery\'s day are recounted.',
      params: stopParams, body: correctStopBody, response: { 201: stopSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await correctStop(tx, actorOf(req), req.params.id, req.params.stopId, req.body, deps.now()),
  })));
};
