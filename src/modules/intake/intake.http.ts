import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { commonErrors } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createIntakeBody, intakeSchema } from './intake.schemas.ts';
import { createIntake } from './intake.service.ts';

export const intakeHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.post('/intakes', {
    config: { access: { roles: ['warehouse', 'coordinator'] } },
    schema: {
      tags: ['intake'],
      summary: 'Weigh in a delivery: each line becomes a lot',
      description: 'A line that breaks a food-safety rule refuses the whole intake with 422 naming the line (`line`, `errors[].path`) and the `rule`.',
      body: createIntakeBody,
      response: { 201: intakeSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await createIntake(tx, actorOf(req), req.body, deps.now()),
  })));
};
