import { z } from 'zod';
import { CATEGORIES } from '../../domain/categories.ts';
import { OFFER_DECLINE_REASONS, OFFER_MAX_KG } from '../../domain/donors.ts';
import { check, dateWindow, displayName, hhmm, instant, localDate, pageQuery, phoneNumber, positiveKg, temperatureClass } from '../../http/schemas.ts';

export const donorLinkParams = z.object({ id: z.uuid(), linkId: z.uuid() });

export const createDonorLinkBody = z.strictObject({
  name: displayName(120).describe('Who the link is for, e.g. "Myymäläpäällikkö Laura"'),
  phone: phoneNumber.optional().describe('Where the offer outcomes are sent by SMS'),
  email: z.email().max(254).optional().describe('Where the offer outcomes are sent by email (before the phone)'),
});

export const donorLinkSchema = z.object({
  id: z.uuid(), siteId: z.uuid(), name: z.string(), phone: z.string().optional(), email: z.string().optional(),
  createdAt: z.string(), revokedAt: z.string().optional(), active: z.boolean(),
  erased: z.boolean().describe('The contact person was erased (`…/erase`): no phone, no email, a pseudonym for a name'),
});
export const createdDonorLinkSchema = donorLinkSchema.extend({
  token: z.string().describe('The link\'s secret, shown only now (stored only as its hash)'),
  path: z.string().describe('The donor\'s page with the token in its fragment (`/app/lahjoittaja#t=<token>`), to send to the donor'),
});

export const donorLinkBody = z.strictObject({ token: z.string().trim().min(20).max(200) });

export const donorPickupsQuery = dateWindow(z.strictObject({
  from: localDate.optional().describe('First local day; default today'),
  to: localDate.optional().describe('Last local day, inclusive; default 13 days after `from` (at most 62 days)'),
}), { maxYears: 1 });

export const donorPickupSchema = z.object({
  date: z.string(), scheduleId: z.uuid(), windowStart: z.string().describe('HH:mm'), windowEnd: z.string().describe('HH:mm'),
  skipped: z.boolean(), skipId: z.uuid().optional(),
  cutoff: z.string().describe('Until this instant the pickup may be skipped (and the skip undone)'),
  canSkip: z.boolean(), kgCollected: z.number().optional().describe('A past pickup: the kilos the driver recorded'),
});

export const skipBody = z.strictObject({ date: localDate, scheduleId: z.uuid() });
export const skipSchema = z.object({
  id: z.uuid(), donorId: z.uuid(), scheduleId: z.uuid(), date: z.string(), createdAt: z.string(), cancelledAt: z.string().optional(),
});

export const offerBody = z.strictObject({
  kg: positiveKg.refine((v) => v <= OFFER_MAX_KG, check('atMostKg', OFFER_MAX_KG)).describe(`Estimate, more than 0 and at most ${OFFER_MAX_KG} kg`),
  temperatureClass,
  categories: z.array(z.enum(CATEGORIES)).min(1).max(CATEGORIES.length).refine((c) => new Set(c).size === c.length, check('categoriesRepeat')),
  readyFrom: instant.describe('When it is ready to be picked up'),
  readyUntil: instant.describe('Until when it can be picked up; after readyFrom, not in the past'),
  note: z.string().trim().max(1000).optional(),
}).refine((b) => Date.parse(b.readyUntil) > Date.parse(b.readyFrom), { ...check('readyUntilAfterFrom'), path: ['readyUntil'] });

export const coordinatorOfferBody = z.strictObject({
  donorId: z.uuid(),
  kg: offerBody.shape.kg, temperatureClass, categories: offerBody.shape.categories, readyFrom: offerBody.shape.readyFrom,
  readyUntil: offerBody.shape.readyUntil, note: offerBody.shape.note,
}).refine((b) => Date.parse(b.readyUntil) > Date.parse(b.readyFrom), { ...check('readyUntilAfterFrom'), path: ['readyUntil'] });

