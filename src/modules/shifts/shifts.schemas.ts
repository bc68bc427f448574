import { z } from 'zod';
import { MAX_SHIFT_HOURS, MAX_WEEKLY_OCCURRENCES, SHIFT_KINDS } from '../../domain/shifts.ts';
import { check, dateWindow, instant, localDate, pageQuery } from '../../http/schemas.ts';

export const shiftKind = z.enum(SHIFT_KINDS);

export const createShiftBody = z.strictObject({
  siteId: z.uuid(),
  kind: shiftKind,
  start: instant,
  end: instant,
  needed: z.number().int().min(1).max(100),
  note: z.string().trim().max(500).optional(),
  /** The same shift every week, this many times in all (the first included), on the same Helsinki wall-clock times. */
  weeks: z.number().int().min(1).max(MAX_WEEKLY_OCCURRENCES).optional(),
}).refine((b) => Date.parse(b.end) > Date.parse(b.start), { ...check('afterStart'), path: ['end'] })
  .refine((b) => Date.parse(b.end) - Date.parse(b.start) <= MAX_SHIFT_HOURS * 3600_000, { ...check('shiftAtMostHours', MAX_SHIFT_HOURS), path: ['end'] });

export const listShiftsQuery = dateWindow(z.strictObject({
  /** First and last Helsinki date of the shifts' start (default: today and the 13 days after). */
  from: localDate.optional(),
  to: localDate.optional(),
  siteId: z.uuid().optional(),
  kind: shiftKind.optional(),
  /** Only shifts that still lack people (and have not started). */
  short: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  /** Only shifts I am signed up for. */
  mine: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...pageQuery,
}));

export const signupSchema = z.object({
  userId: z.uuid(),
  name: z.string(),
  signedUpAt: z.string(),
});

/** One attendance record as history keeps it. */
export const attendanceRecordSchema = z.object({
  id: z.uuid(),
  present: z.boolean(),
  minutes: z.number().int(),
  recordedAt: z.string(),
  recordedBy: z.uuid().optional(),
  supersedes: z.uuid().optional().describe('The record this one corrected'),
});

/** A volunteer's current attendance on a shift (the latest record), with the records it corrected. */
export const attendanceSchema = attendanceRecordSchema.extend({
  shiftId: z.uuid(),
  userId: z.uuid(),
  history: z.array(attendanceRecordSchema).describe('The earlier records this one corrected, oldest first; they stay as they were recorded'),
});

export const shiftSchema = z.object({
  id: z.uuid(),
  siteId: z.uuid(),
  kind: shiftKind,
  start: z.string(),
  end: z.string(),
  needed: z.number().int(),
  note: z.string().optional(),
  signedUp: z.number().int(),
  short: z.number().int(),
  signedUpByMe: z.boolean(),
  seriesId: z.uuid().optional(),
  routeId: z.uuid().optional(),
  cancelled: z.boolean(),
  /** Who is signed up and their attendance: each volunteer's current record with the records it corrected (coordinators only). */
  signups: z.array(signupSchema).optional(),
  attendance: z.array(attendanceSchema).optional(),
});

export const signupBody = z.strictObject({
  /** Whom to sign up: a coordinator may name anyone; others sign up themselves (default). */
  userId: z.uuid().optional(),
}).nullish();

export const signupResultSchema = z.object({
  shiftId: z.uuid(),
  userId: z.uuid(),
  signedUpAt: z.string(),
  cancelledAt: z.string().optional(),
  shift: shiftSchema,
});

export const shiftUserParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const attendanceBody = z.strictObject({
  userId: z.uuid(),
  present: z.boolean(),
  /** Minutes worked; default the whole shift. A no-show has none. */
  minutes: z.number().int().min(0).max(MAX_SHIFT_HOURS * 60).optional(),
}).refine((b) => b.present || !b.minutes, { ...check('noShowNoMinutes'), path: ['minutes'] });

export const hoursQuery = dateWindow(z.strictObject({
  from: localDate,
  to: localDate,
  period: z.enum(['day', 'week', 'month']).default('month'),
  userId: z.uuid().optional(),
}));

export const hoursSchema = z.object({
  from: z.string(),
  to: z.string(),
  volunteersActive: z.number().int(),
  newVolunteers: z.number().int(),
  totalMinutes: z.number().int(),
  totalHours: z.number(),
  perVolunteer: z.array(z.object({
    userId: z.uuid(), name: z.string(), shifts: z.number().int(), noShows: z.number().int(), minutes: z.number().int(), hours: z.number(),
  })),
  periods: z.array(z.object({ period: z.string(), volunteers: z.number().int(), minutes: z.number().int(), hours: z.number() })),
});

export type ShiftDto = z.infer<typeof shiftSchema>;
export type AttendanceDto = z.infer<typeof attendanceSchema>;
