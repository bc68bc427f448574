import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, grams, id, instant } from './columns.ts';
import { sites } from './sites.ts';
import { users } from './auth.ts';
import { alerts, lots } from './lots.ts';
import { storageUnits } from './storage.ts';

export const packingRuns = pgTable('packing_runs', {
  id: id(),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  bagType: text('bag_type').notNull(),
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }).notNull().default('chilled'),
  bagCount: integer('bag_count').notNull(),
  /** The unit the run put its bags in (null: runs packed before bags had a unit). */
  storageUnitId: uuid('storage_unit_id').references(() => storageUnits.id),
  packedAt: instant('packed_at').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
});

export const packingRunLots = pgTable('packing_run_lots', {
  packingRunId: uuid('packing_run_id').notNull().references(() => packingRuns.id),
  lotId: uuid('lot_id').notNull().references(() => lots.id),
  grams: grams('grams').notNull(),
}, (t) => [primaryKey({ columns: [t.packingRunId, t.lotId] }), index('packing_run_lots_lot_idx').on(t.lotId)]);

/** A bag's current state; every transition is also written to `bag_events`. */
export const bags = pgTable('bags', {
  id: id(),
  packingRunId: uuid('packing_run_id').notNull().references(() => packingRuns.id),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  bagType: text('bag_type').notNull(),
  /** Set by the packing run (existing bags: the coldest class among their contents, by migration). */
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }).notNull().default('chilled'),
  weightG: grams('weight_g').notNull(),
  earliestUseBy: date('earliest_use_by', { mode: 'string' }),
  /** The last local day the bag may be handed out (`bagHandOutBy` of its contents at packing); null: no limit. */
  handOutBy: date('hand_out_by', { mode: 'string' }),
  status: text('status', { enum: ['in_stock', 'reserved', 'dispatched', 'delivered', 'discarded', 'held', 'recalled'] }).notNull().default('in_stock'),
  reservationId: uuid('reservation_id'),
  /** The storage unit the bag waits in at the depot (existing bags: by migration, the depot's first unit of their class). */
  storageUnitId: uuid('storage_unit_id').references(() => storageUnits.id),
  packedAt: instant('packed_at').notNull(),
  statusAt: instant('status_at').notNull().defaultNow(),
}, (t) => [
  index('bags_available_idx').on(t.depotId, t.bagType, t.status, t.earliestUseBy),
  index('bags_available_class_idx').on(t.depotId, t.bagType, t.temperatureClass, t.status, t.earliestUseBy),
  index('bags_hand_out_idx').on(t.depotId, t.bagType, t.status, t.handOutBy),
  index('bags_hand_out_class_idx').on(t.depotId, t.bagType, t.temperatureClass, t.status, t.handOutBy),
  index('bags_reservation_idx').on(t.reservationId),
  index('bags_run_idx').on(t.packingRunId),
  index('bags_depot_packed_idx').on(t.depotId, t.packedAt),
  index('bags_unit_idx').on(t.storageUnitId).where(sql`${t.status} in ('in_stock', 'reserved', 'held')`),
]);

/**
 * What went into each bag: grams of each lot (the per-bag picking list). Written once with
 * the bag; a bag's contents add up to its weight, and a lot's rows to its `packing_run_lots`.
 */
export const bagContents = pgTable('bag_contents', {
  bagId: uuid('bag_id').notNull().references(() => bags.id),
  lotId: uuid('lot_id').notNull().references(() => lots.id),
  grams: grams('grams').notNull(),
}, (t) => [primaryKey({ columns: [t.bagId, t.lotId] }), index('bag_contents_lot_idx').on(t.lotId)]);

export const bagEvents = pgTable('bag_events', {
  id: id(),
  bagId: uuid('bag_id').notNull().references(() => bags.id),
  fromStatus: text('from_status'),
  toStatus: text('to_status').notNull(),
  reservationId: uuid('reservation_id'),
  reason: text('reason'),
  /** The excursion alert that held the bag (`to_status = 'held'`). */
  alertId: uuid('alert_id').references(() => alerts.id),
  /** A move between units (`reason = 'moved'`): where the bag went. */
  storageUnitId: uuid('storage_unit_id').references(() => storageUnits.id),
  at: instant('at').notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => users.id),
}, (t) => [
  index('bag_events_bag_idx').on(t.bagId),
  index('bag_events_alert_idx').on(t.alertId).where(sql`${t.alertId} is not null`),
  // Tallies count deliveries by day.
  index('bag_events_delivered_at_idx').on(t.at).where(sql`${t.toStatus} = 'delivered'`),
]);
