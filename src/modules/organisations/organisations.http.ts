import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf, pageOnlyQuery } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createOrganisationBody, organisationSchema, patchOrganisationBody } from './organisations.schemas.ts';
import { createOrganisation, findOrganisation, listOrganisations, patchOrganisation } from './organisations.service.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';

const NAME_RULE = 'A name belongs to one organisation: another one with the same name, whatever its case or surrounding spaces, '
  + 'is 409 `organisation_name_taken` (the error at `body.name`).';

export const organisationsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['organisations'];
  const access = { roles: ['coordinator'] as const };

  app.post('/organisations', {
    config: { access },
    schema: {
      tags, summary: 'Create an organisation of the network, with its food-aid registration', description: NAME_RULE,
      body: createOrganisationBody, response: { 201: organisationSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const organisation = await createOrganisation(tx, req.body, deps.now());
    await recordAudit(tx, { ...byRequest(req), entity: 'organisation', entityId: organisation.id, action: 'create', after: organisation });
    return { status: 201, body: organisation };
  }));

  app.get('/organisations', {
    config: { access },
    schema: { tags, summary: 'List the organisations by name', querystring: pageOnlyQuery, response: { 200: listOf(organisationSchema), ...commonErrors } },
  }, async (req) => listOrganisations(db, req.query));

  app.patch('/organisations/:id', {
    config: { access },
    schema: {
      tags, summary: 'Change an organisation (null clears businessId or foodAidRegistration)', description: NAME_RULE,
      params: idParams, body: patchOrganisationBody, response: { 200: organisationSchema, ...commonErrors },
    },
  }, async (req) => db.transaction(async (tx) => {
    const before = await findOrganisation(tx, req.params.id);
    const after = await patchOrganisation(tx, req.params.id, req.body, deps.now());
    await recordAudit(tx, { ...byRequest(req), entity: 'organisation', entityId: req.params.id, action: 'update', before, after });
    return after;
  }));
};
