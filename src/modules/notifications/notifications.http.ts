import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf, noBody } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { inboxSchema, myNotificationsQuery, notificationSchema, notificationsQuery } from './notifications.schemas.ts';
import { allNotifications, markRead, myNotifications, resend } from './notifications.service.ts';

export const notificationsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['notifications'];

  app.get('/me/notifications', {
    config: { access: { roles: 'any_user' } },
    schema: {
      tags, summary: 'My notifications, newest first (`unread=true`: only unread), with the unread count',
      querystring: myNotificationsQuery, response: { 200: inboxSchema, ...commonErrors },
    },
  }, async (req) => myNotifications(db, actorOf(req).id, req.query));

  app.post('/me/notifications/:id/read', {
    config: { access: { roles: 'any_user' } },
    schema: { tags, summary: 'Mark one of my notifications read', params: idParams, body: noBody, response: { 200: notificationSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 200, body: await markRead(tx, actorOf(req).id, req.params.id, deps.now()) })));

  app.get('/notifications', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Every user\'s notifications and their delivery status (`status=failed`: those that could not be sent)',
      querystring: notificationsQuery, response: { 200: listOf(notificationSchema), ...commonErrors },
    },
  }, async (req) => allNotifications(db, req.query));

  app.post('/notifications/:id/resend', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Send a failed notification again', description: 'Only a `failed` message (409 otherwise); its attempts start over.',
      params: idParams, body: noBody, response: { 200: notificationSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const out = await resend(tx, req.params.id, deps.now());
    return { status: 200, body: out };
  }).finally(() => deps.outbox.kick()));
};
