import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { foodPolicy } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import { commonErrors, idParams, listOf } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { createIntakeBody, intakeSchema, listIntakesQuery } from './intake.schemas.ts';
import { createIntake, getIntake, listIntakes } from './intake.service.ts';

export const intakeHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['intake'];
  const access = { roles: ['warehouse', 'coordinator'] as const };

  app.post('/intakes', {
    config: { access },
    schema: {
      tags,
      summary: 'Weigh in a delivery: each line becomes a lot',
      description: 'A line that breaks a food-safety rule refuses the whole intake with 422 naming the line (`line`, `errors[].path`) and the `rule`: '
        + '`use_by_required` (meat, minced meat, fish, cold-smoked or gravad fish and ready meals need a use-by), `date_kind_required` (only bread, fruit and '
        + 'vegetables, dry goods and non-food may come undated), `frozen_on_required` (meat and fish received frozen need the donor\'s `frozenOn`), '
        + '`best_before_too_old` (past its category\'s days after best-before), and the date, temperature and unit rules. A line without `allergens` has '
        + 'unknown allergens (labels say to check the packages); `allergens: []` declares none. '
        + '`refusals` records food turned away at the door (never stock); an intake may be refusals only (then `lines: []`), never empty: at least one line or refusal (400).',
      body: createIntakeBody,
      response: { 201: intakeSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await createIntake(tx, actorOf(req), req.body, deps.now(), foodPolicy(deps.config)),
  })));

  app.get('/intakes', {
    config: { access },
    schema: {
      tags,
      summary: 'Intakes newest first, with their lots',
      description: 'Filters: `depotId`, `donorId`, `day` (a local Europe/Helsinki date). Paged: pass `nextCursor` back as `cursor`.',
      querystring: listIntakesQuery,
      response: { 200: listOf(intakeSchema), ...commonErrors },
    },
  }, async (req) => listIntakes(db, req.query, foodPolicy(deps.config)));

  app.get('/intakes/:id', {
    config: { access },
    schema: { tags, summary: 'One intake with its lots', params: idParams, response: { 200: intakeSchema, ...commonErrors } },
  }, async (req) => getIntake(db, req.params.id, foodPolicy(deps.config)));
};
