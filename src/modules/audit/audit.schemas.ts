import { z } from 'zod';
import { AUDIT_ENTITIES } from '../../domain/audit.ts';
import { csvLocale } from '../../i18n/csv.ts';
import { dateWindow, listOf, localDate, pageQuery } from '../../http/schemas.ts';

export const auditQuery = dateWindow(z.strictObject({
  from: localDate.optional().describe('first local day (Europe/Helsinki), inclusive'),
  to: localDate.optional().describe('last local day, inclusive'),
  actor: z.uuid().optional().describe('the user who made the changes'),
  entity: z.enum(AUDIT_ENTITIES).optional().describe('what was changed'),
  entityId: z.string().max(100).optional().describe('the id of the one thing changed'),
  locale: csvLocale,
  ...pageQuery,
}));

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.uuid().optional().describe('absent: the system (start-up, a job, the command line)'),
  actorName: z.string().optional().describe('the actor as named now'),
  actorRole: z.string().optional(),
  entity: z.enum(AUDIT_ENTITIES),
  entityId: z.string(),
  action: z.string(),
  changed: z.array(z.string()).describe('fields whose values changed (masked fields too)'),
  before: z.record(z.string(), z.unknown()).optional().describe('personal fields read `***`'),
  after: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string().optional(),
});

export const auditListSchema = listOf(auditEntrySchema);
