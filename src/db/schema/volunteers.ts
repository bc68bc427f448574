import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { users } from './auth.ts';
import { routes } from './routes.ts';
import { sites } from './sites.ts';

export const shifts = pgTable('shifts', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  kind: text('kind', { enum: ['warehouse', 'packing', 'driving', 'point'] }).notNull(),
  start: instant('start').notNull(),
  end: instant('end').notNull(),
  needed: integer('needed').notNull(),
  note: text('note'),
  /** The weekly series a recurring shift belongs to (its first occurrence's creation). */
  seriesId: uuid('series_id'),
  /** A driving shift made by publishing this route. */
  routeId: uuid('route_id').references(() => routes.id).unique(),
  /** Set when the shift no longer happens (a route of a superseded plan). */
  cancelledAt: instant('cancelled_at'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
}, (t) => [
  check('shifts_end_after_start', sql`${t.end} > ${t.start}`),
  check('shifts_needed_positive', sql`${t.needed} > 0`),
  index('shifts_start_idx').on(t.start),
]);

/** Who is signed up for a shift; a cancel keeps the row with `cancelledAt`, signing up again clears it. */
export const shiftSignups = pgTable('shift_signups', {
  shiftId: uuid('shift_id').notNull().references(() => shifts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  signedUpAt: instant('signed_up_at').notNull(),
  signedUpBy: uuid('signed_up_by').references(() => users.id),
  cancelledAt: instant('cancelled_at'),
}, (t) => [primaryKey({ columns: [t.shiftId, t.userId] }), index('shift_signups_user_idx').on(t.userId)]);

/**
 * Recorded after a shift: present (with minutes worked) or a no-show. Append-only (a trigger
 * in the migrations refuses UPDATE, DELETE and TRUNCATE): a correction is a new record naming
 * the one it `supersedes`. Each shift and volunteer has one first record and each record is
 * superseded at most once, by a record of the same shift and volunteer, so the records form
 * one chain whose current value is the record nobody supersedes.
 */
export const shiftAttendance = pgTable('shift_attendance', {
  id: id(),
  shiftId: uuid('shift_id').notNull().references(() => shifts.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  present: boolean('present').notNull(),
  minutes: integer('minutes').notNull(),
  supersedesId: uuid('supersedes_id'),
  recordedBy: uuid('recorded_by').references(() => users.id),
  recordedAt: instant('recorded_at').notNull(),
}, (t) => [
  index('shift_attendance_shift_user_idx').on(t.shiftId, t.userId),
  uniqueIndex('shift_attendance_supersedes_idx').on(t.supersedesId),
  uniqueIndex('shift_attendance_first_idx').on(t.shiftId, t.userId).where(sql`${t.supersedesId} is null`),
  unique('shift_attendance_id_shift_user').on(t.id, t.shiftId, t.userId),
  foreignKey({ name: 'shift_attendance_supersedes_same_fk', columns: [t.supersedesId, t.shiftId, t.userId], foreignColumns: [t.id, t.shiftId, t.userId] }),
  check('shift_attendance_minutes', sql`${t.minutes} >= 0 and (${t.present} or ${t.minutes} = 0)`),
]);

/**
 * One message to one user: the in-app inbox row and the delivery record of its channel.
 * `dedupKey` makes each message exist once however often its trigger fires.
 */
export const notifications = pgTable('notifications', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  dedupKey: text('dedup_key').notNull().unique(),
  locale: text('locale', { enum: ['fi', 'en'] }).notNull(),
  title: text('title').notNull(),
  body: text('body').notNull(),
  data: jsonb('data').notNull().default({}),
  /** `pending` until the channel answers; `inbox` when the user has no channel (or none is configured). */
  status: text('status', { enum: ['pending', 'sent', 'failed', 'inbox'] }).notNull().default('pending'),
  channel: text('channel', { enum: ['email', 'sms'] }),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  /** Not sent before this instant (quiet hours). */
  sendAfter: instant('send_after').notNull(),
  /** When its send job was put in the outbox (null: waiting for quiet hours to end). */
  queuedAt: instant('queued_at'),
  sentAt: instant('sent_at'),
  readAt: instant('read_at'),
  /** When its title, body, data and error were emptied (`NOTIFICATION_RETENTION_DAYS` after it was written). */
  purgedAt: instant('purged_at'),
  createdAt: createdAt(),
}, (t) => [
  index('notifications_user_idx').on(t.userId, t.createdAt),
  index('notifications_status_idx').on(t.status),
]);
