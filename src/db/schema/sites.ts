import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, grams, id, instant } from './columns.ts';
import { organisations } from './organisations.ts';

export const sites = pgTable('sites', {
  id: id(),
  kind: text('kind', { enum: ['depot', 'donor', 'point'] }).notNull(),
  name: text('name').notNull(),
  municipality: text('municipality').notNull(),
  address: text('address').notNull().default(''),
  lat: doublePrecision('lat').notNull(),
  lon: doublePrecision('lon').notNull(),
  serviceMinutes: integer('service_minutes').notNull().default(10),
  /** Opening hours of a depot or donor, `HH:mm`. */
  opensAt: text('opens_at'),
  closesAt: text('closes_at'),
  /** For donors and points: the depot that serves them. */
  depotId: uuid('depot_id'),
  contact: text('contact'),
  /** Who to ask for at the site, and their phone (E.164 or as dialled), for drivers and coordinators. */
  contactName: text('contact_name'),
  phone: text('phone'),
  donorKind: text('donor_kind', { enum: ['shop', 'producer', 'other'] }),
  externalKey: text('external_key').unique(),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  /** A deactivated donor's links sign nobody in; its schedules are no longer planned. */
  active: boolean('active').notNull().default(true),
  createdAt: createdAt(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [
  check('sites_lat_range', sql`${t.lat} between -90 and 90`),
  check('sites_lon_range', sql`${t.lon} between -180 and 180`),
  index('sites_kind_idx').on(t.kind),
]);

export const pickupSchedules = pgTable('pickup_schedules', {
  id: id(),
  donorId: uuid('donor_id').notNull().references(() => sites.id),
  weekdays: text('weekdays').array().notNull(),
  windowStart: text('window_start').notNull(),
  windowEnd: text('window_end').notNull(),
  expectedG: grams('expected_g').notNull(),
  requiresRefrigeration: boolean('requires_refrigeration').notNull().default(false),
  seasonStart: text('season_start'),
  seasonEnd: text('season_end'),
  createdAt: createdAt(),
}, (t) => [index('pickup_schedules_donor_idx').on(t.donorId)]);

export const distributionDays = pgTable('distribution_days', {
  id: id(),
  pointId: uuid('point_id').notNull().references(() => sites.id),
  weekday: text('weekday').notNull(),
  start: text('start').notNull(),
  end: text('end').notNull(),
  createdAt: createdAt(),
}, (t) => [index('distribution_days_point_idx').on(t.pointId)]);

export const vehicles = pgTable('vehicles', {
  id: id(),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  name: text('name').notNull(),
  refrigerated: boolean('refrigerated').notNull().default(false),
  capacityG: grams('capacity_g').notNull(),
  capacityBags: integer('capacity_bags').notNull(),
  shiftStart: text('shift_start').notNull(),
  shiftEnd: text('shift_end').notNull(),
  createdAt: createdAt(),
});
