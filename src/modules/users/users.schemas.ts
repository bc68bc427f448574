import { z } from 'zod';
import { localDate, pageQuery, phoneNumber } from '../../http/schemas.ts';
import { ROLES } from '../../plugins/access.ts';

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
});

const volunteerFields = {
  phone: phoneNumber.optional(),
  notify: z.enum(NOTIFY).optional(),
  locale: z.enum(LOCALES).optional(),
  hygienePassportUntil: localDate.optional(),
};

export const createUserBody = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  password: z.string().min(10).max(200),
  pointId: z.uuid().optional(),
  organisationId: z.uuid().optional().describe('The organisation the user volunteers for'),
  ...volunteerFields,
});

/** A coordinator's edit of a volunteer; `null` clears phone, passport or organisation. */
export const updateUserBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
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
