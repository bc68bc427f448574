import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import type { backupRuns } from '../../db/schema/index.ts';
import { latestBackups } from '../../ops/backup.ts';

type Run = typeof backupRuns.$inferSelect;

const toDto = (r: Run) => ({
  trigger: r.trigger, startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt.toISOString(), ok: r.ok,
  ...(r.file ? { file: r.file } : {}), ...(r.bytes !== null ? { bytes: r.bytes } : {}), ...(r.sha256 ? { sha256: r.sha256 } : {}),
  ...(r.schemaVersion ? { schemaVersion: r.schemaVersion } : {}), pruned: r.pruned, ...(r.error ? { error: r.error } : {}),
});

/** `GET /backups/latest`: what coordinators see of the backups. */
export async function latestBackup(deps: { config: Config; database: Database }) {
  const { latest, success } = await latestBackups(deps.database);
  return {
    nightly: Boolean(deps.config.BACKUP_DIR),
    ...(deps.config.BACKUP_DIR ? { schedule: deps.config.BACKUP_CRON } : {}),
    keep: deps.config.BACKUP_KEEP,
    ...(latest ? { latest: toDto(latest) } : {}),
    ...(success ? { lastSuccess: toDto(success) } : {}),
  };
}
