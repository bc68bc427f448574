import { z } from 'zod';
import { localDate, pageQuery, phoneNumber, displayName } from '../../http/schemas.ts';
import { ROLES } from '../auth/actor.ts';

export const NOTIFY = ['email', 'sms', 'none'] as const;
export const LOCALES = ['fi', 'en'] as const;

export const userSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  pointId: z.uuid().optional(),
  organisationId: z.uuid().optional(),
  phone: z.string().optional(),
  notify: z.enum(NOTIFY),
  locale: z.enum(LOCALES),
  hygienePassportUntil: localDate.optional(),
  active: z.boolean(),
  /** When the person was erased (`POST /users/:id/erase`): name and email are then a pseudonym. */
  erasedAt: z.iso.datetime({ offset: true }).optional(),
});

const volunteerFields = {
  phone: phoneNumber.optional(),
  notify: z.enum(NOTIFY).optional(),
  locale: z.enum(LOCALES).optional(),
  hygienePassportUntil: localDate.optional(),
};

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name: displayName(200),
  role: z.enum(ROLES),
  password: z.string().min(10).max(200),
  pointId: z.uuid().optional(),
  organisationId: z.uuid().optional().describe('The organisation the user volunteers for'),
  ...volunteerFields,
});

/** A coordinator's edit of a volunteer; `null` clears phone, passport or organisation. */
export const updateUserBody = z.strictObject({
  name: displayName(200).optional(),
  phone: phoneNumber.nullable().optional(),
  notify: z.enum(NOTIFY).optional(),
  locale: z.enum(LOCALES).optional(),
  hygienePassportUntil: localDate.nullable().optional(),
  active: z.boolean().optional(),
  organisationId: z.uuid().nullable().optional().describe('The organisation the user volunteers for; null: none'),
});

/** What a user may change about themself. */
export const updateMeBody = updateUserBody.pick({ phone: true, notify: true, locale: true });

export const rosterQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  /** Users bound to this point, or signed up for a shift at this site. */
  siteId: z.uuid().optional(),
  /** Users whose hygiene passport ends before this date (those with none are left out). */
  passportExpiringBefore: localDate.optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
});

const at = z.string().optional();
/** Everything Kassi holds about one person (`GET /users/:id/personal-data`, `GET /me/personal-data`). */
export const personalDataSchema = z.object({
  account: userSchema.extend({ createdAt: at, erasedAt: at }),
  sessions: z.array(z.object({ createdAt: at, expiresAt: at, revokedAt: at })),
  passwordResets: z.array(z.object({ createdAt: at, expiresAt: at, usedAt: at })),
  shiftSignups: z.array(z.object({ shiftId: z.uuid(), kind: z.string(), siteId: z.uuid(), start: at, end: at, signedUpAt: at, cancelledAt: at })),
  hours: z.array(z.object({ shiftId: z.uuid(), present: z.boolean(), minutes: z.number().int(), recordedAt: at })),
  notifications: z.array(z.object({ kind: z.string(), title: z.string(), body: z.string(), channel: z.string().optional(), status: z.string(), createdAt: at, sentAt: at, readAt: at, purgedAt: at })),
  auditAsActor: z.array(z.object({ at, entity: z.string(), entityId: z.string(), action: z.string() })),
  auditOfAccount: z.array(z.object({ at, actorId: z.string().optional(), action: z.string(), changed: z.array(z.string()) })),
  recordsMade: z.object({ intakes: z.number().int(), packingRuns: z.number().int(), reservations: z.number().int(), distributions: z.number().int(), temperatureReadings: z.number().int(), stopsCompleted: z.number().int() }),
  idempotencyRecords: z.number().int(),
});
