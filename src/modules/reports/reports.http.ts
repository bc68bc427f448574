import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { commonErrors } from '../../http/schemas.ts';
import { weeklyChart } from './reports.chart.ts';
import { readReport } from './reports.repo.ts';
import { chartQuery, summaryQuery, summarySchema, talliesQuery, talliesResponse } from './reports.schemas.ts';
import { summaryReport, talliesCsv, tallyReport } from './reports.service.ts';

/** Reports read the stored tallies, never the ledger: a year's report reads a few hundred rows per key. */
export const reportsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const { database } = deps;
  const tags = ['reports'];
  const access = { roles: ['coordinator'] as const };

  app.get('/reports/tallies', {
    config: { access },
    schema: {
      tags,
      summary: 'Tallies by day, ISO week or month and by point, donor, category or bag type; CSV with Accept: text/csv',
      querystring: talliesQuery,
      response: { 200: talliesResponse, ...commonErrors },
    },
  }, async (req, reply) => {
    const items = await readReport(database, (ex) => tallyReport(database, ex, req.query));
    if (!wantsCsv(req)) return { items };
    const name = `kassi-tallies-${req.query.by}-${req.query.period}-${req.query.from}-${req.query.to}.csv`;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(talliesCsv(items, req.query.locale) as never); // a string body is sent as is, past the JSON schema
  });

  app.get('/reports/summary', {
    config: { access },
    schema: {
      tags,
      summary: 'Totals of a period with the mass balance line (its difference must be 0)',
      querystring: summaryQuery,
      response: { 200: summarySchema, ...commonErrors },
    },
  }, async (req) => readReport(database, (ex) => summaryReport(database, ex, req.query)));

  app.get('/reports/chart.svg', {
    config: { access },
    schema: {
      tags,
      summary: 'SVG chart of kilos in and bags delivered per ISO week, split by `by` where it applies',
      querystring: chartQuery,
      produces: ['image/svg+xml'],
      response: { ...commonErrors },
    },
  }, async (req, reply) => reply.type('image/svg+xml; charset=utf-8').send((await readReport(database, (ex) => weeklyChart(database, ex, req.query))) as never));
};