export const acceptBody = z.strictObject({
  date: localDate.describe('The day of the pickup'),
  window: z.strictObject({ start: hhmm, end: hhmm }).refine((w) => w.end > w.start, { ...check('windowEndAfterStart'), path: ['end'] }).optional()
    .describe('The pickup window on that day; default: the part of the offer\'s ready window on that day'),
});
export const declineBody = z.strictObject({ reason: z.enum(OFFER_DECLINE_REASONS), note: z.string().trim().max(500).optional() });

export const offerStatus = z.enum(['open', 'accepted', 'declined']);
export const offersQuery = z.strictObject({ status: offerStatus.optional(), donorId: z.uuid().optional(), ...pageQuery });

const sameDaySchema = z.object({
  status: z.enum(['no_plan', 'unchanged', 'added', 'removed', 'replanned', 'refused']),
  planId: z.uuid().optional(), version: z.number().optional(), routeId: z.uuid().optional(), stopId: z.uuid().optional(),
  arrival: z.string().optional(), reason: z.string().optional(),
}).describe('What the change did to the day\'s plan: today\'s or a later day\'s published plan takes the stop (`added`), a later day\'s plan made but not published is planned again (`replanned`), a day not planned yet reads it when planned (`no_plan`)');

export const offerSchema = z.object({
  id: z.uuid(), donorId: z.uuid(), donorName: z.string(), kg: z.number(), temperatureClass, categories: z.array(z.string()),
  readyFrom: z.string(), readyUntil: z.string(), note: z.string().optional(), createdAt: z.string(),
  source: z.enum(['link', 'phone']),
  status: offerStatus,
  pickup: z.object({ date: z.string(), windowStart: z.string(), windowEnd: z.string(), taskId: z.string() }).optional(),
  declineReason: z.enum(OFFER_DECLINE_REASONS).optional(), declineNote: z.string().optional(), decidedAt: z.string().optional(),
  kgCollected: z.number().optional().describe('What the driver collected at the one-off pickup'),
  message: z.string().optional().describe('What the donor was told ("Noudamme ti 9.12. klo 11–12")'),
  sameDay: sameDaySchema.optional(),
});

/** What a donor sees of its own offer: no coordinator's note, nobody's name. */
export const donorOfferSchema = offerSchema.omit({ donorName: true, declineNote: true, sameDay: true, source: true });

export const donorReportQuery = dateWindow(z.strictObject({ from: localDate, to: localDate }), { maxYears: 5 });
export const donorReportSchema = z.object({
  from: z.string(), to: z.string(),
  items: z.array(z.object({
    donorId: z.uuid(), donorName: z.string(),
    offers: z.number(), kgOffered: z.number(), kgAccepted: z.number(), kgCollected: z.number(), kgDeclined: z.number(), kgOpen: z.number(),
    kgDeclinedByReason: z.record(z.string(), z.number()),
    scheduledPickups: z.number().describe('Pickups the schedules had in the period'),
    skips: z.number().describe('Of them, how many the donor said had nothing'),
  })),
});

const at = z.string().optional();
/** Everything Kassi holds about a donor's contact person (`GET /sites/:id/donor-links/:linkId/personal-data`). */
export const donorLinkPersonalDataSchema = z.object({
  link: donorLinkSchema,
  sessions: z.array(z.object({ createdAt: at, expiresAt: at })),
  messages: z.array(z.object({ offerId: z.uuid().optional(), channel: z.string(), text: z.string(), status: z.string(), createdAt: at, sentAt: at }))
    .describe('The offer outcomes sent to the link by email or SMS'),
  offers: z.array(offerSchema).describe('The offers made through the link'),
  skips: z.array(z.object({ id: z.uuid(), scheduleId: z.uuid(), date: z.string(), createdAt: at, cancelledAt: at })).describe('The pickups skipped through the link'),
  audit: z.array(z.object({ at, actorId: z.string().optional(), action: z.string(), changed: z.array(z.string()) })),
});
