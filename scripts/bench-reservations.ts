/**
 * Reservation throughput and latency against PostgreSQL, over real HTTP.
 *
 *   npm run bench:reservations -- [--duration 10] [--connections 20] [--bags 100000] [--scarce 2000] [--keep]
 *
 * Creates its own database on 127.0.0.1 (BENCH_POSTGRES_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres), migrates it, starts the app in-process with
 * the production pool of 20 connections, and drives `POST /reservations` with autocannon
 * (20 concurrent clients, one bag each, a fresh Idempotency-Key per request, as phones send).
 * All requests hit ONE depot and bag type, the hottest case for the lock. Two phases:
 *
 * 1. plenty: more bags than the run can take, so every request is a hold (201);
 * 2. scarce: a small stock is fought over until it runs out, then refusals (409).
 *
 * At the end SQL counts oversold bags (bags promised by held reservations that are not
 * actually held for them, plus bags held beyond the stock); it must print 0.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { execFile } from 'node:child_process';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { sql } from '../src/db/client.ts';
import { createDeps } from '../src/deps.ts';
import { startJobs } from '../src/jobs/processors/index.ts';
import { addDays, localDate } from '../src/domain/dates.ts';
import { createUser } from '../src/modules/users/users.service.ts';

// autocannon ships no types; a computed specifier keeps it `any` without a shared declaration file.
const { default: autocannon } = await import('autocannon' as string) as { default: (opts: object) => Promise<any> };

const { values: args } = parseArgs({
  options: {
    client: { type: 'string' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    bags: { type: 'string', default: '100000' },
    scarce: { type: 'string', default: '300' },
    keep: { type: 'boolean', default: false },
  },
});
const duration = Number(args.duration);

// Client mode: the load generator runs in its own process so it does not share the app's
// event loop (the parent passes the request as JSON and reads the result from stdout).
if (args.client) {
  const spec = JSON.parse(args.client) as { url: string; token: string; body: object; connections: number; duration: number };
  const result = await autocannon({
    url: spec.url, connections: spec.connections, duration: spec.duration,
    requests: [{
      method: 'POST', path: '/reservations',
      headers: { authorization: `Bearer ${spec.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(spec.body),
      setupRequest: (req: any) => ({ ...req, headers: { ...req.headers, 'idempotency-key': randomUUID() } }),
    }],
  });
  process.stdout.write(JSON.stringify(result));
  process.exit(0);
}

const connections = Number(args.connections);
/** Runs autocannon in a child process (this script in client mode). */
async function runClient(spec: object): Promise<any> {
  const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, process.argv[1], '--client', JSON.stringify(spec)], { maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(stdout);
}

const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `kassi_bench_res_${Date.now().toString(36)}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${dbName}`);
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;

