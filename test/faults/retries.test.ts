import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.ts';
import { seedNetwork } from '../helpers/fixtures.ts';
import { retryUntilAnswered } from './http-client.ts';

const POSTS = 1_000;
const CLIENTS = 16;
const DROP_RATE = 0.2;

/** A deterministic pseudo-random sequence, so a failing run can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Phones on a poor rural connection: the request reaches the server and is done, but the answer
 * is lost on the way back (the proxy resets a fifth of the connections at the first byte of the
 * answer). The client sends the same body with the same Idempotency-Key until it hears back.
 */
describe('retried intake posts through a proxy that loses 20% of the answers', () => {
  let ctx: TestContext;
  let proxy: FaultProxy;
  beforeAll(async () => {
    ctx = await startTestApp();
    proxy = await startFaultProxy((ctx.app.server.address() as { port: number }).port, '127.0.0.1', prng(7));
  });
  afterAll(async () => {
    await proxy?.close();
    await ctx?.close();
  });

  it('keeps exactly one intake per distinct key, and the kilos of the distinct keys', async () => {
    const net = await seedNetwork(ctx);
    const store = await ctx.http().post('/storage-units').set(net.auth)
      .send({ depotId: net.depot.id, name: 'Big dry store', temperatureClass: 'ambient', capacityKg: 1_000_000 });
    expect(store.status).toBe(201);
    const volunteer = await ctx.userToken('warehouse');
    const rnd = prng(42);
    const posts = Array.from({ length: POSTS }, (_, i) => ({
      key: `intake-${i}-${Math.floor(rnd() * 1e9).toString(36)}`,
      grams: 1 + Math.floor(rnd() * 40_000),
    }));
    const sentGrams = posts.reduce((s, p) => s + p.grams, 0);

    proxy.dropResponses(DROP_RATE);
    const answers: { key: string; status: number; replayed: boolean; attempts: number; intakeId: string }[] = [];
    let next = 0;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (next < posts.length) {
        const p = posts[next++];
        const body = {
          donorId: net.donor.id,
          lines: [{ category: 'dry_goods', kg: p.grams / 1000, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: store.body.id }],
        };
        const { answer, attempts } = await retryUntilAnswered(proxy.port, '/intakes', p.key, body, bearer(volunteer.token));
        answers.push({ key: p.key, status: answer.status, replayed: answer.headers['idempotent-replayed'] === 'true', attempts, intakeId: answer.body?.id });
      }
    }));
    proxy.dropResponses(0);

    expect(answers.filter((a) => a.status !== 201)).toEqual([]);
    // A fifth of the answers were lost, and every key whose first answer was lost got the
    // stored answer on a retry rather than a second intake.
    expect(proxy.stats.dropped).toBeGreaterThan(POSTS * DROP_RATE * 0.7);
    const retried = answers.filter((a) => a.attempts > 1);
    expect(retried.length).toBeGreaterThan(0);
    expect(retried.every((a) => a.replayed)).toBe(true);
    expect(answers.filter((a) => a.attempts === 1).every((a) => !a.replayed)).toBe(true);
    expect(new Set(answers.map((a) => a.intakeId)).size).toBe(POSTS);

    const { database } = ctx.deps;
    const [row] = await database.rows<{ intakes: string; lots: string; grams: string; ledger: string }>(database.db, sql`
      select (select count(*) from intakes where donor_id = ${net.donor.id}) as intakes,
             (select count(*) from lots where storage_unit_id = ${store.body.id}) as lots,
             (select coalesce(sum(received_g), 0) from lots where storage_unit_id = ${store.body.id}) as grams,
             (select coalesce(sum(grams), 0) from ledger_entries e join lots l on l.id = e.lot_id where l.storage_unit_id = ${store.body.id}) as ledger`);
    expect({ intakes: Number(row.intakes), lots: Number(row.lots), grams: Number(row.grams), ledger: Number(row.ledger) })
      .toEqual({ intakes: POSTS, lots: POSTS, grams: sentGrams, ledger: sentGrams });
    console.info(`retries: ${POSTS} keys, ${answers.reduce((s, a) => s + a.attempts, 0)} posts, ${proxy.stats.dropped} answers dropped, ${retried.length} keys replayed`);
  }, 240_000);
});
