import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf, noBody } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import {
  attendanceBody, attendanceSchema, createShiftBody, hoursQuery, hoursSchema, listShiftsQuery, shiftSchema, shiftUserParams, signupBody, signupResultSchema,
} from './shifts.schemas.ts';
import { cancelSignup, createShifts, getShift, listShifts, recordAttendance, signUp, volunteerHours } from './shifts.service.ts';

export const shiftsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['shifts'];
  const coordinator = { roles: ['coordinator'] as const };

  app.post('/shifts', {
    config: { access: coordinator },
    schema: {
      tags, summary: 'Create a shift, or a weekly series of them',
      description: 'Kinds: `warehouse`, `packing` and `driving` at a depot, `point` at a food-bank point. With `weeks: n` the shift repeats weekly '
        + 'n times on the same Helsinki wall-clock times (also across a DST change). Answers every occurrence.',
      body: createShiftBody, response: { 201: listOf(shiftSchema), ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({ status: 201, body: { items: await createShifts(tx, actorOf(req), req.body) } })));

  app.get('/shifts', {
    config: { access: { roles: 'any_user' } },
    schema: {
      tags, summary: 'Shifts by date, site and kind; `short=true` lists those still short of people, `mine=true` my own',
      querystring: listShiftsQuery, response: { 200: listOf(shiftSchema), ...commonErrors },
    },
  }, async (req) => listShifts(db, actorOf(req), req.query, deps.now()));

  app.get('/shifts/hours', {
    config: { access: coordinator },
    schema: {
      tags, summary: 'Volunteer hours from attendance, per volunteer and per period',
      description: 'Shifts that started on the Helsinki days `from`..`to`. `newVolunteers` counts those whose first attended shift ever falls in the period.',
      querystring: hoursQuery, response: { 200: hoursSchema, ...commonErrors },
    },
  }, async (req) => volunteerHours(db, req.query));

  app.get('/shifts/:id', {
    config: { access: { roles: 'any_user' } },
    schema: { tags, summary: 'One shift (coordinators also see who is signed up and the attendance)', params: idParams, response: { 200: shiftSchema, ...commonErrors } },
  }, async (req) => getShift(db, actorOf(req), req.params.id));

  app.post('/shifts/:id/signups', {
    config: { access: { roles: 'any_user' } },
    schema: {
      tags, summary: 'Sign up for a shift (a coordinator may sign up anyone with `userId`)',
      description: 'A full or started shift is 409 (`shift_full`, `shift_past`). A packing shift needs a hygiene passport valid on the shift\'s day '
        + '(422 `hygiene_passport_required`, with the reason); a shift kind not for the user\'s role is 422 `role_not_eligible`. '
        + 'Signing up again answers the same sign-up (200).',
      params: idParams, body: signupBody, response: { 200: signupResultSchema, 201: signupResultSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, (tx) => signUp(tx, actorOf(req), req.params.id, req.body?.userId, deps.now())));

  app.post('/shifts/:id/signups/:userId/cancel', {
    config: { access: { roles: 'any_user' } },
    schema: {
      tags, summary: 'Cancel a sign-up (one\'s own, or anyone\'s as a coordinator) before the shift starts',
      params: shiftUserParams, body: noBody, response: { 200: signupResultSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 200, body: await cancelSignup(tx, actorOf(req), req.params.id, req.params.userId, deps.now()),
  })));

  app.post('/shifts/:id/attendance', {
    config: { access: coordinator },
    schema: {
      tags, summary: 'Record whether a signed-up volunteer came (present / no-show) and the minutes worked',
      description: 'Minutes default to the whole shift; a no-show has none. Someone not signed up is 422 `not_signed_up`. '
        + 'Recording again corrects it: attendance is append-only, so a correction is a new record that `supersedes` the current one (201), '
        + 'and the answer lists the corrected records in `history`; hours and reports count only the current record. '
        + 'The same values again write nothing (200, the current record).',
      params: idParams, body: attendanceBody, response: { 200: attendanceSchema, 201: attendanceSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, (tx) => recordAttendance(tx, actorOf(req), req.params.id, req.body, deps.now())));
};
