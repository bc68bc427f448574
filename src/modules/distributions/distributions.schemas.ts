import { z } from 'zod';
import { MAX_NOTE_LENGTH } from '../../domain/distributions.ts';
import { dateWindow, localDate, pageQuery } from '../../http/schemas.ts';

/** A count: a whole number, not negative. The day's bounds are domain rules (422). */
const count = z.number().int().min(0);

export const createDistributionBody = z.strictObject({
  date: localDate.describe('The local day of the distribution; not in the future'),
  households: count.describe('Households served'),
  persons: count.optional().describe('Persons in those households (at least the households)'),
  children: count.optional().describe('Of the persons, children under 18'),
  seniors: count.optional().describe('Of the persons, seniors 65 or over'),
  bagsHandedOut: count,
  note: z.string().trim().max(MAX_NOTE_LENGTH).optional().describe('Counts only: a personal identity code, a phone number or an email address is refused (422)'),
  supersedes: z.uuid().optional().describe('A correction: the record this one replaces (its history is kept). It must be the same point\'s current '
    + 'record of the same `date` (422 `correction_other_day` otherwise): a record on the wrong day is corrected to zero households and bags on its own day, '
    + 'and the right day recorded anew'),
});
export type CreateDistributionBody = z.infer<typeof createDistributionBody>;

export const distributionSchema = z.object({
  id: z.uuid(),
  pointId: z.uuid(),
  date: z.string(),
  households: z.number().int(),
  persons: z.number().int().optional(),
  children: z.number().int().optional(),
  seniors: z.number().int().optional(),
  bagsHandedOut: z.number().int(),
  note: z.string().optional(),
  supersedes: z.uuid().optional(),
  supersededBy: z.uuid().optional().describe('Set on a record a later correction replaced (with history=true)'),
  recordedBy: z.uuid(),
  recordedAt: z.string(),
});
export type DistributionDto = z.infer<typeof distributionSchema>;

export const listDistributionsQuery = dateWindow(z.strictObject({
  from: localDate.optional(),
  to: localDate.optional(),
  history: z.enum(['true', 'false']).default('false').transform((v) => v === 'true')
    .describe('Also list the records later corrections superseded'),
  ...pageQuery,
}));
