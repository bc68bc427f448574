import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { serveControl } from './db/control-socket.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { DataDirNotPrivateError } from './db/data-dir-privacy.ts';
import { runMigrations } from './db/migrate.ts';
import { createDeps, type Deps } from './deps.ts';
import { startJobs } from './jobs/processors/index.ts';
import { createLogger } from './log.ts';
import { hasUsers } from './modules/users/users.service.ts';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}

const log = createLogger(config, 'kassi-api');
const started = performance.now();
let deps: Deps;
try {
  deps = await createDeps(config, log);
  await startJobs(deps, 'api');
} catch (err) {
  if (err instanceof DataDirLockedError || err instanceof DataDirNotPrivateError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
  throw err;
}
const { app, metrics } = await buildApp(deps);
await app.listen({ port: config.PORT, host: config.HOST });

let metricsServer: import('fastify').FastifyInstance | undefined;
if (config.METRICS_PORT) {
  metricsServer = Fastify();
  metricsServer.get('/metrics', async (_req: unknown, reply: import('fastify').FastifyReply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  await metricsServer.listen({ port: config.METRICS_PORT, host: '127.0.0.1' });
}
// Embedded on a folder: `npm run seed:demo` hands its work to this process instead of opening DATA_DIR.
const control = deps.database.controlSocket ? await serveControl(deps.database.controlSocket, {
  'seed-demo': async () => (await import('../scripts/seed/essote.ts')).seedDemo(deps.database, { nodeEnv: config.NODE_ENV }),
  'seed-demo-force': async () => (await import('../scripts/seed/essote.ts')).seedDemo(deps.database, { nodeEnv: config.NODE_ENV, force: true }),
  migrate: () => runMigrations(deps.database),
  backup: async () => (await import('./ops/backup.ts')).runBackup(deps, 'manual'),
}, log) : undefined;

const { port } = app.server.address() as import('node:net').AddressInfo;
const url = `http://${['0.0.0.0', '::'].includes(config.HOST) ? 'localhost' : config.HOST}:${port}`;
const noUsers = !(await hasUsers(deps.database.db));
log.info({
  url, port, database: deps.database.kind, jobs: deps.runner.kind, startupMs: Math.round(performance.now() - started),
}, `kassi api ready at ${url}: API documentation at ${url}/docs`);
if (noUsers) {
  log.warn('no users yet: `npm run seed:demo` (in a second terminal, with the same environment) adds demo data and a user per role; '
    + 'or set BOOTSTRAP_ADMIN_EMAIL and BOOTSTRAP_ADMIN_PASSWORD and restart to create the first coordinator');
}

// SIGTERM/SIGINT: stop accepting, finish in-flight requests and jobs, close pools, exit 0.
closeWithGrace({ delay: 20_000, logger: log }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'closing after error');
  else log.info({ signal }, 'shutting down');
  await app.close();
  await control?.close();
  await metricsServer?.close();
  await deps.close();
});
