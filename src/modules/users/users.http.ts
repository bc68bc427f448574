import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { actorOf } from '../../plugins/access.ts';
import { createUserBody, rosterQuery, updateMeBody, updateUserBody, userSchema } from './users.schemas.ts';
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
};
