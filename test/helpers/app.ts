import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { inject } from 'vitest';
import { buildApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import { startJobs } from '../../src/jobs/processors/index.ts';
import type { PgliteArtifacts } from '../../src/db/client.ts';
import { createUser } from '../../src/modules/users/users.service.ts';
import type { Role } from '../../src/plugins/access.ts';
import { ADMIN_URL, REDIS_URL } from '../global-setup.ts';

export interface TestContext extends App {
  deps: Deps;
  config: Config;
  dbName?: string;
  databaseUrl?: string;
  /** supertest bound to the real HTTP server of this app. */
  http: () => supertest.Agent;
  /** Creates a user of this role and returns a bearer token for them. */
  userToken(role: Role, opts?: { pointId?: string; email?: string }): Promise<{ token: string; id: string; email: string; password: string }>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  mode?: 'postgres' | 'embedded';
  /** BullMQ on the real Redis (postgres mode only); otherwise in-process jobs. */
  redis?: boolean;
  /** Also run the BullMQ worker in this process. */
  worker?: boolean;
  env?: Record<string, string>;
  now?: () => Date;
  /** Where the app's log goes (with `env: { LOG_LEVEL }`); stdout by default. */
  logDestination?: DestinationStream;
}

/** A fresh database cloned from the run's migrated template (or an empty, unmigrated one). */
export async function createTestDatabase(opts: { empty?: boolean } = {}): Promise<{ name: string; url: string }> {
  const name = `kassi_t_${inject('runId')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}${opts.empty ? '' : ` template ${inject('templateDb')}`}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

export async function dropTestDatabase(name: string) {
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/**
 * Drops a test database after its app has closed, without the test waiting for it (a drop
 * takes from half a second to seconds on a busy machine): one at a time per worker, and the
 * run's teardown drops whatever a worker left.
 */
let dropping: Promise<void> = Promise.resolve();
function dropInBackground(name: string) {
  dropping = dropping.then(() => dropTestDatabase(name)).catch(() => {});
}

/** The migrated PGlite dump and PGlite's own compiled modules, read once per worker for its embedded apps. */
let embedded: { dump: Blob; artifacts: PgliteArtifacts } | undefined;
async function embeddedStart() {
  if (!embedded) {
    const dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    embedded = {
      dump: new Blob([readFileSync(inject('pgliteDump'))]),
      artifacts: {
        pgliteWasmModule: await WebAssembly.compile(readFileSync(join(dir, 'pglite.wasm'))),
        initdbWasmModule: await WebAssembly.compile(readFileSync(join(dir, 'initdb.wasm'))),
        fsBundle: new Blob([readFileSync(join(dir, 'pglite.data'))]),
      },
    };
  }
  return { loadDataDir: embedded.dump, pgliteArtifacts: embedded.artifacts };
}

export const redisPrefix = () => `kassi_test_${inject('runId')}_${randomBytes(3).toString('hex')}`;

/** Builds the real app on a real database (and Redis when asked) and listens on a free port. */
export async function startTestApp(opts: TestAppOptions = {}): Promise<TestContext> {
  const mode = opts.mode ?? 'postgres';
  let dbName: string | undefined;
  let databaseUrl: string | undefined;
  if (mode === 'postgres') ({ name: dbName, url: databaseUrl } = await createTestDatabase());
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: 'memory://',
    DATABASE_POOL_SIZE: '25',
    // Reminders follow the wall clock: a test that wants them runs the job itself.
    NOTIFY_CRON: 'off',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...(opts.redis ? { REDIS_URL, REDIS_PREFIX: redisPrefix() } : {}),
    ...opts.env,
  });
  const log = createLogger(config, 'kassi-test', opts.logDestination);
  const start = mode === 'embedded' ? await embeddedStart() : {};
  const deps = await createDeps(config, log, { ...start, now: opts.now });
  await startJobs(deps, opts.worker ? 'worker' : 'api');
  const built = await buildApp(deps);
  await built.app.listen({ port: 0, host: '127.0.0.1' });
  let n = 0;
  return {
    ...built,
    deps,
    config,
    dbName,
    databaseUrl,
    http: () => supertest.agent(built.app.server),
    async userToken(role, o = {}) {
      n += 1;
      const email = o.email ?? `${role}-${n}-${randomBytes(3).toString('hex')}@test.example`;
      const password = 'correct-horse-battery';
      const user = await createUser(deps.database.db, { email, name: `${role} ${n}`, role, password, pointId: o.pointId });
      const res = await supertest(built.app.server).post('/auth/login').send({ email, password });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return { token: res.body.token as string, id: user.id, email, password };
    },
    async close() {
      await built.app.close();
      await deps.close();
      if (dbName) dropInBackground(dbName);
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Where the test app listens, for a browser: `http://127.0.0.1:<port>`. */
export const baseUrl = (ctx: TestContext) => `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
