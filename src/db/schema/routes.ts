import { date, doublePrecision, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, grams, id, instant } from './columns.ts';
import { sites, vehicles } from './sites.ts';
import { users } from './auth.ts';

export const routePlans = pgTable('route_plans', {
  id: id(),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  date: date('date', { mode: 'string' }).notNull(),
  version: integer('version').notNull(),
  status: text('status', { enum: ['queued', 'running', 'done', 'failed', 'published'] }).notNull().default('queued'),
  error: text('error'),
  totals: jsonb('totals'),
  unassigned: jsonb('unassigned'),
  requestedBy: uuid('requested_by').references(() => users.id),
  createdAt: createdAt(),
  finishedAt: instant('finished_at'),
  publishedAt: instant('published_at'),
}, (t) => [unique('route_plans_version_uq').on(t.depotId, t.date, t.version)]);

export const routes = pgTable('routes', {
  id: id(),
  planId: uuid('plan_id').notNull().references(() => routePlans.id),
  vehicleId: uuid('vehicle_id').notNull().references(() => vehicles.id),
  driverId: uuid('driver_id').references(() => users.id),
  start: instant('start').notNull(),
  end: instant('end').notNull(),
  distanceKm: doublePrecision('distance_km').notNull(),
  durationMin: doublePrecision('duration_min').notNull(),
  /** When the driver confirmed loading ("Lastattu, lähden"): the route's bags were dispatched then. */
  loadedAt: instant('loaded_at'),
  loadedBy: uuid('loaded_by').references(() => users.id),
}, (t) => [index('routes_plan_idx').on(t.planId), index('routes_driver_idx').on(t.driverId)]);

export const routeStops = pgTable('route_stops', {
  id: id(),
  routeId: uuid('route_id').notNull().references(() => routes.id),
  seq: integer('seq').notNull(),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  kind: text('kind', { enum: ['pickup', 'delivery'] }).notNull(),
  taskId: text('task_id').notNull(),
  arrival: instant('arrival').notNull(),
  departure: instant('departure').notNull(),
  windowStart: instant('window_start').notNull(),
  windowEnd: instant('window_end').notNull(),
  grams: grams('grams').notNull(),
  bags: integer('bags').notNull(),
  bagType: text('bag_type'),
  reservationIds: uuid('reservation_ids').array().notNull().default([]),
  /** A delivery's coldest bag class: the sheet says "kylmä" (chilled) or "pakaste" (frozen). */
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }),
  loadGAfter: grams('load_g_after').notNull(),
  loadBagsAfter: integer('load_bags_after').notNull(),
  status: text('status', { enum: ['planned', 'done', 'skipped'] }).notNull().default('planned'),
  bagsDelivered: integer('bags_delivered'),
  gCollected: grams('g_collected'),
  note: text('note'),
  /** Why a skipped stop was not done (`closed`, `no_one_there`, …). */
  skipReason: text('skip_reason', { enum: ['closed', 'no_one_there', 'no_access', 'out_of_time', 'vehicle_problem', 'other'] }),
  /** Who recorded the outcome: the driver, or a coordinator correcting afterwards. */
  completedBy: uuid('completed_by').references(() => users.id),
  completedAt: instant('completed_at'),
  /** A delivery of chilled or frozen bags: minutes from the route's loading to the stop's completion. */
  rideMinutes: integer('ride_minutes'),
  createdAt: createdAt(),
}, (t) => [index('route_stops_route_idx').on(t.routeId)]);

/**
 * Corrections of a done stop's figure, append-only: each row supersedes the stop's figure
 * before it (`supersedesId`: the previous correction, or none for the stop's first outcome),
 * keeping what it was (`gBefore`/`bagsBefore`) and what it became. The stop's own
 * `gCollected`/`bagsDelivered` show the current figure.
 */
export const stopCorrections = pgTable('stop_corrections', {
  id: id(),
  stopId: uuid('stop_id').notNull().references(() => routeStops.id),
  supersedesId: uuid('supersedes_id'),
  gBefore: grams('g_before'),
  gAfter: grams('g_after'),
  bagsBefore: integer('bags_before'),
  bagsAfter: integer('bags_after'),
  note: text('note'),
  /** When the correction was made (a phone that was offline sends when the button was pressed). */
  correctedAt: instant('corrected_at').notNull(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: createdAt(),
}, (t) => [index('stop_corrections_stop_idx').on(t.stopId)]);
