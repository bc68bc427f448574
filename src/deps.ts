import type { Logger } from 'pino';
import { jobsInProcess, type Config } from './config.ts';
import { openDatabase, type Database, type PgliteArtifacts } from './db/client.ts';
import { runMigrations, underStartupLock } from './db/migrate.ts';
import { createOutboxDispatcher, type OutboxDispatcher } from './jobs/outbox.ts';
import { createBullRunner, createInProcessRunner, type JobRunner } from './jobs/runner.ts';
import { ensureBootstrapAdmin } from './modules/users/users.service.ts';

/**
 * The composition root: everything a process needs, built once, closed once. It builds the job
 * runner but does not start it: the entry points do (`startJobs` in src/jobs/processors), since
 * the processors themselves take these deps.
 */
export interface Deps {
  config: Config;
  log: Logger;
  database: Database;
  runner: JobRunner;
  outbox: OutboxDispatcher;
  /** Injectable clock, so tests and domain code never read the wall clock themselves. */
  now: () => Date;
  close(): Promise<void>;
}

export interface DepsOptions {
  loadDataDir?: Blob;
  pgliteArtifacts?: PgliteArtifacts;
  now?: () => Date;
}

export async function createDeps(config: Config, log: Logger, opts: DepsOptions = {}): Promise<Deps> {
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR, poolSize: config.DATABASE_POOL_SIZE, loadDataDir: opts.loadDataDir, pgliteArtifacts: opts.pgliteArtifacts,
  });
  await runMigrations(database);
  await underStartupLock(database, (tx) => ensureBootstrapAdmin(tx, config, log));

  const inProcess = jobsInProcess(config);
  const runner = inProcess || !config.REDIS_URL
    ? createInProcessRunner(log)
    : createBullRunner({ redisUrl: config.REDIS_URL, prefix: config.REDIS_PREFIX, log, lockDurationMs: config.WORKER_LOCK_DURATION_MS });
  const outbox = createOutboxDispatcher(database, runner, log);
  const deps: Deps = {
    config, log, database, runner, outbox,
    now: opts.now ?? (() => new Date()),
    async close() {
      await outbox.close();
      await runner.close();
      await database.close();
    },
  };
  return deps;
}
