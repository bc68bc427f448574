import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, listOf } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createStorageUnitBody, listStorageUnitsQuery, storageUnitSchema } from './storage.schemas.ts';
import { createStorageUnit, listStorageUnits } from './storage.service.ts';

export const storageHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['storage'];
  app.post('/storage-units', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Add a storage unit to a depot', body: createStorageUnitBody, response: { 201: storageUnitSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 201, body: await createStorageUnit(tx, req.body) })));

  app.get('/storage-units', {
    config: { access: { roles: 'any_user' } },
    schema: { tags, summary: 'Storage units with their stock', querystring: listStorageUnitsQuery, response: { 200: listOf(storageUnitSchema), ...commonErrors } },
  }, async (req) => ({ items: await listStorageUnits(deps.database.db, req.query.depotId) }));
};
