import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { AUDIT_ENTITIES } from '../../domain/audit.ts';
import { instant } from './columns.ts';

/**
 * The audit trail: who changed which user, site, organisation, storage unit, vehicle, plan's
 * publication, recall (started, acknowledged) or alert (closed with its corrective action),
 * when, and the record before and after (personal fields masked, see domain/audit.ts). Append-only (a trigger refuses updates, deletes and truncation). `actorId`
 * has no foreign key: the trail outlives whatever it names.
 */
export const auditEntries = pgTable('audit_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: instant('at').notNull().defaultNow(),
  /** The signed-in user who made the change; null for the system (start-up, jobs, command line). */
  actorId: uuid('actor_id'),
  actorRole: text('actor_role'),
  entity: text('entity', { enum: AUDIT_ENTITIES }).notNull(),
  entityId: text('entity_id').notNull(),
  /** What was done: `create`, `update`, `publish`, `erase`, … */
  action: text('action').notNull(),
  before: jsonb('before'),
  after: jsonb('after'),
  changed: text('changed').array().notNull().default([]),
  requestId: text('request_id'),
}, (t) => [
  index('audit_entries_at_idx').on(t.at, t.id),
  index('audit_entries_actor_idx').on(t.actorId, t.at),
  index('audit_entries_entity_idx').on(t.entity, t.entityId, t.at),
]);
