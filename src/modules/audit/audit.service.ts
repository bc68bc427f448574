import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import { auditChange, type AuditEntity, type AuditRecord } from '../../domain/audit.ts';
import { localDateTime, localDayRange } from '../../domain/dates.ts';
import { keysetPage } from '../../db/cursor.ts';
import { toCsv, type CsvLocale } from '../../i18n/csv.ts';
import { catalogues } from '../../i18n/messages.ts';
import { AUDIT_ORDER, insertAuditEntry, listAuditEntries, type AuditRow } from './audit.repo.ts';
import type { auditQuery } from './audit.schemas.ts';

/** One change for the trail. */
export interface AuditChange {
  /** Who made it: the signed-in user (`actorOf(req)`), or null for the system (start-up, a job, the command line). */
  actor: { id: string; role: string } | null;
  entity: AuditEntity;
  entityId: string;
  /** What was done, a short verb: `create`, `update`, `deactivate`, `publish`, `erase`, `reset_password`, … */
  action: string;
  /** The record before the change (null for a creation) and after it (null for a removal), as plain JSON. */
  before?: AuditRecord | null;
  after?: AuditRecord | null;
  /** The request's id (`req.id`), to match the entry with the logs. */
  requestId?: string;
  /** When; the database's clock when left out. */
  at?: Date;
}

/**
 * Writes one entry of the audit trail in the caller's transaction, so the entry exists exactly
 * when the change does. Personal fields (a user's name, emails, phones, contacts, passport
 * dates) are masked and secrets left out before anything is written (domain/audit.ts).
 *
 * @example await recordAudit(tx, { actor: actorOf(req), entity: 'user', entityId: id, action: 'update', before: toUserDto(old), after: dto, requestId: req.id })
 */
export async function recordAudit(db: Executor, change: AuditChange): Promise<void> {
  const { before, after, changed } = auditChange(change.entity, change.before, change.after);
  await insertAuditEntry(db, {
    at: change.at, actorId: change.actor?.id ?? null, actorRole: change.actor?.role ?? null,
    entity: change.entity, entityId: change.entityId, action: change.action, before, after, changed, requestId: change.requestId ?? null,
  });
}

const toDto = (r: AuditRow & { actorName: string | null }) => ({
  id: String(r.id), at: r.at.toISOString(), actorId: r.actorId ?? undefined, actorName: r.actorName ?? undefined, actorRole: r.actorRole ?? undefined,
  entity: r.entity, entityId: r.entityId, action: r.action, changed: r.changed,
  before: (r.before as Record<string, unknown> | null) ?? undefined, after: (r.after as Record<string, unknown> | null) ?? undefined,
  requestId: r.requestId ?? undefined,
});

/** The coordinator's view of the trail: local days `from`..`to` (inclusive), by actor and by entity, newest first, a page at a time. */
export async function listAudit(db: Executor, q: z.infer<typeof auditQuery>) {
  const from = q.from ? localDayRange(q.from).start : undefined;
  const to = q.to ? localDayRange(q.to).end : undefined;
  const { page, nextCursor } = await keysetPage(q, AUDIT_ORDER, (w) => listAuditEntries(db, { from, to, actorId: q.actor, entity: q.entity, entityId: q.entityId }, w));
  return { items: page.map(toDto), nextCursor };
}

/** Every entry of the filter (not one page), for the CSV export. */
export async function listAllAudit(db: Executor, q: z.infer<typeof auditQuery>) {
  const items: Awaited<ReturnType<typeof listAudit>>['items'] = [];
  for (let cursor = q.cursor; ;) {
    const page = await listAudit(db, { ...q, cursor, limit: CSV_PAGE });
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}
const CSV_PAGE = 1000;

/** The trail as CSV: one row per entry, the record before and after as JSON text. */
export function auditCsv(items: Awaited<ReturnType<typeof listAudit>>['items'], locale: CsvLocale): string {
  const c = catalogues[locale].audit.columns;
  return toCsv([
    [c.at, c.actorName, c.actorRole, c.entity, c.entityId, c.action, c.changed, c.before, c.after],
    ...items.map((i) => [localDateTime(new Date(i.at)), i.actorName, i.actorRole, i.entity, i.entityId, i.action, i.changed.join(' '),
      i.before ? JSON.stringify(i.before) : '', i.after ? JSON.stringify(i.after) : '']),
  ], locale);
}
