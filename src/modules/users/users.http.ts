import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { actorOf } from '../../plugins/access.ts';
import { createUserBody, personalDataSchema, rosterQuery, updateMeBody, updateUserBody, userSchema } from './users.schemas.ts';
import { eraseUser, personalDataOf } from './personal-data.service.ts';
import { createUser, findUser, listUsers, toUserDto, updateUser } from './users.service.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { Tx } from '../../db/client.ts';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

/** Changes a user and writes the change to the audit trail: `deactivate` and `reactivate` by name, anything else `update`. */
async function updateAudited(tx: Tx, req: FastifyRequest, id: string, body: z.infer<typeof updateUserBody>, now: Date) {
  const old = await findUser(tx, id);
  const after = await updateUser(tx, id, body, now);
  const before = old ? toUserDto(old) : null;
  const action = before?.active === after.active ? 'update' : after.active ? 'reactivate' : 'deactivate';
  await recordAudit(tx, { ...byRequest(req), entity: 'user', entityId: id, action, before, after });
  return after;
}

export const usersHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.post('/users', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags: ['users'], summary: 'Create a user', body: createUserBody, response: { 201: userSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const user = await createUser(tx, req.body);
    await recordAudit(tx, { ...byRequest(req), entity: 'user', entityId: user.id, action: 'create', after: user });
    return { status: 201, body: user };
  }));

  app.get('/users', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['users'], summary: 'The roster of users and volunteers',
      description: 'Filters: `role`, `siteId` (the point\'s lead and whoever is signed up for a shift there), '
        + '`passportExpiringBefore` (hygiene passports ending before the date), `active`.',
      querystring: rosterQuery, response: { 200: listOf(userSchema), ...commonErrors },
    },
  }, async (req) => listUsers(deps.database.db, req.query));

  app.patch('/users/:id', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['users'], summary: 'Change a volunteer\'s phone, notification choice, language, hygiene passport or active flag',
      params: idParams, body: updateUserBody, response: { 200: userSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 200, body: await updateAudited(tx, req, req.params.id, req.body, deps.now()) })));

  app.patch('/me', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['users'], summary: 'Change my phone, notification choice or language', body: updateMeBody, response: { 200: userSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 200, body: await updateAudited(tx, req, actorOf(req).id, req.body, deps.now()) })));

  app.get('/users/:id/personal-data', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['users'], summary: 'Everything Kassi holds about a person (GDPR art. 15)',
      description: 'The account (never the password), sign-ins, reset codes, shift sign-ups and hours, messages, what the audit trail says they did and what was done to their account, and how many records they made.',
      params: idParams, response: { 200: personalDataSchema, ...commonErrors },
    },
  }, async (req) => personalDataOf(deps.database.db, req.params.id));

  app.get('/me/personal-data', {
    config: { access: { roles: 'any_user' } },
    schema: { tags: ['users'], summary: 'Everything Kassi holds about me', response: { 200: personalDataSchema, ...commonErrors } },
  }, async (req) => personalDataOf(deps.database.db, actorOf(req).id));

  app.post('/users/:id/erase', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['users'], summary: 'Erase a departed person (GDPR art. 17)',
      description: 'Anonymises the person: name and email become a pseudonym, phone and hygiene passport date are removed, every sign-in ends, '
        + 'messages to them are emptied. Counts, hours and history stay under the pseudonym. 409 `last_coordinator`, 409 `user_erased`.',
      params: idParams, response: { 200: userSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { before, after } = await eraseUser(tx, req.params.id, deps.now());
    await recordAudit(tx, { ...byRequest(req), entity: 'user', entityId: req.params.id, action: 'erase', before, after });
    return { status: 200, body: after };
  }));
};
