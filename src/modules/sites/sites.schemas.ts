import { z } from 'zod';
import { isValidLocalDate } from '../../domain/dates.ts';
import { check, hhmm, pageQuery, phoneNumber, positiveKg, weekday, displayName } from '../../http/schemas.ts';

export const siteKind = z.enum(['depot', 'donor', 'point']);
/** A day of the year `MM-DD` that exists (29 February does, in leap years; 31 April never). */
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, check('mmdd').message).refine((s) => isValidLocalDate(`2000-${s}`), check('realDayOfYear'));

export const siteSchema = z.object({
  id: z.uuid(),
  kind: siteKind,
  name: z.string(),
  municipality: z.string(),
  address: z.string(),
  lat: z.number(),
  lon: z.number(),
  serviceMinutes: z.number().int(),
  opensAt: z.string().optional(),
  closesAt: z.string().optional(),
  depotId: z.uuid().optional(),
  /** The depot that serves a donor or point: `depotId`, else the only depot, else the nearest (absent for depots). */
  servedByDepotId: z.uuid().optional(),
  servedBy: z.enum(['set', 'only_depot', 'nearest_depot']).optional(),
  contact: z.string().optional(),
  contactName: z.string().optional(),
  /** As written (for people to read and dial); a user's phone is kept as E.164 for text messages. */
  phone: z.string().optional(),
  donorKind: z.enum(['shop', 'producer', 'other']).optional(),
  organisationId: z.uuid().optional(),
  /**
   * Points only: whether the organisation that runs the point has a food-aid registration with
   * the municipal food control. False (also for a point with no organisation) flags the point;
   * with `REQUIRE_POINT_REGISTRATION=true` it takes no reservations (409 `point_not_registered`).
   */
  foodAidRegistered: z.boolean().optional(),
  active: z.boolean().describe('false: a deactivated site (a donor\'s links sign nobody in, its pickups are not planned)'),
});

const siteFields = {
  name: displayName(200),
  municipality: displayName(100),
  address: z.string().trim().max(300).default(''),
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  serviceMinutes: z.number().int().min(0).max(240).default(10),
  opensAt: hhmm.optional(),
  closesAt: hhmm.optional(),
  depotId: z.uuid().optional(),
  contact: z.string().max(200).optional(),
  contactName: displayName(200).optional(),
  phone: phoneNumber.optional(),
  donorKind: z.enum(['shop', 'producer', 'other']).optional(),
  organisationId: z.uuid().optional().describe('The organisation that runs the site'),
};

export const createSiteBody = z.strictObject({
  kind: siteKind, ...siteFields,
  lat: siteFields.lat.nullish().describe('Without `lat` and `lon`, the geocoder (`GEOCODER_URL`) finds them from `address` and `municipality`'),
  lon: siteFields.lon.nullish(),
}).refine((b) => (b.lat == null) === (b.lon == null), { ...check('bothOrNeither', 'lat', 'lon'), path: ['lon'] });
export const patchSiteBody = z.strictObject({
  name: siteFields.name, municipality: siteFields.municipality, address: z.string().trim().max(300),
  lat: siteFields.lat, lon: siteFields.lon, serviceMinutes: z.number().int().min(0).max(240),
  opensAt: hhmm.nullable(), closesAt: hhmm.nullable(), depotId: z.uuid().nullable(), contact: z.string().max(200).nullable(),
  contactName: displayName(200).nullable(), phone: phoneNumber.nullable(),
  donorKind: z.enum(['shop', 'producer', 'other']).nullable(), organisationId: z.uuid().nullable(),
  active: z.boolean(),
}).partial().refine((b) => Object.keys(b).length > 0, check('oneFieldToChange'));

export const listSitesQuery = z.strictObject({ kind: siteKind.optional(), ...pageQuery });

export const pickupScheduleSchema = z.object({
  id: z.uuid(),
  donorId: z.uuid(),
  weekdays: z.array(weekday),
  windowStart: z.string(),
  windowEnd: z.string(),
  expectedKg: z.number(),
  requiresRefrigeration: z.boolean(),
  seasonStart: z.string().optional(),
  seasonEnd: z.string().optional(),
});
export const createPickupScheduleBody = z.strictObject({
  weekdays: z.array(weekday).min(1).max(7).refine((d) => new Set(d).size === d.length, check('weekdaysRepeat')),
  windowStart: hhmm,
  windowEnd: hhmm,
  expectedKg: positiveKg.refine((v) => v <= 5000, check('atMostKg', 5000)),
  requiresRefrigeration: z.boolean().default(false),
  seasonStart: monthDay.optional(),
  seasonEnd: monthDay.optional(),
}).refine((b) => b.windowStart < b.windowEnd, { ...check('endAfterStart', 'windowEnd', 'windowStart'), path: ['windowEnd'] })
  .refine((b) => Boolean(b.seasonStart) === Boolean(b.seasonEnd), { ...check('bothOrNeither', 'seasonStart', 'seasonEnd'), path: ['seasonEnd'] });

export const distributionDaySchema = z.object({ id: z.uuid(), pointId: z.uuid(), weekday, start: z.string(), end: z.string() });
export const createDistributionDayBody = z.strictObject({ weekday, start: hhmm, end: hhmm })
  .refine((b) => b.start < b.end, { ...check('endAfterStart', 'end', 'start'), path: ['end'] });
