// `npm run bench:api [-- --seconds N]`: intake posts and reservations per second, p50/p99 latency,
// at 1, 20 and 100 concurrent clients against the API process on PostgreSQL (autocannon), beside
// the same machine's raw PostgreSQL insert rate (pgbench, a one-row INSERT script) as the ceiling.
// Needs PostgreSQL on 127.0.0.1:5432 (or BENCH_POSTGRES_URL) and pgbench; creates and drops its
// own databases. All traffic goes to 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { addDays, localDate, weekdayOf } from '../src/domain/dates.ts';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '8' }, port: { type: 'string', default: '3911' } } });
const seconds = Number(values.seconds);
const port = Number(values.port);
const CLIENTS = [1, 20, 100];
const UNITS = 10;
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = new URL('..', import.meta.url).pathname;
const base = `http://127.0.0.1:${port}`;
const admin = { email: 'bench@kassi.example', password: 'bench-password-1' };

const dbUrl = (name: string) => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

async function waitReady(child: ReturnType<typeof spawn>) {
  for (;;) {
    if (child.exitCode !== null) throw new Error('the API exited during start');
    try {
      if ((await fetch(`${base}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function postJson(path: string, body: object, token?: string) {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const json = await res.json() as Record<string, any>;
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

interface Row { what: string; clients: number; rps: number; p50: number; p99: number; ok: number; failed: number }

async function measure(what: string, clients: number, path: string, body: (i: number) => object, token: string): Promise<Row> {
  let i = 0;
  const r = await autocannon({
    url: base, connections: clients, duration: seconds,
    requests: [{
      method: 'POST', path,
      setupRequest: (req) => {
        i += 1;
        return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': `bench-${what}-${clients}-${i}` }, body: JSON.stringify(body(i)) };
      },
    }],
  });
  const ok = r['2xx'];
  return { what, clients, rps: ok / seconds, p50: r.latency.p50, p99: r.latency.p99, ok, failed: r.non2xx + r.errors + r.timeouts };
}

/** pgbench's one-row INSERT into its own database: the ceiling for a write on this machine. */
function pgbenchCeiling(clientsWanted: number[]): { clients: number; tps: number }[] {
  const name = `kassi_bench_pgbench_${Date.now()}`;
  const u = new URL(adminUrl);
  const conn = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres')];
  spawnSync('createdb', [...conn, name], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'kassi-pgbench-'));
  const script = join(dir, 'insert.sql');
  writeFileSync(script, [
    '\\set aid random(1, 100000)', '\\set bid random(1, 1)', '\\set tid random(1, 10)', '\\set delta random(-5000, 5000)',
    'INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);', '',
  ].join('\n'));
  try {
    const init = spawnSync('pgbench', [...conn, '-i', '-q', '-s', '1', name], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`pgbench -i failed: ${init.stderr}`);
    const free = Number(spawnSync('psql', [...conn, '-Atc', 'select current_setting(\'max_connections\')::int - count(*) - 10 from pg_stat_activity', name], { encoding: 'utf8' }).stdout.trim());
    return clientsWanted.map((c) => {
      const clients = Math.max(1, Math.min(c, free));
      const run = spawnSync('pgbench', [...conn, '-n', '-f', script, '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), name], { encoding: 'utf8' });
      const m = /tps = ([\d.]+)/.exec(run.stdout);
      if (!m) throw new Error(`pgbench failed: ${run.stdout}${run.stderr}`);
      return { clients, tps: Number(m[1]) };
    });
  } finally {
    spawnSync('dropdb', [...conn, '--if-exists', name], { stdio: 'inherit' });
    rmSync(dir, { recursive: true, force: true });
  }
}

const dbName = `kassi_bench_api_${Date.now()}`;
const pgAdmin = new pg.Client({ connectionString: adminUrl });
await pgAdmin.connect();
await pgAdmin.query(`create database ${dbName}`);
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: dbUrl(dbName), BOOTSTRAP_ADMIN_EMAIL: admin.email, BOOTSTRAP_ADMIN_PASSWORD: admin.password },
});
const rows: Row[] = [];
try {
  await waitReady(child);
  const { token } = await postJson('/auth/login', admin);
  const depot = await postJson('/sites', { kind: 'depot', name: 'Bench depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }, token);
  const donor = await postJson('/sites', { kind: 'donor', name: 'Bench shop', municipality: 'Mikkeli', lat: 61.69, lon: 27.27, depotId: depot.id }, token);
  const point = await postJson('/sites', { kind: 'point', name: 'Bench point', municipality: 'Mikkeli', lat: 61.68, lon: 27.3, depotId: depot.id }, token);
  await postJson(`/sites/${point.id}/distribution-days`, { weekday: 'tue', start: '12:00', end: '14:00' }, token);
  const units: Record<string, any>[] = [];
  for (let u = 0; u < UNITS; u++) units.push(await postJson('/storage-units', { depotId: depot.id, name: `Dry ${u}`, temperatureClass: 'ambient', capacityKg: 1_000_000 }, token));
  await postJson('/users', { email: 'warehouse@kassi.example', name: 'Bench volunteer', role: 'warehouse', password: 'bench-password-2' }, token);
  await postJson('/users', { email: 'lead@kassi.example', name: 'Bench lead', role: 'point_lead', password: 'bench-password-3', pointId: point.id }, token);
  const warehouse = (await postJson('/auth/login', { email: 'warehouse@kassi.example', password: 'bench-password-2' })).token as string;
  const lead = (await postJson('/auth/login', { email: 'lead@kassi.example', password: 'bench-password-3' })).token as string;

  // Bags in stock to reserve from (one packing run's worth, written directly: packing is not measured here).
  const db = new pg.Client({ connectionString: dbUrl(dbName) });
  await db.connect();
  const run = await db.query<{ id: string }>(`insert into packing_runs (depot_id, bag_type, bag_count, packed_at) values ($1, 'food', 200000, now()) returning id`, [depot.id]);
  await db.query(`insert into bags (packing_run_id, depot_id, bag_type, weight_g, status, packed_at, status_at)
                  select $1, $2, 'food', 5000, 'in_stock', now(), now() from generate_series(1, 200000)`, [run.rows[0].id, depot.id]);
  await db.end();
  // A Tuesday three to four weeks ahead: well before its planning cut-off.
  let tuesday = addDays(localDate(new Date()), 21);
  while (weekdayOf(tuesday) !== 'tue') tuesday = addDays(tuesday, 1);

  for (const clients of CLIENTS) {
    rows.push(await measure('intake', clients, '/intakes', (i) => ({
      donorId: donor.id, lines: [{ category: 'dry_goods', kg: 1 + (i % 50) / 10, temperatureClass: 'ambient', dateKind: 'none', date: null, storageUnitId: units[i % UNITS].id }],
    }), warehouse));
    rows.push(await measure('reservation', clients, '/reservations', () => ({ pointId: point.id, date: tuesday, bagType: 'food', bags: 1 }), lead));
  }
} finally {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await pgAdmin.query(`drop database if exists ${dbName} with (force)`);
  await pgAdmin.end();
}

const ceiling = pgbenchCeiling(CLIENTS);
console.log(`\nAPI on PostgreSQL (${seconds} s per run; intake lines round-robin over ${UNITS} storage units; reservations of 1 food bag at one depot)`);
console.log('what          clients   req/s    p50 ms   p99 ms   ok      failed   pgbench insert tps   ratio');
for (const r of rows) {
  const c = ceiling[CLIENTS.indexOf(r.clients)];
  console.log(`${r.what.padEnd(13)} ${String(r.clients).padStart(7)} ${r.rps.toFixed(0).padStart(7)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${String(r.ok).padStart(7)} ${String(r.failed).padStart(8)} ${`${c.tps.toFixed(0)} (${c.clients} cl)`.padStart(20)}   ${(r.rps / c.tps * 100).toFixed(1)}%`);
}
console.log('\nratio = API writes per second / pgbench one-row inserts per second at the same client count (the ceiling).');
