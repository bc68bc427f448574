import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { sites } from './sites.ts';
import { users } from './auth.ts';
import { bags } from './packing.ts';
import { lots } from './lots.ts';

/**
 * A recall a coordinator started (`POST /recalls`): what it matched by, and why. Its lots,
 * bags and points are written once with it; the points' acknowledgements are appended.
 */
export const recalls = pgTable('recalls', {
  id: id(),
  reason: text('reason').notNull(),
  /** The query it matched by: `{ lotId? product? batch? donorId? from? to? }`. */
  criteria: jsonb('criteria').notNull(),
  at: instant('at').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const recallLots = pgTable('recall_lots', {
  recallId: uuid('recall_id').notNull().references(() => recalls.id),
  lotId: uuid('lot_id').notNull().references(() => lots.id),
}, (t) => [primaryKey({ columns: [t.recallId, t.lotId] })]);

/** Every bag the recall reached, with what it was when the recall came (`in_stock`, `reserved`, `held`, `dispatched`, `delivered`). */
export const recallBags = pgTable('recall_bags', {
  recallId: uuid('recall_id').notNull().references(() => recalls.id),
  bagId: uuid('bag_id').notNull().references(() => bags.id),
  statusBefore: text('status_before').notNull(),
  reservationId: uuid('reservation_id'),
  pointId: uuid('point_id').references(() => sites.id),
}, (t) => [primaryKey({ columns: [t.recallId, t.bagId] })]);

/** The points a recall must hear from: those it reached with delivered (or reserved) bags. */
export const recallPoints = pgTable('recall_points', {
  recallId: uuid('recall_id').notNull().references(() => recalls.id),
  pointId: uuid('point_id').notNull().references(() => sites.id),
}, (t) => [primaryKey({ columns: [t.recallId, t.pointId] })]);

/** What a point's lead says the point did about a recall. Append-only; one per point. */
export const recallAcknowledgements = pgTable('recall_acknowledgements', {
  id: id(),
  recallId: uuid('recall_id').notNull().references(() => recalls.id),
  pointId: uuid('point_id').notNull().references(() => sites.id),
  note: text('note').notNull(),
  at: instant('at').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
}, (t) => [index('recall_acks_recall_idx').on(t.recallId, t.pointId)]);
