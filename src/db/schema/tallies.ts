import { date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { grams, instant } from './columns.ts';

/**
 * Daily tallies per depot and dimension (`point`, `donor`, `category`, `bagType`, or `depot`
 * for the whole depot), recomputed from the ledger and bag records by the `tally-day` job.
 */
export const tallies = pgTable('tallies', {
  day: date('day', { mode: 'string' }).notNull(),
  depotId: uuid('depot_id').notNull(),
  dimension: text('dimension').notNull(),
  key: text('key').notNull(),
  gIn: grams('g_in').notNull().default(0),
  gDiscarded: grams('g_discarded').notNull().default(0),
  discardedByReason: jsonb('discarded_by_reason').notNull().default({}),
  gAdjusted: grams('g_adjusted').notNull().default(0),
  /** Food refused at the door (never stock: outside the mass balance). */
  gRefused: grams('g_refused').notNull().default(0),
  refusedByReason: jsonb('refused_by_reason').notNull().default({}),
  bagsPacked: integer('bags_packed').notNull().default(0),
  gPacked: grams('g_packed').notNull().default(0),
  bagsDelivered: integer('bags_delivered').notNull().default(0),
  gDelivered: grams('g_delivered').notNull().default(0),
  stockEndG: grams('stock_end_g').notNull().default(0),
  computedAt: instant('computed_at').notNull().defaultNow(),
}, (t) => [
  primaryKey({ columns: [t.day, t.depotId, t.dimension, t.key] }),
  index('tallies_depot_dimension_day_idx').on(t.depotId, t.dimension, t.day),
  // Reports read `tallies_report_idx` (dimension, day) INCLUDE (every figure): an index-only
  // scan over a year of rows. drizzle cannot express INCLUDE, so it is written by hand:
  // created in migrations/0003_tallies_report_index.sql, recreated with the refusal columns
  // in 0012_cold_chain_backfill.sql. A new figure column needs a new hand-written migration
  // that recreates it, or the reports visit the heap for every row again.
]);
