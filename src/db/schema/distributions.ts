import { sql } from 'drizzle-orm';
import { type AnyPgColumn, check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns.ts';
import { users } from './auth.ts';
import { sites } from './sites.ts';

/**
 * One distribution day of a food-bank point as its lead recorded it: anonymous counts only.
 * Append-only (a trigger in the migrations refuses UPDATE, DELETE and TRUNCATE): a
 * correction is a new record naming the one it `supersedes`, and a record may be superseded
 * once, so the current records are those nobody supersedes.
 */
export const distributions = pgTable('distributions', {
  id: id(),
  pointId: uuid('point_id').notNull().references(() => sites.id),
  date: date('date', { mode: 'string' }).notNull(),
  households: integer('households').notNull(),
  persons: integer('persons'),
  children: integer('children'),
  seniors: integer('seniors'),
  bagsHandedOut: integer('bags_handed_out').notNull(),
  note: text('note'),
  supersedesId: uuid('supersedes_id').references((): AnyPgColumn => distributions.id),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  uniqueIndex('distributions_supersedes_idx').on(t.supersedesId),
  index('distributions_point_date_idx').on(t.pointId, t.date),
  index('distributions_date_idx').on(t.date),
  check('distributions_counts_not_negative', sql`${t.households} >= 0 and ${t.bagsHandedOut} >= 0
    and coalesce(${t.persons}, 0) >= 0 and coalesce(${t.children}, 0) >= 0 and coalesce(${t.seniors}, 0) >= 0`),
]);
