import { bigint, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column builders: ids are UUIDs, instants are timestamptz, masses are integer grams. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => instant('created_at').notNull().defaultNow();
export const grams = (name: string) => bigint(name, { mode: 'number' });
