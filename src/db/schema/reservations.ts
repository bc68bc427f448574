import { date, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { sites } from './sites.ts';
import { users } from './auth.ts';

export const reservationCaps = pgTable('reservation_caps', {
  pointId: uuid('point_id').notNull().references(() => sites.id),
  bagType: text('bag_type').notNull(),
  bagsPerDay: integer('bags_per_day').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.pointId, t.bagType] })]);

export const reservations = pgTable('reservations', {
  id: id(),
  pointId: uuid('point_id').notNull().references(() => sites.id),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  date: date('date', { mode: 'string' }).notNull(),
  bagType: text('bag_type').notNull(),
  /** The class of the bags held; null: bags of any class. */
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }),
  bags: integer('bags').notNull(),
  status: text('status', { enum: ['held', 'dispatched', 'delivered', 'cancelled'] }).notNull().default('held'),
  bagsDelivered: integer('bags_delivered'),
  bagsReceived: integer('bags_received'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  cancelledAt: instant('cancelled_at'),
  dispatchedAt: instant('dispatched_at'),
  deliveredAt: instant('delivered_at'),
  confirmedAt: instant('confirmed_at'),
}, (t) => [index('reservations_point_date_idx').on(t.pointId, t.date), index('reservations_date_idx').on(t.date)]);
