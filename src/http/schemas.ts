import { z } from 'zod';
import { EARLIEST_DATE, LATEST_DATE, checkDateRange, isSaneDate, isSaneInstant } from '../domain/date-window.ts';
import { en, type Messages, type Text } from '../i18n/messages.ts';
import { isCallablePhone } from '../domain/contact.ts';
import { MAX_EXACT_KG, isExactKg } from '../domain/weight.ts';

type Checks = Messages['check'];
/**
 * Options of a schema's own check (`.refine(fn, check('atMostKg', 50))`): the English text,
 * and the catalogue key and arguments the problem handler puts into the caller's language.
 * A check without arguments is also found by its English text, so `.regex(re, check(...).message)` works.
 */
export function check<K extends keyof Checks>(key: K, ...args: Parameters<Checks[K]>) {
  const text = (en.check[key] as (...a: unknown[]) => string)(...args);
  return { message: text, params: { check: [key, ...args] } };
}

/**
 * Kilograms at the HTTP edge: finite, at most 3 decimals (whole grams inside), judged by the
 * domain's own `isExactKg`, so `kgToGrams` never throws on what passes. An amount too heavy to
 * be counted in grams at all is left to the field's own bound (`atMostKg`), which names it.
 */
export const kg = z.number().finite().refine((v) => Math.abs(v) > MAX_EXACT_KG || isExactKg(v), check('atMost3Decimals'));
export const positiveKg = kg.refine((v) => v > 0, check('greaterThanZero'));
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, check('hhmm').message);
const SANE_YEARS = check('betweenDates', EARLIEST_DATE, LATEST_DATE);
/** A calendar date `YYYY-MM-DD` in the years the API accepts (see domain/date-window). */
export const localDate = z.iso.date().refine(isSaneDate, SANE_YEARS);
/** An ISO 8601 instant with an offset, on a day in the years the API accepts. */
export const instant = z.iso.datetime({ offset: true }).refine((s) => isSaneInstant(new Date(s)), SANE_YEARS);
/** A phone number in any usual Finnish or international form (see domain/contact `isCallablePhone`); stored as E.164 (`+358401234567`). */
export const phoneNumber = z.string().trim().max(50).refine(isCallablePhone, check('phoneNumber'));
/**
 * Characters a name never holds: control characters (line breaks and tabs among them), the line
 * and paragraph separators, and the bidirectional controls that make text display in another
 * order than it is stored (a name that reads one way on screen and another in a CSV).
 */
const UNPRINTABLE = /[\p{Cc}\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
/** A person's, site's or organisation's name: trimmed, 1 to `max` characters, one printable line. */
export const displayName = (max: number) => z.string().trim().min(1).max(max).refine((v) => !UNPRINTABLE.test(v), check('printableName'));
export const weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export const idParams = z.object({ id: z.uuid() });
/** For actions that take no input: no body, or an empty object (anything else is 400). */
export const noBody = z.strictObject({}).nullish();
export const temperatureClass = z.enum(['ambient', 'chilled', 'frozen']);
/** `?depotId=`: one depot, or every depot when left out. */
export const depotQuery = z.strictObject({ depotId: z.uuid().optional() });

export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
}).loose();

/** Responses every authenticated route may give besides its own. */
export const commonErrors = {
  400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema, 409: problemSchema, 422: problemSchema,
} as const;

/** `?limit=&cursor=` of a keyset-paged list (`nextCursor` of the previous page). */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
};

/** A list with nothing to filter by: only its page. */
export const pageOnlyQuery = z.strictObject(pageQuery);
/** A list of one depot's things, or every depot's, a page at a time. */
export const depotListQuery = z.strictObject({ ...depotQuery.shape, ...pageQuery });

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

/**
 * What a schema's own issue may carry besides `check`: its field text as a catalogue {@link Text},
 * and the problem (`code`, `detail`) the answer takes when every issue of the request is of that problem.
 */
export interface IssueParams {
  check?: [string, ...unknown[]];
  text?: Text;
  problem?: { code: string; detail: Text };
}

/**
 * The `?from=&to=` window of a query (local days, inclusive), checked alike on every route: `to`
 * before `from` is 400 `invalid_range`, and with `maxYears` a longer window is 400
 * `range_too_long`, both reported at `querystring.to` (domain/date-window's checkDateRange). The
 * schema gives `from` and `to` themselves, required or optional; an open end is no window to check.
 */
export function dateWindow<T extends z.ZodType<{ from?: string; to?: string }>>(schema: T, opts: { maxYears?: number } = {}): T {
  return schema.superRefine((q, ctx) => {
    if (q.from === undefined || q.to === undefined) return;
    const verdict = checkDateRange(q.from, q.to, opts);
    if (verdict.ok) return;
    const params: IssueParams = { text: verdict.message, problem: { code: verdict.code, detail: verdict.detail } };
    ctx.addIssue({ code: 'custom', path: ['to'], message: verdict.message(en), params });
  });
}

