import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, grams, id, instant } from './columns.ts';
import { users } from './auth.ts';
import { pickupSchedules, sites } from './sites.ts';

/**
 * A donor's contact link: a long random token, shown once, stored only as its SHA-256 hash.
 * Opening it (`POST /auth/donor-link`) starts a donor session for the link's site. A revoked link
 * signs nobody in, and every session it started ends with it.
 */
export const donorLinks = pgTable('donor_links', {
  id: id(),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  name: text('name').notNull(),
  phone: text('phone'),
  email: text('email'),
  tokenHash: text('token_hash').notNull().unique(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  revokedAt: instant('revoked_at'),
  revokedBy: uuid('revoked_by').references(() => users.id),
}, (t) => [index('donor_links_site_idx').on(t.siteId)]);

/** A bearer session of role `donor`, started from a link; stored only as its hash. */
export const donorSessions = pgTable('donor_sessions', {
  id: id(),
  linkId: uuid('link_id').notNull().references(() => donorLinks.id),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: instant('expires_at').notNull(),
  createdAt: createdAt(),
}, (t) => [index('donor_sessions_link_idx').on(t.linkId)]);

/**
 * "Ei noudettavaa tällä kertaa": a donor's one scheduled pickup that is not to be driven. An undo
 * stamps `cancelledAt` (the row stays, so the tally of skips by donor keeps it as undone); at most
 * one live skip per schedule and day.
 */
export const pickupSkips = pgTable('pickup_skips', {
  id: id(),
  donorId: uuid('donor_id').notNull().references(() => sites.id),
  scheduleId: uuid('schedule_id').notNull().references(() => pickupSchedules.id),
  date: date('date', { mode: 'string' }).notNull(),
  linkId: uuid('link_id').references(() => donorLinks.id),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: createdAt(),
  cancelledAt: instant('cancelled_at'),
}, (t) => [
  uniqueIndex('pickup_skips_live_uq').on(t.scheduleId, t.date).where(sql`${t.cancelledAt} is null`),
  index('pickup_skips_donor_idx').on(t.donorId, t.date),
]);

/**
 * Food a donor offers beyond its schedule ("Ylimääräistä noudettavaa"), from its link or phoned
 * in and recorded by a coordinator. Never changed: its outcome is an {@link offerOutcomes} row.
 */
export const offers = pgTable('offers', {
  id: id(),
  donorId: uuid('donor_id').notNull().references(() => sites.id),
  linkId: uuid('link_id').references(() => donorLinks.id),
  recordedBy: uuid('recorded_by').references(() => users.id),
  grams: grams('grams').notNull(),
  temperatureClass: text('temperature_class', { enum: ['ambient', 'chilled', 'frozen'] }).notNull(),
  categories: text('categories').array().notNull(),
  readyFrom: instant('ready_from').notNull(),
  readyUntil: instant('ready_until').notNull(),
  note: text('note'),
  createdAt: createdAt(),
}, (t) => [
  check('offers_grams_range', sql`${t.grams} > 0 and ${t.grams} <= 10000000`),
  check('offers_window', sql`${t.readyUntil} > ${t.readyFrom}`),
  index('offers_donor_idx').on(t.donorId, t.createdAt),
]);

/** An offer's one outcome: accepted as a one-off pickup (date and window) or declined with a reason. */
export const offerOutcomes = pgTable('offer_outcomes', {
  id: id(),
  offerId: uuid('offer_id').notNull().unique().references(() => offers.id),
  kind: text('kind', { enum: ['accepted', 'declined'] }).notNull(),
  /** Accepted: the pickup's local date and window. */
  date: date('date', { mode: 'string' }),
  windowStart: instant('window_start'),
  windowEnd: instant('window_end'),
  /** The depot whose plan of `date` carries the pickup. */
  depotId: uuid('depot_id').references(() => sites.id),
  reason: text('reason', { enum: ['no_vehicle', 'no_storage', 'not_suitable', 'too_far', 'too_late', 'other'] }),
  note: text('note'),
  decidedBy: uuid('decided_by').notNull().references(() => users.id),
  createdAt: createdAt(),
}, (t) => [index('offer_outcomes_date_idx').on(t.date)]);

/** A message to a donor link's phone or email (an offer's outcome), sent once by the worker. */
export const donorMessages = pgTable('donor_messages', {
  id: id(),
  linkId: uuid('link_id').notNull().references(() => donorLinks.id),
  offerId: uuid('offer_id').references(() => offers.id),
  channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
  text: text('text').notNull(),
  status: text('status', { enum: ['pending', 'sent', 'failed', 'no_channel'] }).notNull().default('pending'),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  sentAt: instant('sent_at'),
  createdAt: createdAt(),
});

export type DonorLinkRow = typeof donorLinks.$inferSelect;
export type OfferRow = typeof offers.$inferSelect;
export type OfferOutcomeRow = typeof offerOutcomes.$inferSelect;
export type PickupSkipRow = typeof pickupSkips.$inferSelect;
