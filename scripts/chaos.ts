// `npm run chaos -- --minutes 5 [--clients 20] [--seed 1] [--outage-seconds 3]`: two API processes and two worker
// processes on one PostgreSQL and one Redis (both started by this script: its own cluster and
// Redis on free ports, reached through fault proxies), 20 clients doing intake, packing,
// reservations, cancellations and route plans, while a nemesis kills workers, restarts Redis and
// PostgreSQL and blackholes the proxies (each kind of fault at least once, however short the run;
// Redis down and the proxies black for `--outage-seconds`). At the end: mass balance, no oversold
// bag, no lost acknowledged write; prints the counts and exits 1 if a check fails. 127.0.0.1 only.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { addDays, localDate } from '../src/domain/dates.ts';
import { startFaultProxy, type FaultProxy } from '../test/helpers/fault-proxy.ts';
import { freePort, spawnEntry, type Spawned } from '../test/helpers/process.ts';
import { call, retryUntilAnswered, sleep } from '../test/faults/http-client.ts';
import { startPostgres, startRedis, type TestPostgres, type TestRedis } from '../test/faults/servers.ts';

const { values } = parseArgs({ options: {
  minutes: { type: 'string', default: '5' }, clients: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' },
  'outage-seconds': { type: 'string', default: '3' },
} });
const durationMs = Number(values.minutes) * 60_000;
const CLIENTS = Number(values.clients);
const OUTAGE_MS = Number(values['outage-seconds']) * 1000;
const ADMIN = { email: 'chaos@kassi.example', password: 'chaos-password-1' };
const PREFIX = 'kassi_chaos';

