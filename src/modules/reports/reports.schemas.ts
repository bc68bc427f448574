import { z } from 'zod';
import { REFUSAL_REASONS, type RefusalReason } from '../../domain/categories.ts';
import { csvLocale } from '../../i18n/csv.ts';
import { MAX_REPORT_YEARS } from '../../domain/date-window.ts';
import { dateWindow, localDate } from '../../http/schemas.ts';

export const reportDimension = z.enum(['point', 'donor', 'category', 'bagType', 'organisation'])
  .describe('`organisation` counts each figure under the organisation of the site it belongs to (key `none`: a site of no organisation): '
    + 'kg in, discarded, adjusted and refused under the donor\'s, bags and kg packed under the depot\'s, bags and kg delivered under the point\'s '
    + '(bags delivered on no point\'s reservation under the depot\'s). Every figure\'s organisation rows add up to the network total.');
export const reportPeriod = z.enum(['day', 'week', 'month']);

const range = {
  from: localDate.describe('First local day (Europe/Helsinki), inclusive'),
  to: localDate.describe(`Last local day, inclusive; not before \`from\` (400 invalid_range), less than ${MAX_REPORT_YEARS} years after it (400 range_too_long)`),
  depotId: z.uuid().optional().describe('One depot; all depots when left out'),
};
/** A report's window: `to` not before `from`, and under MAX_REPORT_YEARS after it. */
const reportWindow = <T extends z.ZodType<{ from: string; to: string }>>(schema: T) => dateWindow(schema, { maxYears: MAX_REPORT_YEARS });

export const talliesQuery = reportWindow(z.strictObject({
  ...range,
  period: reportPeriod.default('month').describe('day, ISO week (YYYY-Www) or local month (YYYY-MM)'),
  by: reportDimension,
  locale: csvLocale,
}));
export type TalliesQuery = z.infer<typeof talliesQuery>;

export const summaryQuery = reportWindow(z.strictObject(range));
export type SummaryQuery = z.infer<typeof summaryQuery>;

export const chartQuery = reportWindow(z.strictObject({
  ...range,
  by: reportDimension.optional(),
  period: reportPeriod.default('week').describe('Bars per day, ISO week or local month, as the tallies take it'),
  locale: z.enum(['fi', 'en']).optional().describe('Language of the chart; by `Accept-Language` when left out (Finnish for `fi`, else English)'),
}));
export type ChartQuery = z.infer<typeof chartQuery>;

export const kgByReason = z.object({
  spoiled: z.number(), expired: z.number(), temperature: z.number(), recall: z.number(), other: z.number(),
});

export const tallyItem = z.object({
  period: z.string(),
  key: z.string(),
  name: z.string().optional(),
  kgIn: z.number(),
  kgDiscarded: z.number(),
  kgDiscardedByReason: kgByReason,
  kgAdjusted: z.number(),
  kgRefused: z.number().describe('Turned away at receipt (donor and category rows; never stock, outside the mass balance)'),
  kgRefusedByReason: z.object(Object.fromEntries(REFUSAL_REASONS.map((r) => [r, z.number()])) as Record<RefusalReason, z.ZodNumber>),
  bagsPacked: z.number().int(),
  kgPacked: z.number(),
  bagsDelivered: z.number().int(),
  kgDelivered: z.number(),
});
export type TallyItem = z.infer<typeof tallyItem>;

export const talliesResponse = z.object({ items: z.array(tallyItem) });

