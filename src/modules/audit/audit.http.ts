import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { wantsCsv } from '../../http/accept.ts';
import { CSV_TYPE } from '../../i18n/csv.ts';
import { catalogues } from '../../i18n/messages.ts';
import { contentDisposition, dayRange, downloadName } from '../../http/download.ts';
import { commonErrors } from '../../http/schemas.ts';
import { auditListSchema, auditQuery } from './audit.schemas.ts';
import { auditCsv, listAllAudit, listAudit, type AuditChange } from './audit.service.ts';
import { actorOf } from '../../plugins/access.ts';

/**
 * Who is making a change and in which request, for {@link recordAudit}:
 * `await recordAudit(tx, { ...byRequest(req), entity: 'site', entityId: id, action: 'update', before, after })`.
 */
export function byRequest(req: FastifyRequest): Pick<AuditChange, 'actor' | 'requestId'> {
  const { id, role } = actorOf(req);
  return { actor: { id, role }, requestId: req.id };
}

export const auditHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  app.get('/audit', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['audit'],
      summary: 'The audit trail: who changed users, roles, sites, organisations, storage units, vehicles, plans\' publication, recalls (started, acknowledged), alerts closed with their corrective action, and erasures',
      description: 'Newest first, a page at a time. `from`..`to` are local days (inclusive). Personal fields of `before` and `after` read `***`; '
        + '`changed` names every field whose value changed. CSV of every entry of the filter (from `cursor` on, not one page) with `Accept: text/csv` (`locale=fi`: semicolons, BOM).',
      querystring: auditQuery,
      produces: ['application/json', 'text/csv'],
      response: { 200: auditListSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    if (!wantsCsv(req)) return listAudit(deps.database.db, req.query);
    const items = await listAllAudit(deps.database.db, req.query);
    const name = downloadName([catalogues[req.query.locale].report.fileNames.audit, dayRange(req.query.from, req.query.to)], 'csv');
    return reply.type(CSV_TYPE).header('content-disposition', contentDisposition(name))
      .send(auditCsv(items, req.query.locale) as never); // a string body is sent as is, past the JSON schema
  });
};
