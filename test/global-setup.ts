import { writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Redis } from 'ioredis';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';

export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
    pgliteDump: string;
    runId: string;
  }
}

/**
 * Once per test run: a freshly migrated template database on the real PostgreSQL (each test
 * file clones it, which takes milliseconds) and a migrated PGlite dump for embedded-mode
 * tests. Everything this run created is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const templateDb = `kassi_tpl_${runId}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${templateDb}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${templateDb}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused', poolSize: 2 });
  await runMigrations(database);
  await database.close();

  const lite = await openDatabase({ dataDir: 'memory://' });
  await runMigrations(lite);
  const dumpPath = join(tmpdir(), `kassi-pglite-${runId}.tar`);
  const client = (lite.db as unknown as { $client: { query(q: string): Promise<unknown>; dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  // Checkpointed, so an embedded test app that loads the dump has little WAL to replay.
  await client.query('checkpoint');
  writeFileSync(dumpPath, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await lite.close();

  project.provide('templateDb', templateDb);
  project.provide('pgliteDump', dumpPath);
  project.provide('runId', runId);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like $1`, [`kassi_%${runId}%`]);
    for (const r of rows.filter((r) => r.datname !== templateDb)) {
      await admin.query(`drop database if exists ${r.datname} with (force)`);
    }
    await admin.query(`drop database if exists ${templateDb} with (force)`);
    await admin.end();
    rmSync(dumpPath, { force: true });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`kassi_test_${runId}*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  };
}