export const summarySchema = z.object({
  from: z.string(),
  to: z.string(),
  depotId: z.uuid().optional(),
  kgIn: z.number(),
  kgInProducers: z.number().describe('Of kgIn, what came from donors of kind producer'),
  kgDiscarded: z.number(),
  kgDiscardedByReason: kgByReason,
  kgAdjusted: z.number().describe('Signed: positive corrections added stock'),
  bagsPacked: z.number().int(),
  kgPacked: z.number().describe('Kilos that left the lots into bags (ledger)'),
  bagsDelivered: z.number().int(),
  kgDelivered: z.number(),
  pointsServed: z.number().int(),
  averageKgPerBag: z.number().nullable().describe('kgDelivered / bagsDelivered (null without deliveries)'),
  stockKgStart: z.number(),
  stockKgEnd: z.number(),
  kgRefused: z.number().describe('Food turned away at receipt (never stock: outside the mass balance)'),
  massBalanceDifferenceKg: z.number().describe('kgIn + kgAdjusted − kgPacked − kgDiscarded − (stockKgEnd − stockKgStart); 0 for a sound ledger'),
});
export type Summary = z.infer<typeof summarySchema>;

const printable = { locale: z.enum(['fi', 'en']).default('fi').describe('Language of the printable page; CSV style (`fi`: semicolons, decimal commas)') };

export const funderQuery = reportWindow(z.strictObject({ from: range.from, to: range.to, ...printable }));
export type FunderQuery = z.infer<typeof funderQuery>;

const servedFields = {
  pointsActive: z.number().int().describe('Points with a delivered bag or a distribution record in the period'),
  bagsDelivered: z.number().int(),
  kgOut: z.number().describe('Kilos delivered to the points in bags (the weights of the delivered bags)'),
  households: z.number().int(),
  persons: z.number().int(),
  children: z.number().int(),
  seniors: z.number().int(),
  bagsHandedOut: z.number().int().describe("Bags the points handed out, from their distribution records"),
  distributions: z.number().int().describe('Distribution records counted (current ones; corrections replace what they supersede)'),
};

export const funderReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  kgIn: z.number(),
  kgDiscarded: z.number(),
  bagsPacked: z.number().int(),
  ...servedFields,
  organisationsActive: z.number().int().describe('Organisations running at least one active point'),
  volunteersActive: z.number().int().describe('Volunteers present at a shift at least once (attendance)'),
  volunteerHours: z.number().describe('Hours of attendance, two decimals'),
  newVolunteers: z.number().int().describe('Volunteers whose first attended shift ever was in the period'),
  byOrganisation: z.array(z.object({
    organisationId: z.uuid().optional(), name: z.string().optional(),
    /** Whether the organisation has a food-aid registration; false (also for points without an organisation) flags its points. */
    foodAidRegistered: z.boolean(),
    ...servedFields,
  })),
});
export type FunderReport = z.infer<typeof funderReportSchema>;

export const certificateQuery = funderQuery;

export const certificateSchema = z.object({
  donorId: z.uuid(),
  donorName: z.string(),
  from: z.string(),
  to: z.string(),
  months: z.array(z.object({ month: z.string(), category: z.string(), kgReceived: z.number() })),
  byCategory: z.array(z.object({ category: z.string(), kgReceived: z.number() })),
  kgReceived: z.number(),
  kgRefused: z.number().describe('Food of this donor turned away at receipt (never stock)'),
  refusedByReason: z.array(z.object({ reason: z.enum(REFUSAL_REASONS), kgRefused: z.number() })),
  co2eAvoidedKg: z.number(),
  co2eFactorKgPerKg: z.number(),
  co2eFactorSource: z.string(),
});
export type Certificate = z.infer<typeof certificateSchema>;

export const distributionsReportQuery = reportWindow(z.strictObject({
  from: range.from,
  to: range.to,
  period: reportPeriod.default('month'),
  by: z.enum(['point', 'organisation']).default('point'),
}));

export const distributionsReportResponse = z.object({
  items: z.array(z.object({
    period: z.string(),
    key: z.string().describe('The point id, or the organisation id (`none` for points without one)'),
    name: z.string().optional(),
    households: z.number().int(),
    persons: z.number().int(),
    children: z.number().int(),
    seniors: z.number().int(),
    bagsHandedOut: z.number().int(),
    distributions: z.number().int(),
  })),
});
