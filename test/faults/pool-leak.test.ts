import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createTestDatabase, dropTestDatabase } from '../helpers/app.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { sleep } from './http-client.ts';

/**
 * A transaction whose `begin` dies with the connection (PostgreSQL blackholed, then the stream
 * reset) must give its pool slot back: otherwise a few network blips exhaust the pool for good
 * and the process can no longer close (found by the chaos run, as workers that hung on SIGTERM).
 */
describe('database pool after failed transactions', () => {
  let db: { name: string; url: string };
  let proxy: FaultProxy;
  let database: Database | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    const u = new URL(db.url);
    proxy = await startFaultProxy(Number(u.port || 5432), u.hostname);
    u.host = `127.0.0.1:${proxy.port}`;
    database = await openDatabase({ databaseUrl: u.toString(), dataDir: 'unused', poolSize: 2 });
  });
  afterAll(async () => {
    await proxy?.close();
    if (db) await dropTestDatabase(db.name);
  });

  it('keeps every slot after begin fails on a dead connection, and closes', async () => {
    const d = database!;
    const tx = () => d.db.transaction(async (t) => (await d.rows<{ one: number }>(t, sql`select 1 as one`))[0].one);
    // Both pooled connections open and idle.
    expect(await Promise.all([tx(), tx()])).toEqual([1, 1]);
    for (let round = 0; round < 3; round++) {
      proxy.blackhole();
      const doomed = [tx(), tx()].map((p) => p.then(() => 'ok', () => 'failed'));
      await sleep(300);
      proxy.heal();
      expect(await Promise.all(doomed)).toEqual(['failed', 'failed']);
    }
    // Six failed begins on a pool of two: still two usable slots.
    expect(await Promise.all([tx(), tx()])).toEqual([1, 1]);
    const closed = await Promise.race([d.close().then(() => 'closed'), sleep(5_000).then(() => 'hung')]);
    database = undefined;
    expect(closed).toBe('closed');
  }, 60_000);
});
