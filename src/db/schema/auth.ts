import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, instant } from './columns.ts';
import { organisations } from './organisations.ts';
import { sites } from './sites.ts';

export const users = pgTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ['coordinator', 'warehouse', 'point_lead', 'driver'] }).notNull(),
  pointId: uuid('point_id').references(() => sites.id),
  organisationId: uuid('organisation_id').references(() => organisations.id),
  passwordHash: text('password_hash').notNull(),
  phone: text('phone'),
  active: boolean('active').notNull().default(true),
  /** How the user wants messages besides the in-app inbox. */
  notify: text('notify', { enum: ['email', 'sms', 'none'] }).notNull().default('email'),
  /** Language of the messages a user receives. */
  locale: text('locale', { enum: ['fi', 'en'] }).notNull().default('fi'),
  /** Last day of a valid hygiene passport (food handler's certificate). */
  hygienePassportUntil: date('hygiene_passport_until', { mode: 'string' }),
  /** When the person's name, email, phone and passport date were replaced by a pseudonym (`POST /users/:id/erase`). */
  erasedAt: instant('erased_at'),
  createdAt: createdAt(),
}, (t) => [
  check('users_point_lead_has_point', sql`(${t.role} = 'point_lead') = (${t.pointId} is not null)`),
]);

/** Bearer tokens are stored only as a SHA-256 hash. */
export const authTokens = pgTable('auth_tokens', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull().unique(),
  expiresAt: instant('expires_at').notNull(),
  revokedAt: instant('revoked_at'),
  createdAt: createdAt(),
}, (t) => [index('auth_tokens_expires_idx').on(t.expiresAt)]);

/** Idempotency records: written in the same transaction as the work they answer for. */
export const idempotencyKeys = pgTable('idempotency_keys', {
  /** The caller: a user, or a donor link (whose sessions are not users), hence no foreign key. */
  userId: uuid('user_id').notNull(),
  key: text('key').notNull(),
  method: text('method').notNull(),
  path: text('path').notNull(),
  requestHash: text('request_hash').notNull(),
  responseStatus: integer('response_status').notNull(),
  responseBody: jsonb('response_body'),
  /** When a stored answer holding contact details was emptied (`ANSWER_WITH_CONTACTS_DAYS` after it was written). */
  answerPurgedAt: instant('answer_purged_at'),
  createdAt: createdAt(),
  expiresAt: instant('expires_at').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_expires_idx').on(t.expiresAt)]);

/**
 * One-time password reset codes a coordinator gives a volunteer (read out or sent by hand).
 * Stored only as a SHA-256 hash; used once, and void after `expiresAt` or a newer code.
 */
export const passwordResets = pgTable('password_resets', {
  id: id(),
  userId: uuid('user_id').notNull().references(() => users.id),
  codeHash: text('code_hash').notNull().unique(),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  expiresAt: instant('expires_at').notNull(),
  usedAt: instant('used_at'),
  createdAt: createdAt(),
}, (t) => [index('password_resets_user_idx').on(t.userId)]);
