import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { startJobs } from './jobs/processors/index.ts';
import { createLogger } from './log.ts';

let config;
try {
  config = loadConfig();
  if (!config.REDIS_URL || !config.DATABASE_URL) {
    throw new ConfigError('Invalid environment variable REDIS_URL: the worker needs REDIS_URL and DATABASE_URL (embedded mode runs jobs in the API process)');
  }
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

const log = createLogger(config, 'kassi-worker');
const deps = await createDeps({ ...config, RUN_JOBS_IN_PROCESS: false }, log);
await startJobs(deps, 'worker');
log.info({ jobs: deps.runner.kind }, 'kassi worker ready');

closeWithGrace({ delay: 60_000, logger: log }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'closing after error');
  else log.info({ signal }, 'worker shutting down: finishing running jobs');
  await deps.close();
});
