import { z } from 'zod';
import { instant } from '../../http/schemas.ts';

export const backupRunSchema = z.object({
  trigger: z.enum(['nightly', 'manual']),
  startedAt: instant,
  finishedAt: instant,
  ok: z.boolean(),
  file: z.string().optional().describe('The file in BACKUP_DIR'),
  bytes: z.number().int().optional(),
  sha256: z.string().optional().describe('sha256 of the whole file (`sha256sum FILE`)'),
  schemaVersion: z.string().optional().describe('The newest migration the backup holds'),
  pruned: z.number().int().describe('Older backups removed to keep BACKUP_KEEP'),
  error: z.string().optional().describe('Why it failed'),
});

export const latestBackupSchema = z.object({
  nightly: z.boolean().describe('Whether a nightly backup is set up (BACKUP_DIR set)'),
  schedule: z.string().optional().describe('BACKUP_CRON, Europe/Helsinki'),
  keep: z.number().int().describe('BACKUP_KEEP'),
  latest: backupRunSchema.optional().describe('The newest backup run, failed or not'),
  lastSuccess: backupRunSchema.optional().describe('The newest backup that succeeded'),
});