let seed = Number(values.seed) >>> 0;
const rnd = () => {
  seed = (seed * 1664525 + 1013904223) >>> 0;
  return seed / 2 ** 32;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
const log = (msg: string) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}] ${msg}`);

// --- the system under test --------------------------------------------------------------------
let cluster: TestPostgres | undefined;
let redis: TestRedis | undefined;
let pgProxy: FaultProxy | undefined;
let redisProxy: FaultProxy | undefined;
const apis: { port: number; proc: Spawned }[] = [];
const workers: (Spawned | null)[] = [null, null];
let apiEnv: Record<string, string> = {};
let workerEnv: Record<string, string> = {};

async function waitReady(port: number, proc: Spawned, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.child.exitCode !== null) throw new Error(`process exited: ${proc.output().slice(-2000)}`);
    if ((await call(port, 'GET', '/health/ready', { timeoutMs: 3_000 }).then((r) => r.status, () => 0)) === 200) return;
    await sleep(200);
  }
  throw new Error(`API on ${port} not ready: ${proc.output().slice(-2000)}`);
}

async function startWorker(i: number) {
  const w = spawnEntry('src/worker.ts', workerEnv);
  workers[i] = w;
  const until = Date.now() + 60_000;
  while (!w.output().includes('kassi worker ready')) {
    if (w.child.exitCode !== null || Date.now() > until) throw new Error(`worker did not start: ${w.output().slice(-2000)}`);
    await sleep(100);
  }
}

async function stopProc(p: Spawned | null, signal: NodeJS.Signals = 'SIGTERM') {
  if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill(signal);
  await Promise.race([p.exited, sleep(30_000)]);
  if (p.child.exitCode === null && p.child.signalCode === null) {
    log(`pid ${p.child.pid} did not exit within 30 s of ${signal}; SIGKILL. Its last words: ${p.output().slice(-1500)}`);
    p.child.kill('SIGKILL');
    await p.exited;
  }
}

async function teardown() {
  log('stopping workers and APIs (SIGTERM)');
  await Promise.all([...workers.map((w) => stopProc(w)), ...apis.map((a) => stopProc(a.proc))]);
  await pgProxy?.close();
  await redisProxy?.close();
  await redis?.stop();
  cluster?.stop();
  log('torn down');
}

// --- what clients were told -------------------------------------------------------------------
const acked = {
  intakes: [] as { id: string; grams: number }[],
  packingRuns: [] as { id: string; bags: number }[],
  reservations: [] as { id: string; pointId: string; bags: number }[],
  cancels: [] as string[],
  plans: [] as string[],
};
const counts: Record<string, Record<string, number>> = {};
const count = (op: string, outcome: string) => {
  counts[op] ??= {};
  counts[op][outcome] = (counts[op][outcome] ?? 0) + 1;
};
const faults: Record<string, number> = {};

interface World {
  depotId: string;
  donorId: string;
  unitIds: string[];
  points: { id: string; token: string }[];
  warehouseToken: string;
  coordinatorToken: string;
  dates: string[];
}

async function setUp(): Promise<World> {
  const port = apis[0].port;
  const login = await call(port, 'POST', '/auth/login', { body: ADMIN });
  const co = login.body.token as string;
  const auth = { authorization: `Bearer ${co}` };
  const post = async (path: string, body: object) => {
    const res = await call(port, 'POST', path, { headers: auth, body });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const depot = await post('/sites', { kind: 'depot', name: 'Chaos depot', municipality: 'Mikkeli', lat: 61.701, lon: 27.233 });
  const donor = await post('/sites', { kind: 'donor', name: 'Chaos shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id });
  await post(`/sites/${donor.id}/pickup-schedules`, { weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
  await post('/vehicles', { depotId: depot.id, name: 'Chaos van', refrigerated: true, capacityKg: 800, capacityBags: 200, shiftStart: '07:00', shiftEnd: '17:00' });
  const unitIds: string[] = [];
  for (let u = 0; u < 4; u++) unitIds.push((await post('/storage-units', { depotId: depot.id, name: `Dry ${u}`, temperatureClass: 'ambient', capacityKg: 1_000_000 })).id);
  const points: World['points'] = [];
  for (let p = 0; p < 3; p++) {
    const point = await post('/sites', { kind: 'point', name: `Chaos point ${p}`, municipality: 'Mikkeli', lat: 61.6 + p / 100, lon: 27.3, depotId: depot.id });
    for (const weekday of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) await post(`/sites/${point.id}/distribution-days`, { weekday, start: '12:00', end: '14:00' });
    await post('/users', { email: `lead${p}@chaos.example`, name: `Lead ${p}`, role: 'point_lead', password: 'chaos-password-2', pointId: point.id });
    const t = await call(port, 'POST', '/auth/login', { body: { email: `lead${p}@chaos.example`, password: 'chaos-password-2' } });
    points.push({ id: point.id, token: t.body.token });
  }
  await post('/users', { email: 'wh@chaos.example', name: 'Volunteer', role: 'warehouse', password: 'chaos-password-3' });
  const wh = await call(port, 'POST', '/auth/login', { body: { email: 'wh@chaos.example', password: 'chaos-password-3' } });
  const today = localDate(new Date());
  return { depotId: depot.id, donorId: donor.id, unitIds, points, warehouseToken: wh.body.token, coordinatorToken: co, dates: [7, 8, 9, 10].map((d) => addDays(today, d)) };
}

// --- clients ----------------------------------------------------------------------------------
let stopClients = false;
let keySeq = 0;
const key = (op: string) => `chaos-${op}-${++keySeq}`;

/** Sends with the same key until answered (bounded), like a phone on a poor connection. */
async function send(op: string, path: string, body: unknown, token: string) {
  const port = pick(apis).port;
  try {
    const { answer } = await retryUntilAnswered(port, path, key(op), body, { authorization: `Bearer ${token}` }, { maxMs: 40_000 });
    count(op, String(answer.status));
    return answer;
  } catch {
    count(op, 'unanswered');
    return null;
  }
}

async function client(w: World, n: number) {
  const mine: string[] = [];
  const point = w.points[n % w.points.length];
  while (!stopClients) {
    const r = rnd();
    if (r < 0.35) {
      const grams = 1_000 + Math.floor(rnd() * 20_000);
      const a = await send('intake', '/intakes', {
        donorId: w.donorId, lines: [{ category: 'dry_goods', kg: grams / 1000, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: pick(w.unitIds) }],
      }, w.warehouseToken);
      if (a?.status === 201) acked.intakes.push({ id: a.body.id, grams });
    } else if (r < 0.55) {
      const a = await send('packing', '/packing-runs', { depotId: w.depotId, bagType: 'food', bagCount: 1 + Math.floor(rnd() * 3) }, w.warehouseToken);
      if (a?.status === 201) acked.packingRuns.push({ id: a.body.id, bags: a.body.bags.length });
    } else if (r < 0.8) {
      const bags = 1 + Math.floor(rnd() * 3);
      const a = await send('reservation', '/reservations', { pointId: point.id, date: pick(w.dates), bagType: 'food', bags }, point.token);
      if (a?.status === 201) {
        acked.reservations.push({ id: a.body.id, pointId: point.id, bags });
        mine.push(a.body.id);
      }
    } else if (r < 0.93) {
      const id = mine.length ? mine.splice(Math.floor(rnd() * mine.length), 1)[0] : undefined;
      if (!id) continue;
      const a = await send('cancel', `/reservations/${id}/cancel`, undefined, point.token);
      if (a?.status === 200) acked.cancels.push(id);
    } else {
      const a = await send('plan', '/route-plans', { depotId: w.depotId, date: pick(w.dates) }, w.coordinatorToken);
      if (a?.status === 202) acked.plans.push(a.body.id);
    }
    await sleep(20 + rnd() * 80);
  }
}

// --- nemesis ----------------------------------------------------------------------------------
const NEMESES: [string, () => Promise<void>][] = [
  ['kill worker', async () => {
    const i = Math.floor(rnd() * workers.length);
    await stopProc(workers[i], 'SIGKILL');
    await sleep(1_000);
    await startWorker(i);
  }],
  ['restart redis', async () => {
    await redis!.kill('SIGKILL');
    await sleep(OUTAGE_MS);
    await redis!.start();
  }],
  ['blackhole postgres proxy', async () => {
    pgProxy!.blackhole();
    await sleep(OUTAGE_MS);
    pgProxy!.heal();
  }],
  ['restart postgres', async () => {
    await cluster!.restartImmediate();
  }],
  ['blackhole redis proxy', async () => {
    redisProxy!.blackhole();
    await sleep(OUTAGE_MS);
    redisProxy!.heal();
  }],
];

async function nemesis(until: number) {
  const gapMs = Math.min(15_000, Math.max(1_500, durationMs / (NEMESES.length * 2)));
  let round = 0;
  await sleep(gapMs / 2);
  while (round < NEMESES.length || Date.now() + 5_000 < until) {
    // Every kind once first (in order), then at random.
    const [name, act] = round < NEMESES.length ? NEMESES[round] : pick(NEMESES);
    round += 1;
    log(`nemesis: ${name}`);
    try {
      await act();
      faults[name] = (faults[name] ?? 0) + 1;
    } catch (e) {
      log(`nemesis ${name} failed: ${(e as Error).message}`);
      faults[`${name} (failed)`] = (faults[`${name} (failed)`] ?? 0) + 1;
    }
    await sleep(gapMs * (0.5 + rnd()));
  }
}

// --- checks -----------------------------------------------------------------------------------
/** How many days of the depot ($1) have a tally that differs from the ledger. */
const TALLY_DRIFT = `
  with ledger as (select (at at time zone 'Europe/Helsinki')::date as day, sum(grams) filter (where kind = 'intake') as g from ledger_entries where depot_id = $1 group by 1)
  select count(*) as n from ledger l left join tallies t on t.day = l.day and t.depot_id = $1 and t.dimension = 'depot' and t.key = $1::text
  where coalesce(t.g_in, 0) <> l.g`;

async function check(w: World): Promise<string[]> {
  const db = new pg.Client({ connectionString: cluster!.url('kassi') });
  await db.connect();
  const failures: string[] = [];
  const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => (await db.query<T>(text, params)).rows;
  const expectEq = (what: string, got: unknown, want: unknown) => {
    const ok = JSON.stringify(got) === JSON.stringify(want);
    log(`${ok ? 'ok  ' : 'FAIL'} ${what}: ${JSON.stringify(got)}${ok ? '' : ` (expected ${JSON.stringify(want)})`}`);
    if (!ok) failures.push(what);
  };
  try {
    // Mass balance: every lot's cached stock is the sum of its ledger, never negative; the depot's
    // intake = packed + discarded - adjusted + stock; packed grams = the bags' grams.
    const [mb] = await q<Record<string, string>>(`
      select coalesce(sum(grams) filter (where kind = 'intake'), 0) as intake,
             coalesce(-sum(grams) filter (where kind = 'pack'), 0) as packed,
             coalesce(-sum(grams) filter (where kind = 'discard'), 0) as discarded,
             coalesce(sum(grams) filter (where kind = 'adjust'), 0) as adjusted,
             (select coalesce(sum(stock_g), 0) from lots where depot_id = $1) as stock,
             (select coalesce(sum(weight_g), 0) from bags where depot_id = $1) as bag_grams,
             (select count(*) from lots l where depot_id = $1 and stock_g <> (select coalesce(sum(e.grams), 0) from ledger_entries e where e.lot_id = l.id)) as drifting,
             (select count(*) from lots where depot_id = $1 and stock_g < 0) as negative
      from ledger_entries where depot_id = $1`, [w.depotId]);
    const n = Object.fromEntries(Object.entries(mb).map(([k, v]) => [k, Number(v)]));
    expectEq('mass balance: intake = packed + discarded - adjusted + stock', n.intake, n.packed + n.discarded - n.adjusted + n.stock);
    expectEq('packed grams = grams in bags', n.packed, n.bag_grams);
    expectEq('lots whose stock differs from their ledger, or is negative', [n.drifting, n.negative], [0, 0]);

    // No oversold bag: a held reservation has exactly its bags, a cancelled one none; no bag in two.
    const [ov] = await q<Record<string, string>>(`
      select (select count(*) from reservations r where r.status = 'held' and r.bags <> (select count(*) from bags b where b.reservation_id = r.id and b.status = 'reserved')) as held_wrong,
             (select count(*) from bags b join reservations r on r.id = b.reservation_id where r.status = 'cancelled' and b.status = 'reserved') as cancelled_holding,
             (select count(*) from bags where status = 'reserved' and reservation_id is null) as orphan_reserved,
             (select count(*) from bags where status = 'in_stock' and reservation_id is not null) as stock_with_reservation`);
    expectEq('oversold or inconsistent bags [held with wrong count, cancelled still holding, reserved without reservation, in stock with one]',
      [ov.held_wrong, ov.cancelled_holding, ov.orphan_reserved, ov.stock_with_reservation].map(Number), [0, 0, 0, 0]);

    // No lost acknowledged write.
    const intakes = new Map((await q<{ id: string; g: string }>(`select i.id, sum(l.received_g) as g from intakes i join lots l on l.intake_id = i.id where i.id = any($1::uuid[]) group by i.id`, [acked.intakes.map((a) => a.id)])).map((r) => [r.id, Number(r.g)]));
    expectEq('acknowledged intakes missing or with other kilos', acked.intakes.filter((a) => intakes.get(a.id) !== a.grams).length, 0);
    const runs = new Map((await q<{ id: string; n: string }>(`select p.id, count(b.id) as n from packing_runs p left join bags b on b.packing_run_id = p.id where p.id = any($1::uuid[]) group by p.id`, [acked.packingRuns.map((a) => a.id)])).map((r) => [r.id, Number(r.n)]));
    expectEq('acknowledged packing runs missing or with other bag counts', acked.packingRuns.filter((a) => runs.get(a.id) !== a.bags).length, 0);
    const res = new Map((await q<{ id: string; status: string; bags: number }>(`select id, status, bags from reservations where id = any($1::uuid[])`, [acked.reservations.map((a) => a.id)])).map((r) => [r.id, r]));
    const cancelled = new Set(acked.cancels);
    expectEq('acknowledged reservations missing or with other bags', acked.reservations.filter((a) => res.get(a.id)?.bags !== a.bags).length, 0);
    expectEq('acknowledged cancellations not cancelled', [...cancelled].filter((id) => res.get(id)?.status !== 'cancelled').length, 0);
    const plans = await q<{ status: string; n: string }>(`select status, count(*) as n from route_plans where id = any($1::uuid[]) group by status`, [acked.plans]);
    const planCount = Object.fromEntries(plans.map((p) => [p.status, Number(p.n)]));
    expectEq('acknowledged plans all present and finished (done)', planCount, acked.plans.length ? { done: acked.plans.length } : {});
    const [dup] = await q<{ n: string }>(`select count(*) as n from (select plan_id from routes group by plan_id, vehicle_id having count(*) > 1) d`);
    expectEq('plans with a vehicle routed twice (a plan applied twice)', Number(dup.n), 0);
    const [outbox] = await q<{ n: string }>(`select count(*) as n from outbox where sent_at is null`);
    expectEq('jobs still waiting in the outbox', Number(outbox.n), 0);
    const [tally] = await q<{ n: string }>(TALLY_DRIFT, [w.depotId]);
    expectEq('days whose tally differs from the ledger', Number(tally.n), 0);
    expectEq('kinds of fault never injected', NEMESES.map(([name]) => name).filter((name) => !faults[name]), []);
    const internal = Object.entries(counts).filter(([, c]) => c['500']).map(([op, c]) => `${op} ${c['500']}`);
    expectEq('answers 500 (a fault must answer 503 or nothing, never 500)', internal, []);
    log(`totals: intake ${(n.intake / 1000).toFixed(3)} kg, packed ${(n.packed / 1000).toFixed(3)} kg into ${(await q<{ n: string }>('select count(*) as n from bags')).at(0)!.n} bags, stock ${(n.stock / 1000).toFixed(3)} kg`);
  } finally {
    await db.end();
  }
  return failures;
}

// --- the run ----------------------------------------------------------------------------------
let failures: string[] = ['did not finish'];
// Stopped from outside (Ctrl-C, a test's afterAll): take down what this script started.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: tearing down`);
    stopClients = true;
    void teardown().finally(() => process.exit(1));
  });
}
try {
  log(`starting: ${values.minutes} min, ${CLIENTS} clients, seed ${values.seed}`);
  cluster = await startPostgres();
  redis = await startRedis();
  pgProxy = await startFaultProxy(cluster.port);
  redisProxy = await startFaultProxy(redis.port);
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query('create database kassi');
  await admin.end();
  const common = {
    DATABASE_URL: `postgres://postgres@127.0.0.1:${pgProxy.port}/kassi`, REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`, REDIS_PREFIX: PREFIX,
    LOG_LEVEL: 'warn', PLANNING_TIME_LIMIT_MS: '200',
  };
  apiEnv = { ...common, HOST: '127.0.0.1', BOOTSTRAP_ADMIN_EMAIL: ADMIN.email, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password, LOGIN_MAX_PER_IP: '100000' };
  workerEnv = { ...common, LOG_LEVEL: 'info', WORKER_LOCK_DURATION_MS: '3000' };
  // Both APIs and both workers start at once on the empty database (as `docker compose up` does).
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    apis.push({ port, proc: spawnEntry('src/server.ts', { ...apiEnv, PORT: String(port) }) });
  }
  await Promise.all([...apis.map((a) => waitReady(a.port, a.proc)), startWorker(0), startWorker(1)]);
  const world = await setUp();
  log(`system up: APIs on ${apis.map((a) => a.port).join(', ')}, PostgreSQL ${cluster.port} (proxy ${pgProxy.port}), Redis ${redis.port} (proxy ${redisProxy.port})`);

  const until = Date.now() + durationMs;
  const clientRuns = Array.from({ length: CLIENTS }, (_, n) => client(world, n));
  let nemesisDone = false;
  const nemesisRun = nemesis(until).finally(() => (nemesisDone = true));
  // The clients go on until the time is up and every kind of fault has been injected.
  while (Date.now() < until || !nemesisDone) {
    await sleep(500);
    for (const a of apis) if (a.proc.child.exitCode !== null) throw new Error(`API ${a.port} died: ${a.proc.output().slice(-3000)}`);
  }
  stopClients = true;
  await nemesisRun;
  await Promise.all(clientRuns);
  pgProxy.heal();
  redisProxy.heal();
  log('clients stopped; waiting for the queue to drain');
  for (const a of apis) await waitReady(a.port, a.proc);
  for (let i = 0; i < workers.length; i++) if (!workers[i] || workers[i]!.child.exitCode !== null || workers[i]!.child.signalCode !== null) await startWorker(i);
  const drainUntil = Date.now() + 90_000;
  const probe = new pg.Client({ connectionString: cluster.url('kassi') });
  await probe.connect();
  // Drained: nothing left in the outbox, no plan waiting or running, and the last coalesced tally
  // recount (2-4 s after its bucket) done.
  for (;;) {
    const { rows } = await probe.query<{ outbox: string; planning: string }>(`select (select count(*) from outbox where sent_at is null) as outbox,
      (select count(*) from route_plans where status in ('queued', 'running')) as planning`);
    const [drift] = (await probe.query<{ n: string }>(TALLY_DRIFT, [world.depotId])).rows;
    if ((Number(rows[0].outbox) === 0 && Number(rows[0].planning) === 0 && Number(drift.n) === 0) || Date.now() > drainUntil) break;
    await sleep(500);
  }
  await probe.end();
  for (const a of apis) if (a.proc.child.exitCode !== null) throw new Error(`API ${a.port} died`);

  failures = await check(world);
  console.log('\n=== chaos counts ===');
  console.log(`duration ${values.minutes} min, ${CLIENTS} clients, 2 APIs, 2 workers`);
  console.log('operations (answer status → count):');
  for (const [op, c] of Object.entries(counts)) console.log(`  ${op.padEnd(12)} ${Object.entries(c).map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  console.log(`acknowledged: intakes ${acked.intakes.length}, packing runs ${acked.packingRuns.length}, reservations ${acked.reservations.length}, cancellations ${acked.cancels.length}, plans ${acked.plans.length}`);
  console.log(`faults: ${Object.entries(faults).map(([k, v]) => `${k} ×${v}`).join(', ')}; proxy resets: postgres ${pgProxy.stats.resets}, redis ${redisProxy.stats.resets}`);
  console.log(failures.length === 0 ? 'ALL CHECKS PASSED' : `CHECKS FAILED: ${failures.join('; ')}`);
} catch (e) {
  console.error(`chaos run aborted: ${(e as Error).stack}`);
  failures = ['aborted'];
} finally {
  await teardown();
}
process.exit(failures.length === 0 ? 0 : 1);