const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url.toString(), DATABASE_POOL_SIZE: '20', LOG_LEVEL: 'silent', DATA_DIR: 'memory://' });
const deps = await createDeps(config, pino({ level: 'silent' }));
await startJobs(deps, 'api');
const { app } = await buildApp(deps, { logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const db = deps.database.db;
const rows = <T>(q: ReturnType<typeof sql>) => deps.database.rows<T>(db, q);

try {
  const [depot] = await rows<{ id: string }>(sql`insert into sites (kind, name, municipality, lat, lon) values ('depot', 'Bench depot', 'Mikkeli', 61.7, 27.2) returning id`);
  const [point] = await rows<{ id: string }>(sql`insert into sites (kind, name, municipality, lat, lon, depot_id) values ('point', 'Bench point', 'Mikkeli', 61.6, 27.3, ${depot.id}) returning id`);
  for (const wd of ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
    await rows(sql`insert into distribution_days (point_id, weekday, start, "end") values (${point.id}, ${wd}, '12:00', '14:00')`);
  }
  await createUser(db, { email: 'bench@bench.example', name: 'Bench', role: 'coordinator', password: 'bench-password-123' });
  const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'bench@bench.example', password: 'bench-password-123' }) });
  const { token } = await login.json() as { token: string };
  const date = addDays(localDate(new Date()), 2);

  const stock = async (bagType: string, count: number) => {
    const [run] = await rows<{ id: string }>(sql`insert into packing_runs (depot_id, bag_type, bag_count, packed_at) values (${depot.id}, ${bagType}, ${count}, now()) returning id`);
    await rows(sql`insert into bags (packing_run_id, depot_id, bag_type, weight_g, earliest_use_by, status, packed_at)
      select ${run.id}, ${depot.id}, ${bagType}, 5000, case when g % 3 = 0 then null else ${addDays(date, 5)}::date end, 'in_stock', now()
      from generate_series(1, ${count}) g`);
  };

  const phase = async (name: string, bagType: string, bagsInStock: number) => {
    await stock(bagType, bagsInStock);
    
    const cpuBefore = process.cpuUsage();
    const result = await runClient({ url: base, token, body: { pointId: point.id, date, bagType, bags: 1 }, connections, duration });
    const cpu = process.cpuUsage(cpuBefore);
    const held = (await rows<{ n: number }>(sql`select count(*)::int n from reservations where bag_type = ${bagType}`))[0].n;
    const codes = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]));
    const elapsed = result.duration;
    process.stdout.write([
      `\n== ${name}: ${bagsInStock} ${bagType} bags in stock, ${connections} concurrent clients, ${duration} s ==`,
      `requests:              ${result.requests.total} (${(result.requests.total / elapsed).toFixed(0)} /s), status codes ${JSON.stringify(codes)}, errors ${result.errors}, timeouts ${result.timeouts}`,
      `reservations held:     ${held} → ${(held / elapsed).toFixed(0)} reservations/s`,
      `latency (ms):          p50 ${result.latency.p50}  p90 ${result.latency.p90}  p99 ${result.latency.p99}  max ${result.latency.max}`,
      `API process CPU:       ${((cpu.user + cpu.system) / 1000 / Math.max(1, result.requests.total)).toFixed(2)} ms per request (${((cpu.user + cpu.system) / 1e4 / elapsed).toFixed(0)}% of one core); load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`,
      '',
    ].join('\n'));
    return { held, rps: held / elapsed, p99: result.latency.p99 };
  };

  await phase('plenty', 'food', Number(args.bags));
  await phase('scarce', 'bread', Number(args.scarce));

  const [check] = await rows<{ promised: number; held: number; mismatched: number; beyond_stock: number }>(sql`
    with per_res as (
      select r.id, r.bags, count(b.id) filter (where b.status = 'reserved') as held
      from reservations r left join bags b on b.reservation_id = r.id
      where r.status = 'held' group by r.id, r.bags
    ), per_type as (
      select b.bag_type, count(*) as total, count(*) filter (where b.status = 'reserved') as reserved from bags b group by b.bag_type
    )
    select coalesce(sum(bags), 0)::int as promised, coalesce(sum(held), 0)::int as held,
      (select count(*) from per_res where bags <> held)::int as mismatched,
      (select coalesce(sum(greatest(0, reserved - total)), 0) from per_type)::int as beyond_stock
    from per_res`);
  const oversold = Math.max(0, check.promised - check.held) + check.beyond_stock;
  process.stdout.write([
    '== check (SQL) ==',
    `bags promised by held reservations: ${check.promised}; bags actually held for them: ${check.held}; reservations with a wrong count: ${check.mismatched}`,
    `oversold bags: ${oversold}`,
    '',
  ].join('\n'));
  if (oversold !== 0 || check.mismatched !== 0) process.exitCode = 1;
} finally {
  await app.close();
  await deps.close();
  if (!args.keep) await admin.query(`drop database if exists ${dbName} with (force)`);
  else process.stdout.write(`kept database ${dbName}\n`);
  await admin.end();
}
