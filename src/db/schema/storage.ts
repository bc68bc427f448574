import { boolean, doublePrecision, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, grams, id, instant } from './columns.ts';
import { sites } from './sites.ts';
import { users } from './auth.ts';

export const storageUnits = pgTable('storage_units', {
  id: id(),
  depotId: uuid('depot_id').notNull().references(() => sites.id),
  name: text('name').notNull(),
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }).notNull(),
  capacityG: grams('capacity_g').notNull(),
  /** Own-check readings expected per day (0: not monitored); a missed one raises an alert. */
  readingsPerDay: integer('readings_per_day').notNull().default(1),
  createdAt: createdAt(),
});

/** Own-check temperature records, kept for inspection: append-only. */
export const temperatureReadings = pgTable('temperature_readings', {
  id: id(),
  storageUnitId: uuid('storage_unit_id').notNull().references(() => storageUnits.id),
  celsius: doublePrecision('celsius').notNull(),
  at: instant('at').notNull(),
  excursion: boolean('excursion').notNull(),
  warning: boolean('warning').notNull(),
  recordedBy: uuid('recorded_by').references(() => users.id),
  /** When it was typed in, by the server's clock (readings older than the column: their `created_at`); `at` is when the thermometer was read. */
  enteredAt: instant('entered_at').notNull().defaultNow(),
  createdAt: createdAt(),
}, (t) => [index('temperature_readings_unit_at_idx').on(t.storageUnitId, t.at)]);
