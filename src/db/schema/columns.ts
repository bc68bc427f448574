import { sql, type SQL } from 'drizzle-orm';
import { bigint, customType, uuid } from 'drizzle-orm/pg-core';
import pg from 'pg';

/** pg's own timestamptz parser (postgres-date): it keeps years 0001–0099 and BC as they are. */
const parseTimestamptz = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as (text: string) => Date;

/**
 * A timestamptz read back as a `Date`. drizzle hands both drivers' text to `new Date(text)`,
 * which reads `0049-06-01 00:00:00+00` as 2049; this column parses it as PostgreSQL wrote it.
 */
const timestamptz = customType<{ data: Date; driverData: string | Date }>({
  dataType: () => 'timestamp with time zone',
  fromDriver: (value) => (value instanceof Date ? value : parseTimestamptz(value)),
  toDriver: (value) => value.toISOString(),
});

/** Shared column builders: ids are UUIDs, instants are timestamptz, masses are integer grams. */
export const id = () => uuid('id').primaryKey().defaultRandom();
/** `.defaultNow()` as drizzle's own timestamp builder has it. */
function defaultNow<T extends { default(value: SQL): unknown }>(this: T) {
  return this.default(sql`now()`) as ReturnType<T['default']>;
}
export const instant = (name: string) => Object.assign(timestamptz(name), { defaultNow });
export const createdAt = () => instant('created_at').notNull().defaultNow();
export const grams = (name: string) => bigint(name, { mode: 'number' });
