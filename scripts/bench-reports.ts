// `npm run bench:reports [-- --years 3 --networks 10 --keep] [-- --db NAME]` (--db: time an already generated database): three years of history for ten
// networks (≈600,000 lots, ≈4 million ledger entries, ≈200,000 bags) generated with bulk SQL
// into a fresh PostgreSQL database, tallies rebuilt in bulk, then timed: a year's monthly
// report by point (cold = first request after the API starts, warm = repeated), the summary,
// and the recount of one day (today's, and a day a year back, which restates later stock).
// Needs PostgreSQL on 127.0.0.1:5432 (or BENCH_POSTGRES_URL); creates and drops its own database.
import { spawn } from 'node:child_process';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/client.ts';
import { runMigrations } from '../src/db/migrate.ts';
import { addDays, localDayRange } from '../src/domain/dates.ts';
import { rebuildAllTallies, recountTallyDay } from '../src/modules/tallies/tallies.service.ts';
import { generateHistory, seconds, timed } from './seed/history.ts';

const { values } = parseArgs({
  options: {
    years: { type: 'string', default: '3' }, networks: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false }, db: { type: 'string' },
  },
});
const years = Number(values.years);
const networks = Number(values.networks);
const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const root = new URL('..', import.meta.url).pathname;
const lastDay = '2026-10-31';
const firstDay = addDays(`${Number(lastDay.slice(0, 4)) - years}-${lastDay.slice(5)}`, 1);
const INTAKES_PER_DAY = 18;
const LOTS_PER_INTAKE = 3;

const reuse = values.db !== undefined;
const dbName = values.db ?? `kassi_bench_reports_${Date.now()}`;
const pgAdmin = new pg.Client({ connectionString: adminUrl });
await pgAdmin.connect();
if (!reuse) await pgAdmin.query(`create database ${dbName}`);
const dbUrl = new URL(adminUrl);
dbUrl.pathname = `/${dbName}`;
const database = await openDatabase({ databaseUrl: dbUrl.toString(), dataDir: 'unused', poolSize: 4 });
await runMigrations(database);


if (!reuse) {
  // ---------------------------------------------------------------- generation (bulk SQL)
  console.log(`generating ${years} years (${firstDay} .. ${lastDay}) for ${networks} networks into ${dbName}`);
  const tGen = performance.now();
  await generateHistory(database, { networks, firstDay, lastDay, intakesPerDay: INTAKES_PER_DAY, lotsPerIntake: LOTS_PER_INTAKE, bagG: 6_000, seed: 0.2020 });
  await timed('analyze', () => database.db.execute(sql`analyze`));
  const counts = await database.rows<Record<string, string>>(database.db, sql`select
    (select count(*) from lots) as lots, (select count(*) from ledger_entries) as ledger, (select count(*) from bags) as bags,
    (select count(*) from bag_events) as deliveries, (select count(*) from reservations) as reservations`);
  console.log(`generated in ${seconds(performance.now() - tGen)}:`, Object.fromEntries(Object.entries(counts[0]).map(([k, v]) => [k, Number(v)])));

  // ---------------------------------------------------------------- tallies in bulk
  const tTallies = performance.now();
  await rebuildAllTallies(database);
  // What autovacuum does after a bulk load: statistics and the visibility map (index-only scans).
  await database.db.execute(sql`vacuum analyze tallies`);
  const [{ n: tallyRows }] = await database.rows<{ n: string }>(database.db, sql`select count(*) as n from tallies`);
  console.log(`tallies rebuilt in bulk in ${seconds(performance.now() - tTallies)} (${Number(tallyRows)} rows)`);
  const [{ diff }] = await database.rows<{ diff: string }>(database.db, sql`
    select (select coalesce(sum(g_in), 0) from tallies where dimension = 'depot') - (select sum(grams) from ledger_entries where kind = 'intake') as diff`);
  console.log(`check: tallied kg in minus ledger intake = ${Number(diff)} g`);

}

// ---------------------------------------------------------------- reports over HTTP
const email = 'bench@kassi.example';
const password = 'bench-password-1';
const port = 3907;
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: root,
  env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: dbUrl.toString(), RUN_JOBS_IN_PROCESS: 'false', BOOTSTRAP_ADMIN_EMAIL: email, BOOTSTRAP_ADMIN_PASSWORD: password },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
