import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, date, doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, grams, id, instant } from './columns.ts';
import { sites } from './sites.ts';
import { users } from './auth.ts';
import { storageUnits, temperatureReadings } from './storage.ts';

export const intakes = pgTable('intakes', {
  id: id(),
  donorId: uuid('donor_id').notNull().references(() => sites.id),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  receivedAt: instant('received_at').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('intakes_depot_received_idx').on(t.depotId, t.receivedAt),
  index('intakes_donor_received_idx').on(t.donorId, t.receivedAt),
]);

/**
 * A lot is one intake line. `stockG` is the running sum of the lot's ledger entries, kept
 * in the same transaction as each entry so the database itself refuses a negative stock.
 */
export const lots = pgTable('lots', {
  id: id(),
  intakeId: uuid('intake_id').notNull().references(() => intakes.id),
  /** The line of the intake this lot was weighed on (0-based; null for lots older than the column). */
  line: integer('line'),
  donorId: uuid('donor_id').notNull().references(() => sites.id),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  category: text('category').notNull(),
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }).notNull(),
  dateKind: text('date_kind', { enum: ['use_by', 'best_before', 'none'] }).notNull(),
  date: date('date', { mode: 'string' }),
  storageUnitId: uuid('storage_unit_id').notNull().references(() => storageUnits.id),
  receivedG: grams('received_g').notNull(),
  stockG: grams('stock_g').notNull(),
  receiptCelsius: doublePrecision('receipt_celsius'),
  receivedAt: instant('received_at').notNull(),
  onHold: boolean('on_hold').notNull().default(false),
  frozenOn: date('frozen_on', { mode: 'string' }),
  /**
   * Whether `frozenOn` is a known freezing date (the donor's, or the day Kassi froze the lot).
   * False for chilled food received frozen without one: `frozenOn` is then the day it was
   * received (frozen by then at the latest), which the rules may count from but a label must
   * not print as "Pakastettu" (it says "Pakastuspäivä ei tiedossa").
   */
  frozenOnKnown: boolean('frozen_on_known').notNull().default(true),
  /** Date of the latest passed best-before check, if any. */
  checkedOn: date('checked_on', { mode: 'string' }),
  /**
   * Product information from the package (for labels and recalls); allergens are EU 1169/2011
   * Annex II codes. Null: not stated at intake, unknown; `{}`: declared to contain none.
   */
  product: text('product'),
  allergens: text('allergens').array(),
  /** Received without packaging (loose bread, loose vegetables, unwrapped food): packing it when perishable needs a hygiene passport. */
  unpackaged: boolean('unpackaged').notNull().default(false),
  batch: text('batch'),
  /** Set once by a recall (`POST /recalls`): the lot is never packed again. */
  recallId: uuid('recall_id'),
  createdAt: createdAt(),
}, (t) => [
  check('lots_stock_not_negative', sql`${t.stockG} >= 0`),
  index('lots_depot_stock_idx').on(t.depotId, t.stockG),
  index('lots_unit_idx').on(t.storageUnitId),
  index('lots_date_idx').on(t.date),
  index('lots_donor_received_idx').on(t.donorId, t.receivedAt),
  index('lots_product_idx').on(t.product),
  index('lots_batch_idx').on(t.batch),
]);

/** Food turned away at the door: recorded for the reports, never stock, never in the ledger. */
export const intakeRefusals = pgTable('intake_refusals', {
  id: id(),
  intakeId: uuid('intake_id').notNull().references(() => intakes.id),
  donorId: uuid('donor_id').notNull().references(() => sites.id),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  category: text('category').notNull(),
  grams: grams('grams').notNull(),
  reason: text('reason', { enum: ['use_by_past', 'too_warm', 'damaged', 'spoiled', 'other'] }).notNull(),
  note: text('note'),
  at: instant('at').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  check('intake_refusals_grams_positive', sql`${t.grams} > 0`),
  index('intake_refusals_intake_idx').on(t.intakeId),
  index('intake_refusals_depot_at_idx').on(t.depotId, t.at),
]);

/**
 * The inventory ledger: every change of a lot's grams. Append-only — a trigger in the
 * migrations refuses UPDATE, DELETE and TRUNCATE.
 */
export const ledgerEntries = pgTable('ledger_entries', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  lotId: uuid('lot_id').notNull().references(() => lots.id),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  kind: text('kind', { enum: ['intake', 'pack', 'discard', 'adjust', 'freeze'] }).notNull(),
  grams: grams('grams').notNull(),
  reason: text('reason'),
  at: instant('at').notNull(),
  packingRunId: uuid('packing_run_id'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  index('ledger_lot_idx').on(t.lotId),
  index('ledger_depot_at_idx').on(t.depotId, t.at),
]);

/** Moves, holds, releases, checks and freezes recorded beside the ledger. Append-only. */
export const lotEvents = pgTable('lot_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  lotId: uuid('lot_id').notNull().references(() => lots.id),
  kind: text('kind').notNull(),
  data: jsonb('data').notNull().default({}),
  at: instant('at').notNull().defaultNow(),
  createdBy: uuid('created_by').references(() => users.id),
}, (t) => [index('lot_events_lot_idx').on(t.lotId)]);

/**
 * Alerts: temperature excursions and missed own-check readings (one per unit and day). Both
 * are closed only by `POST /alerts/:id/resolve`, which records the corrective action, its note
 * and who closed it (a reading back in range does not close one by itself).
 */
export const alerts = pgTable('alerts', {
  id: id(),
  kind: text('kind').notNull(),
  storageUnitId: uuid('storage_unit_id').references(() => storageUnits.id),
  readingId: uuid('reading_id').references(() => temperatureReadings.id),
  /** The local day a `reading_missed` alert is about. */
  day: date('day', { mode: 'string' }),
  /** In English, as written when raised (alerts raised before `detail_code` existed have only this). */
  detail: text('detail').notNull(),
  /** What the alert says as a code and its figures (`AlertDetail`), put into the reader's language. */
  detailCode: text('detail_code'),
  detailParams: jsonb('detail_params'),
  openedAt: instant('opened_at').notNull().defaultNow(),
  closedAt: instant('closed_at'),
  /** The corrective action recorded when the alert was closed (`ALERT_ACTIONS`), what was done, and by whom. */
  action: text('action'),
  note: text('note'),
  resolvedBy: uuid('resolved_by').references(() => users.id),
  /** Alerts about a route (`bags_unsettled`, `ride_too_long`): its depot, route and stop. */
  depotId: uuid('depot_id').references(() => sites.id),
  routeId: uuid('route_id'),
  stopId: uuid('stop_id'),
}, (t) => [
  uniqueIndex('alerts_reading_missed_uq').on(t.storageUnitId, t.day).where(sql`${t.kind} = 'reading_missed'`),
  uniqueIndex('alerts_route_uq').on(t.kind, t.routeId).where(sql`${t.kind} = 'bags_unsettled'`),
  uniqueIndex('alerts_stop_uq').on(t.kind, t.stopId).where(sql`${t.kind} = 'ride_too_long'`),
  index('alerts_open_idx').on(t.storageUnitId).where(sql`${t.closedAt} is null`),
  index('alerts_closed_at_idx').on(t.closedAt, t.id).where(sql`${t.closedAt} is not null`),
]);
