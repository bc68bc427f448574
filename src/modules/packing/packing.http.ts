import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { foodPolicy } from '../../config.ts';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { renderBagLabelPage, renderRunLabelsPage } from './packing.labels.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import {
  bagDiscardBody, bagReleaseBody, bagSchema, bagsAvailableQuery, createdPackingRunSchema, moveBagsBody, bagsAvailableSchema, createPackingRunBody, listBagsQuery, listPackingRunsQuery, packingRunSchema,
  packingRunSummarySchema,
} from './packing.schemas.ts';
import { discardBag, moveBags, releaseBag } from './bags.service.ts';
import { bagsAvailable, createPackingRun, getBag, getPackingRun, listBags, listPackingRuns } from './packing.service.ts';

export const packingHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['packing'];

  app.post('/packing-runs', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Pack N bags, from named lots or by FEFO',
      description: 'Packs bags of one `temperatureClass`. Short stock is 409 `insufficient_stock` with `available` (bags possible), `unusable` (kg the rules keep out, by reason) and `availableByClass`, unless `allowPartial`; a lot the food-safety rules forbid is 422 naming the `rule` (`best_before_too_old`: too long past its best-before). '
        + 'Raw meat or fish never shares a bag with ready-to-eat food: a FEFO run packs them into separate bags, and named lots of both sides, or kilos that do not '
        + 'split into separate bags, are 409 `raw_with_ready_to_eat` with `rawKg`, `readyToEatKg` and the categories. Unpackaged perishable lots need the packer\'s '
        + 'valid hygiene passport (422 `hygiene_passport_required` with `lotIds`).',
      body: createPackingRunBody, response: { 201: createdPackingRunSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await createPackingRun(tx, actorOf(req), req.body, deps.now(), foodPolicy(deps.config)),
  })));

  app.get('/packing-runs', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Packing runs newest first, with the lots that went in (bags: see the run or `GET /bags`)',
      description: 'Filters: `depotId`, `bagType`, `day` (a local Europe/Helsinki date). Paged: pass `nextCursor` back as `cursor`.',
      querystring: listPackingRunsQuery, response: { 200: listOf(packingRunSummarySchema), ...commonErrors },
    },
  }, async (req) => listPackingRuns(db, req.query));

  app.get('/packing-runs/:id', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'A packing run: its bags with their picking lists and the lots that went in',
      description: "Each bag's `contents` is its picking list: which kilos of which lot go into that bag.",
      params: idParams, response: { 200: packingRunSchema, ...commonErrors },
    },
  }, async (req) => getPackingRun(db, req.params.id));

  app.get('/bags', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Bags newest first, with their contents',
      description: 'Filters: `depotId`, `bagType`, `status`, `reservationId`, `packingRunId`. Paged: pass `nextCursor` back as `cursor`.',
      querystring: listBagsQuery, response: { 200: listOf(bagSchema), ...commonErrors },
    },
  }, async (req) => listBags(db, req.query));

  app.post('/bags/moves', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Move bags waiting at the depot into another unit of their class',
      description: 'Bags moved into a unit whose latest reading is an excursion they do not tolerate are held at once. A bag that is not at the depot is 409 `bag_not_at_depot`; another depot or class is 422 naming the bag.',
      body: moveBagsBody, response: { 200: listOf(bagSchema), ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 200, body: await moveBags(tx, actorOf(req), req.body, deps.now()) })));

  app.post('/bags/:id/release', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Release a bag an excursion held, with the corrective action',
      description: 'Only once its unit has read back in range after the hold, or it was moved since into a unit in range (422 `unit_still_out_of_range`). It goes back to its reservation while that is held, otherwise to stock.',
      params: idParams, body: bagReleaseBody, response: { 200: bagSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 200, body: await releaseBag(tx, actorOf(req), req.params.id, req.body, deps.now()) })));

  app.post('/bags/:id/discard', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'Discard a bag still at the depot (in stock, reserved or held)',
      params: idParams, body: bagDiscardBody, response: { 200: bagSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 200, body: await discardBag(tx, actorOf(req), req.params.id, req.body, deps.now()) })));

  app.get('/bags/:id', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags, summary: 'One bag: its status, contents and `handOutBy` (the last day it may be handed out)',
      params: idParams, response: { 200: bagSchema, ...commonErrors },
    },
  }, async (req) => getBag(db, req.params.id));

  app.get('/bags/available', {
    config: { access: { roles: 'any_user' } },
    schema: { tags, summary: 'How many bags of a type are free to reserve for a delivery day (`date`, default today), in total and by class', querystring: bagsAvailableQuery, response: { 200: bagsAvailableSchema, ...commonErrors } },
  }, async (req) => bagsAvailable(db, req.query, deps.now()));

  const network = { name: deps.config.NETWORK_NAME, phone: deps.config.NETWORK_PHONE };
  const html = 'text/html; charset=utf-8';

  app.get('/bags/:id/label', {
    config: { access: { roles: ['warehouse', 'coordinator'], cookie: true } },
    schema: {
      tags, summary: "A bag's printable label (HTML, Finnish and English)",
      description: 'Contents, allergens in bold, earliest use-by, "Pakastettu pp.kk.vvvv – ei saa pakastaa uudelleen", how to keep it, the network\'s name and phone.',
      params: idParams, produces: ['text/html'], response: { 200: z.string(), ...commonErrors },
    },
  }, async (req, reply) => reply.type(html).send(renderBagLabelPage(await getBag(db, req.params.id), network)));

  app.get('/packing-runs/:id/labels', {
    config: { access: { roles: ['warehouse', 'coordinator'], cookie: true } },
    schema: {
      tags, summary: "A packing run's labels on A4 sheets, and its picking list (HTML)",
      params: idParams, produces: ['text/html'], response: { 200: z.string(), ...commonErrors },
    },
  }, async (req, reply) => reply.type(html).send(renderRunLabelsPage(await getPackingRun(db, req.params.id), network)));
};
