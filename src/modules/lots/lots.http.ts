import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { foodPolicy } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import type { FoodPolicy } from '../../domain/food-safety.ts';
import type { Executor } from '../../db/client.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf, type Actor, type Role } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import {
  adjustmentBody, checkBody, discardBody, freezeBody, listLotsQuery, lotDetailSchema, lotSchema, moveBody, releaseBody,
} from './lots.schemas.ts';
import { adjustLot, checkLot, discardLot, freezeLot, getLot, listLots, moveLot, releaseLot } from './lots.service.ts';

const WAREHOUSE: Role[] = ['warehouse', 'coordinator'];

export const lotsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['lots'];

  app.get('/lots', {
    config: { access: { roles: WAREHOUSE } },
    schema: { tags, summary: 'Lots with their stock, newest first (cursor-paginated)', querystring: listLotsQuery, response: { 200: listOf(lotSchema), ...commonErrors } },
  }, async (req) => listLots(db, req.query, foodPolicy(deps.config)));

  app.get('/lots/:id', {
    config: { access: { roles: WAREHOUSE } },
    schema: { tags, summary: 'One lot with its stock and full history', params: idParams, response: { 200: lotDetailSchema, ...commonErrors } },
  }, async (req) => getLot(db, req.params.id, foodPolicy(deps.config)));

  const action = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    run: (tx: Executor, actor: Actor, id: string, body: z.infer<B>, now: Date, policy: FoodPolicy) => Promise<z.infer<typeof lotSchema>>,
  ) => {
    app.post(`/lots/:id/${path}`, {
      config: { access: { roles: WAREHOUSE } },
      schema: { tags, summary, params: idParams, body, response: { 201: lotSchema, ...commonErrors } },
    }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
      status: 201,
      body: await run(tx, actorOf(req), (req.params as { id: string }).id, req.body as z.infer<B>, deps.now(), foodPolicy(deps.config)),
    })));
  };

  action('discards', 'Discard kilos of a lot (ledger `discard` with a reason)', discardBody, discardLot);
  action('adjustments', 'Correct a lot by ± kilos (ledger `adjust` with a reason)', adjustmentBody, adjustLot);
  action('moves', 'Move a lot to another unit of its temperature class', moveBody, moveLot);
  action('freeze', 'Freeze a chilled lot on or before its use-by date into a frozen unit', freezeBody, freezeLot);
  action('checks', 'Record a best-before check; a failed check discards the lot', checkBody, checkLot);
  action('release', 'Release a lot held after a temperature excursion', releaseBody, releaseLot);
};
