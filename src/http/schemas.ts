import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { EARLIEST_DATE, LATEST_DATE, isSaneDate, isSaneInstant, type WindowVerdict } from '../domain/date-window.ts';
import { AppError } from '../errors.ts';

/** Kilograms at the HTTP edge: positive, finite, at most 3 decimals (whole grams inside). */
export const kg = z.number().finite().refine((v) => Math.abs(Math.round(v * 1000) - v * 1000) < 1e-6, 'must have at most 3 decimals');
export const positiveKg = kg.refine((v) => v > 0, 'must be greater than 0');
export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm');
const SANE_YEARS = `must be between ${EARLIEST_DATE} and ${LATEST_DATE}`;
/** A calendar date `YYYY-MM-DD` in the years the API accepts (see domain/date-window). */
export const localDate = z.iso.date().refine(isSaneDate, SANE_YEARS);
/** An ISO 8601 instant with an offset, on a day in the years the API accepts. */
export const instant = z.iso.datetime({ offset: true }).refine((s) => isSaneInstant(new Date(s)), SANE_YEARS);
/** A phone number in any usual Finnish or international form; stored as E.164 (`+358401234567`). */
export const phoneNumber = z.string().trim().max(50)
  .refine((v) => parsePhoneNumberFromString(v, 'FI')?.isValid() === true, 'must be a phone number, e.g. +358 40 123 4567');
export const toE164 = (v: string) => parsePhoneNumberFromString(v, 'FI')!.number;
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

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

/** Turns a refused date-window verdict into the same 400 a schema gives, at the field's path. */
export function assertInWindow(verdict: WindowVerdict, path: string): void {
  if (verdict.ok) return;
  const where = path.split('.')[0];
  throw new AppError('validation_failed', 400, `Invalid ${where}: ${path} ${verdict.message}`, { errors: [{ path, message: verdict.message }] });
}

export const gToKg = (g: number) => g / 1000;
export const kgToG = (v: number) => Math.round(v * 1000);
