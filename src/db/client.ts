import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PGliteOptions } from '@electric-sql/pglite';
import pg from 'pg';
import { acquireDataDirLock, type DataDirLock, type LockRole } from './data-dir-lock.ts';
import { ensurePrivateDataDir, narrowDataDir } from './data-dir-privacy.ts';
import * as schema from './schema/index.ts';

export type Schema = typeof schema;
/** A drizzle database or a transaction on it: every repo function takes one of these. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** Rows of a raw SQL query, the same shape on both drivers. */
  rows<T>(db: Executor, query: ReturnType<typeof sql>): Promise<T[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** Embedded on a folder: the socket through which this process takes tasks for DATA_DIR (see control-socket.ts). */
  controlSocket?: string;
  /**
   * Embedded: a consistent snapshot of the data directory (a gzipped tar, PGlite's own
   * `dumpDataDir`), taken after a checkpoint while no transaction is open (see ops/backup.ts).
   */
  snapshot?(): Promise<Blob>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  /** A PGlite data directory dump to start from: tests (`memory://`), and a restore into an empty DATA_DIR. */
  loadDataDir?: Blob;
  /** PGlite's WebAssembly modules compiled and its file bundle read once, for a process (tests) that opens many. */
  pgliteArtifacts?: PgliteArtifacts;
  /** Who holds DATA_DIR's lock (embedded on a folder), shown to a process refused it. */
  lockRole?: LockRole;
}

/** What PGlite otherwise compiles and reads from its package on every open. */
export type PgliteArtifacts = Pick<PGliteOptions, 'pgliteWasmModule' | 'initdbWasmModule' | 'fsBundle'>;

/** How often a server on an embedded folder narrows the modes PGlite set on its new files (see data-dir-privacy.ts). */
const NARROW_EVERY_MS = 5 * 60_000;

/** PostgreSQL through `pg` when a URL is given, otherwise embedded PGlite persisted under dataDir. */
const rows: Database['rows'] = async (ex, q) => ((await ex.execute(q)) as unknown as { rows: any[] }).rows;

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.poolSize ?? 20,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // An idle client that loses its server (restart) emits here; the pool replaces it.
    pool.on('error', () => {});
    // A checked-out client (inside a transaction) has no listener of the pool's: without this one
    // its 'error' on a server crash is uncaught and kills the process. The pending query rejects
    // anyway, and the pool drops the broken client when it is released.
    pool.on('connect', (client) => {
      client.on('error', () => {});
      releaseWhenBeginFails(client);
    });
    const db = drizzle(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      rows,
      ping: async () => {
        await pool.query('select 1');
      },
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let client: InstanceType<typeof PGlite>;
  let lock: DataDirLock | undefined;
  let narrowing: NodeJS.Timeout | undefined;
  const load = { ...opts.pgliteArtifacts, ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) };
  if (opts.dataDir.startsWith('memory://')) {
    client = await PGlite.create('memory://', load);
  } else {
    // Before anything is written: DATA_DIR private (0700, files 0600) or refused.
    ensurePrivateDataDir(opts.dataDir);
    lock = await acquireDataDirLock(opts.dataDir, opts.lockRole ?? 'api');
    try {
      const dir = resolve(opts.dataDir, 'pglite');
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      client = await PGlite.create(dir, load);
      narrowDataDir(opts.dataDir);
      narrowing = setInterval(() => narrowDataDir(opts.dataDir), NARROW_EVERY_MS).unref();
    } catch (err) {
      lock.release();
      throw err;
    }
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    rows,
    ping: async () => {
      await client.query('select 1');
    },
    async close() {
      clearInterval(narrowing);
      await client.close();
      if (lock) narrowDataDir(opts.dataDir);
      lock?.release();
    },
    controlSocket: lock?.socket,
    async snapshot() {
      // The checkpoint makes the restore quick (little WAL to replay); holding the transaction
      // mutex keeps every transaction out while the files are read, so the tar is one instant.
      await client.query('checkpoint');
      return client._runExclusiveTransaction(() => client.dumpDataDir('gzip'));
    },
  };
}

/**
 * drizzle's `transaction()` (node-postgres, 0.45) checks a client out and sends `begin` before its
 * try/finally: when `begin` fails (the connection died while idle in the pool, a network blip) the
 * client is never released. Each such failure leaks one pool slot for good, until every request
 * waits for a connection and `pool.end()` never returns (found by the chaos run: workers hung on
 * SIGTERM after a blackholed PostgreSQL). Here a failed `begin` releases the client with its error,
 * so the pool destroys it.
 */
function releaseWhenBeginFails(client: pg.PoolClient) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const result = query(...args);
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    if (text && /^\s*begin\b/i.test(text) && result instanceof Promise) {
      return result.catch((err: Error) => {
        client.release(err);
        throw err;
      });
    }
    return result;
  };
}

export { sql };
