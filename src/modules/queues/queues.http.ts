import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { escapeHtml, inlineStyle } from '../../http/html.ts';
import { commonErrors, noBody } from '../../http/schemas.ts';
import { JOBS } from '../../jobs/queues.ts';
import type { JobSnapshot } from '../../jobs/runner.ts';
import { AppError } from '../../errors.ts';
import { BOARD_COOKIE, BOARD_CSRF_COOKIE, BOARD_PATH, bearerToken, boardCsrfToken } from '../../plugins/access.ts';

const BOARD_STYLE = inlineStyle('body{font:14px/1.4 system-ui,sans-serif;margin:1rem;overflow-wrap:anywhere}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3em;text-align:left;vertical-align:top}');

/** How long the dashboard cookie signs a coordinator in; the app sets it again for every visit. */
const BOARD_COOKIE_SECONDS = 3600;
const STATES = ['active', 'waiting', 'delayed', 'failed', 'completed'] as const;

const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: z.enum(STATES),
  attempt: z.number().int(),
  attempts: z.number().int(),
  error: z.string().optional(),
  finishedAt: z.string().optional(),
});

const jobsSchema = z.object({
  /** `bullmq`: the worker's queue on Redis (its dashboard at /admin/queues); `in-process`: the embedded mode's jobs. */
  kind: z.enum(['bullmq', 'in-process']),
  counts: z.object({ waiting: z.number().int(), active: z.number().int(), delayed: z.number().int(), failed: z.number().int() }),
  jobs: z.array(jobSchema),
});

/** The embedded mode's dashboard: the in-process jobs as a table, refreshed every 5 s. */
function embeddedBoard(jobs: z.infer<typeof jobSchema>[], counts: Record<string, number>): string {
  const rows = jobs.map((j) => `<tr><td>${escapeHtml(j.name)}</td><td>${j.state}</td><td>${j.attempt}/${j.attempts}</td>`
    + `<td>${escapeHtml(j.finishedAt ?? '')}</td><td>${escapeHtml(j.error ?? '')}</td><td><code>${escapeHtml(j.id)}</code></td></tr>`).join('');
  return `<!doctype html><html lang="fi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="5"><title>Kassi – taustatyöt / jobs</title>
${BOARD_STYLE}
</head><body><h1>Taustatyöt <small>(sulautettu tila / embedded mode)</small></h1>
<p>Odottaa ${counts.waiting} · käynnissä ${counts.active} · viivästetty ${counts.delayed} · epäonnistui ${counts.failed}</p>
<table><thead><tr><th>Työ</th><th>Tila</th><th>Yritys</th><th>Valmis</th><th>Virhe</th><th>Tunniste</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`;
}

/**
 * The coordinators' view of background work. With BullMQ, bull-board's dashboard is mounted
 * at /admin/queues; in embedded mode that path lists the in-process jobs instead. A browser
 * opening the link sends no bearer token, so the app first calls `POST /admin/queues/session`
 * (bearer), which sets a short-lived HttpOnly, SameSite=Strict cookie for that path only; the
 * dashboard's writes (pause, clean, retry, add…) also need the CSRF token set beside it.
 * `GET /admin/jobs` gives the same state as JSON in both modes.
 */
export const queuesHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['queues'];
  const coordinator = { access: { roles: ['coordinator'] as const } };

  const snapshot = async (): Promise<z.infer<typeof jobsSchema>> => {
    const counts = await deps.runner.counts();
    const board = deps.runner.board;
    if (board.kind === 'in-process') return { kind: 'in-process', counts, jobs: board.jobs() };
    const jobs = await board.queue.getJobs([...STATES], 0, 49);
    const states = await Promise.all(jobs.map((j) => j.getState()));
    return {
      kind: 'bullmq',
      counts,
      jobs: jobs.map((j, i) => ({
        id: j.id ?? '', name: j.name, state: (STATES as readonly string[]).includes(states[i]) ? states[i] as JobSnapshot['state'] : 'waiting',
        attempt: j.attemptsMade, attempts: j.opts.attempts ?? JOBS[j.name as keyof typeof JOBS]?.attempts ?? 1,
        error: j.failedReason || undefined, finishedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : undefined,
      })),
    };
  };

  app.post(`${BOARD_PATH}/session`, {
    config: coordinator,
    schema: {
      tags, summary: 'Sign the browser in to the queue dashboard (a cookie for /admin/queues, one hour)', body: noBody,
      response: { 204: z.null(), ...commonErrors },
    },
  }, async (req, reply) => {
    const token = bearerToken(req.headers.authorization)!;
    const secure = req.protocol === 'https' ? '; Secure' : '';
    // The second cookie is readable by the dashboard's scripts: its CSRF token, which its writes send back as a header.
    reply.header('set-cookie', [
      `${BOARD_COOKIE}=${encodeURIComponent(token)}; Path=${BOARD_PATH}; Max-Age=${BOARD_COOKIE_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
      `${BOARD_CSRF_COOKIE}=${boardCsrfToken(token)}; Path=${BOARD_PATH}; Max-Age=${BOARD_COOKIE_SECONDS}; SameSite=Strict${secure}`,
    ]);
    return reply.code(204).send(null);
  });

  app.get('/admin/jobs', {
    config: coordinator,
    schema: { tags, summary: 'Background jobs: counts and the newest jobs (BullMQ or in-process)', response: { 200: jobsSchema, ...commonErrors } },
  }, snapshot);

  const board = deps.runner.board;
  if (board.kind === 'bullmq') {
    const serverAdapter = new FastifyAdapter();
    createBullBoard({ queues: [new BullMQAdapter(board.queue)], serverAdapter, options: { uiConfig: { boardTitle: 'Kassi' } } });
    serverAdapter.setBasePath(BOARD_PATH);
    // bull-board sets its own error handler for its routes, so the access policy's 401/403 (thrown
    // by the app's onRequest hook) reach it. Sending an error from an error handler hands it to the
    // parent's, the app's problem handler (in the caller's language); the rest as bull-board does.
    type BoardErrorHandler = Parameters<FastifyAdapter['setErrorHandler']>[0];
    const boardErrors = (serverAdapter as unknown as { errorHandler: BoardErrorHandler }).errorHandler;
    serverAdapter.setErrorHandler((err) => (err instanceof AppError
      ? { status: err.status as ReturnType<BoardErrorHandler>['status'], body: err }
      : boardErrors(err)));
    await app.register(serverAdapter.registerPlugin(), { prefix: BOARD_PATH });
  } else {
    app.get(BOARD_PATH, {
      config: { access: { roles: ['coordinator'], cookie: true } },
      schema: {
        tags, summary: 'The queue dashboard (embedded mode: the in-process jobs; with BullMQ: bull-board)',
        description: 'Signed in by the cookie of `POST /admin/queues/session` (or a bearer token).',
        produces: ['text/html'], response: { 200: z.string(), ...commonErrors },
      },
    }, async (_req, reply) => {
      const s = await snapshot();
      return reply.type('text/html; charset=utf-8').send(embeddedBoard(s.jobs, s.counts));
    });
  }
};
