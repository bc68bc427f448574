import { and, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import { auditEntries, users } from '../../db/schema/index.ts';
import type { PageWindow } from '../../db/cursor.ts';

export type AuditRow = typeof auditEntries.$inferSelect;
export type NewAuditRow = typeof auditEntries.$inferInsert;

export async function insertAuditEntry(db: Executor, row: NewAuditRow): Promise<void> {
  await db.insert(auditEntries).values(row);
}

export interface AuditFilter {
  from?: Date;
  to?: Date;
  actorId?: string;
  entity?: AuditRow['entity'];
  entityId?: string;
}

/** Newest first; entries of one millisecond by id, newest first too. */
export const AUDIT_ORDER = sortKey<{ at: Date; id: number }>(
  [{ column: toMs(auditEntries.at), part: 'instant', desc: true }, { column: auditEntries.id, part: 'int', desc: true }],
  (r) => [r.at, r.id],
);

/** One page of the trail with the actor's name as it is now (an erased person's pseudonym). */
export async function listAuditEntries(db: Executor, f: AuditFilter, w: PageWindow) {
  const where: (SQL | undefined)[] = [
    f.from ? gte(auditEntries.at, f.from) : undefined,
    f.to ? lt(auditEntries.at, f.to) : undefined,
    f.actorId ? eq(auditEntries.actorId, f.actorId) : undefined,
    f.entity ? eq(auditEntries.entity, f.entity) : undefined,
    f.entityId ? eq(auditEntries.entityId, f.entityId) : undefined,
    pastKey(AUDIT_ORDER, w.after),
  ];
  return db.select({ entry: auditEntries, actorName: users.name }).from(auditEntries)
    .leftJoin(users, eq(users.id, auditEntries.actorId))
    .where(and(...where)).orderBy(...orderOf(AUDIT_ORDER)).limit(w.limit)
    .then((rows) => rows.map((r) => ({ ...r.entry, actorName: r.actorName })));
}
