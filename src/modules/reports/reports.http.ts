import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { CSV_TYPE } from '../../i18n/csv.ts';
import { contentDisposition, dayRange, downloadName } from '../../http/download.ts';
import { commonErrors, idParams } from '../../http/schemas.ts';
import { donorCertificate } from './certificate.service.ts';
import { funderCsv, funderReport } from './funder.service.ts';
import { renderCertificatePage, renderFunderPage } from './printable.ts';
import { reportsChart } from './reports.chart.ts';
import { catalogues, langOf } from '../../i18n/messages.ts';
import { distributionPeriods, readReport } from './reports.repo.ts';
import { certificateQuery, certificateSchema, distributionsReportQuery, distributionsReportResponse, chartQuery, funderQuery, funderReportSchema, summaryQuery, summarySchema, talliesQuery, talliesResponse } from './reports.schemas.ts';
import { summaryReport, talliesCsv, tallyReport } from './reports.service.ts';

/** Reports read the stored tallies, never the ledger: a year's report reads a few hundred rows per key. */
export const reportsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const { database } = deps;
  const tags = ['reports'];
  const access = { roles: ['coordinator'] as const };
  // Printable pages open from the app's links: the page cookie signs the coordinator in to them.
  const pageAccess = { ...access, cookie: true };

  app.get('/reports/tallies', {
    config: { access },
    schema: {
      tags,
      summary: 'Tallies by day, ISO week or month and by point, donor, category or bag type; CSV with Accept: text/csv',
      description: 'CSV with `Accept: text/csv`: every figure of the JSON, the refusals by reason included. `locale=en` (default): the JSON field '
        + 'names as headers, commas; `locale=fi`: Finnish headers, semicolons, decimal commas, day periods as 1.10.2026 and a byte-order mark.',
      querystring: talliesQuery,
      produces: ['application/json', 'text/csv'],
      response: { 200: talliesResponse, ...commonErrors },
    },
  }, async (req, reply) => {
    const items = await readReport(database, (ex) => tallyReport(database, ex, req.query));
    if (!wantsCsv(req)) return { items };
    const words = catalogues[req.query.locale].report.fileNames;
    const name = downloadName([words.tallies, words.by[req.query.by], words.period[req.query.period], dayRange(req.query.from, req.query.to)], 'csv');
    return reply
      .type(CSV_TYPE)
      .header('content-disposition', contentDisposition(name))
      .send(talliesCsv(items, req.query.locale, req.query.by) as never); // a string body is sent as is, past the JSON schema
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
      summary: 'SVG chart of kilos in and bags delivered per day, ISO week or month (`period`), split by `by` where it applies, in the caller\'s language',
      querystring: chartQuery,
      produces: ['image/svg+xml'],
      response: { 200: z.string().describe('The chart as SVG'), ...commonErrors },
    },
  }, async (req, reply) => {
    const lang = req.query.locale ?? langOf(req.headers['accept-language']);
    const svg = await readReport(database, (ex) => reportsChart(database, ex, req.query, lang));
    return reply.type('image/svg+xml; charset=utf-8').header('content-language', lang).send(svg as never);
  });

  app.get('/reports/funder', {
    config: { access: pageAccess },
    schema: {
      tags,
      summary: "The funder's report: kg in and out, bags, households and persons served, organisations, points and volunteers",
      description: 'JSON; CSV with `Accept: text/csv` (one row per organisation and one for the network; `locale=fi` by default: '
        + 'semicolons, decimal commas); a printable page with a chart with `Accept: text/html`.',
      querystring: funderQuery,
      produces: ['application/json', 'text/csv', 'text/html'],
      response: { 200: funderReportSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const report = await readReport(database, (ex) => funderReport(database, ex, req.query));
    const as = req.accepts().type(['application/json', 'text/csv', 'text/html']);
    if (as === 'text/csv') {
      return reply.type(CSV_TYPE)
        .header('content-disposition', contentDisposition(downloadName([catalogues[req.query.locale].report.fileNames.funder, dayRange(req.query.from, req.query.to)], 'csv')))
        .send(funderCsv(report, req.query.locale) as never);
    }
    if (as === 'text/html') return reply.type('text/html; charset=utf-8').send((await renderFunderPage(report, req.query.locale)) as never);
    return report;
  });

  app.get('/reports/donors/:id/certificate', {
    config: { access: pageAccess },
    schema: {
      tags,
      summary: "A donor's certificate for its own waste reporting: kg received by category and month, kg refused, CO₂e avoided",
      description: 'A printable page (Finnish by default, `locale=en`); JSON with `Accept: application/json`. CO₂e uses '
        + '2.5 kg CO₂e per kg of food (FAO 2013, Food wastage footprint), printed with its source.',
      params: idParams,
      querystring: certificateQuery,
      produces: ['text/html', 'application/json'],
      response: { 200: certificateSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const certificate = await readReport(database, (ex) => donorCertificate(database, ex, req.params.id, req.query));
    if (req.accepts().type(['text/html', 'application/json']) === 'application/json') return certificate;
    return reply.type('text/html; charset=utf-8').send(renderCertificatePage(certificate, req.query.locale) as never);
  });

  app.get('/reports/distributions', {
    config: { access },
    schema: {
      tags,
      summary: "Households, persons and bags handed out by day, ISO week or month and by point or organisation (the points' current distribution records)",
      querystring: distributionsReportQuery,
      response: { 200: distributionsReportResponse, ...commonErrors },
    },
  }, async (req) => {
    const rows = await readReport(database, (ex) => distributionPeriods(database, ex, req.query));
    return { items: rows.map(({ name, ...r }) => ({ ...r, ...(name !== null ? { name } : {}) })) };
  });
};
