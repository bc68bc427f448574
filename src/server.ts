import closeWithGrace from 'close-with-grace';
import Fastify from 'fastify';
import { buildApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { createLogger } from './log.ts';

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
const deps = await createDeps(config, log, { role: 'api' });
const { app, metrics } = await buildApp(deps);
await app.listen({ port: config.PORT, host: config.HOST });

let metricsServer: import('fastify').FastifyInstance | undefined;
if (config.METRICS_PORT) {
  metricsServer = Fastify();
  metricsServer.get('/metrics', async (_req: unknown, reply: import('fastify').FastifyReply) => reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()));
  await metricsServer.listen({ port: config.METRICS_PORT, host: '127.0.0.1' });
}
log.info({
  port: config.PORT, database: deps.database.kind, jobs: deps.runner.kind, startupMs: Math.round(performance.now() - started),
}, 'kassi api ready');

// SIGTERM/SIGINT: stop accepting, finish in-flight requests and jobs, close pools, exit 0.
closeWithGrace({ delay: 20_000, logger: log }, async ({ err, signal }) => {
  if (err) log.error({ err }, 'closing after error');
  else log.info({ signal }, 'shutting down');
  await app.close();
  await metricsServer?.close();
  await deps.close();
});
