import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createOrganisationBody, organisationSchema, patchOrganisationBody } from './organisations.schemas.ts';
import { createOrganisation, listOrganisations, patchOrganisation } from './organisations.service.ts';

export const organisationsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['organisations'];
  const access = { roles: ['coordinator'] as const };

  app.post('/organisations', {
    config: { access },
    schema: { tags, summary: 'Create an organisation of the network, with its food-aid registration', body: createOrganisationBody, response: { 201: organisationSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 201, body: await createOrganisation(tx, req.body, deps.now()) })));

  app.get('/organisations', {
    config: { access },
    schema: { tags, summary: 'List the organisations', response: { 200: listOf(organisationSchema), ...commonErrors } },
  }, async () => ({ items: await listOrganisations(db) }));

  app.patch('/organisations/:id', {
    config: { access },
    schema: { tags, summary: 'Change an organisation (null clears businessId or foodAidRegistration)', params: idParams, body: patchOrganisationBody, response: { 200: organisationSchema, ...commonErrors } },
  }, async (req) => db.transaction((tx) => patchOrganisation(tx, req.params.id, req.body, deps.now())));
};
