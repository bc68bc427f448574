import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, listOf } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createUserBody, userSchema } from './users.schemas.ts';
import { createUser, listUsers } from './users.service.ts';

export const usersHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.post('/users', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags: ['users'], summary: 'Create a user', body: createUserBody, response: { 201: userSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 201, body: await createUser(tx, req.body) })));

  app.get('/users', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags: ['users'], summary: 'List users', response: { 200: listOf(userSchema), ...commonErrors } },
  }, async () => ({ items: await listUsers(deps.database.db) }));
};