server.on('exit', (code) => {
  if (code !== 0 && code !== null) throw new Error(`the API exited with ${code}`);
});
for (;;) {
  try {
    if ((await fetch(`${base}/health/ready`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 50));
}
const login = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
const { token } = (await login.json()) as { token: string };
const [{ id: depotId }] = await database.rows<{ id: string }>(database.db, sql`select id from sites where kind = 'depot' order by name limit 1`);

async function timeGet(path: string): Promise<{ ms: number; items: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { items?: unknown[] };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
  return { ms, items: body.items?.length ?? 1 };
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const reports: [string, string][] = [
  ['year, monthly, by point, one depot', `/reports/tallies?from=2025-01-01&to=2025-12-31&period=month&by=point&depotId=${depotId}`],
  ['year, monthly, by point, all depots', `/reports/tallies?from=2025-01-01&to=2025-12-31&period=month&by=point`],
  ['year, weekly, by donor, all depots', `/reports/tallies?from=2025-01-01&to=2025-12-31&period=week&by=donor`],
  ['summary of a year, all depots', `/reports/summary?from=2025-01-01&to=2025-12-31`],
];
console.log('reports (HTTP, from the tallies):');
for (const [label, path] of reports) {
  const cold = await timeGet(path);
  const warm: number[] = [];
  for (let i = 0; i < 20; i++) warm.push((await timeGet(path)).ms);
  console.log(`  ${label}: cold ${cold.ms.toFixed(1)} ms, warm median ${median(warm).toFixed(1)} ms (${cold.items} items)`);
}
const exited = new Promise((r) => server.on('exit', r));
server.kill('SIGTERM');
await exited;

// ---------------------------------------------------------------- recounting one day
// Each recount follows a write to that day, as in production: a late intake of 2.5 kg at noon.
async function lateIntake(depotId: string, day: string) {
  await database.db.execute(sql`
    with i as (
      insert into intakes (donor_id, depot_id, received_at)
      select id, ${depotId}::uuid, (${day}::date + time '12:00') at time zone 'Europe/Helsinki' from sites where depot_id = ${depotId}::uuid and kind = 'donor' limit 1
      returning id, donor_id, received_at
    ), l as (
      insert into lots (intake_id, donor_id, depot_id, category, temperature_class, date_kind, storage_unit_id, received_g, stock_g, received_at)
      select i.id, i.donor_id, ${depotId}::uuid, 'dry_goods', 'ambient', 'none', u.id, 2500, 2500, i.received_at
      from i, storage_units u where u.depot_id = ${depotId}::uuid
      returning id, received_at
    )
    insert into ledger_entries (lot_id, depot_id, kind, grams, at) select id, ${depotId}::uuid, 'intake', 2500, received_at from l`);
}
console.log(`recount of one day after a write to it (depot ${depotId}):`);
for (const [label, day] of [['today (the last day)', lastDay], ['yesterday', addDays(lastDay, -1)], ['a month back', addDays(lastDay, -30)], ['a year back', addDays(lastDay, -365)]] as const) {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    await lateIntake(depotId, day);
    const t0 = performance.now();
    await recountTallyDay(database, depotId, day);
    times.push(performance.now() - t0);
  }
  console.log(`  ${label} ${day}: first ${times[0].toFixed(0)} ms, median ${median(times).toFixed(0)} ms (restates the stock of the days after it)`);
}
const [{ diff: after }] = await database.rows<{ diff: string }>(database.db, sql`
  select (select coalesce(sum(stock_end_g), 0) from tallies where dimension = 'depot' and day = ${lastDay}::date and depot_id = ${depotId}::uuid)
       - (select sum(grams) from ledger_entries where depot_id = ${depotId}::uuid and at < ${localDayRange(lastDay).end.toISOString()}::timestamptz) as diff`);
console.log(`check: stock at the end of ${lastDay} in the tallies minus the ledger = ${Number(after)} g`);

await database.close();
if (!values.keep && !reuse) await pgAdmin.query(`drop database ${dbName} with (force)`);
else console.log(`kept database ${dbName}`);
await pgAdmin.end();
