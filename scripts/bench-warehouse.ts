// `npm run bench:warehouse [-- --lots 20000 --repeat 5]`: loads a year of warehouse history
// (about 20,000 lots and 150,000 ledger entries, bulk SQL) into a fresh PostgreSQL database
// and times, through the real app over HTTP, GET /stock and a FEFO packing run of 100 bags.
// Uses DATABASE_URL when given (it must be an empty database); otherwise creates and drops
// its own database on 127.0.0.1:5432 (or BENCH_POSTGRES_URL).
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { sql } from 'drizzle-orm';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { startJobs } from '../src/jobs/processors/index.ts';
import { createUser } from '../src/modules/users/users.service.ts';

const { values } = parseArgs({ options: { lots: { type: 'string', default: '20000' }, repeat: { type: 'string', default: '5' } } });
const LOTS = Number(values.lots);
const REPEAT = Number(values.repeat);
const RECENT = Math.round(LOTS * 0.075); // the last ~4 weeks still have stock

const adminUrl = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
let ownDb: string | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  ownDb = `kassi_bench_wh_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${ownDb}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${ownDb}`;
  databaseUrl = url.toString();
}

const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', REDIS_URL: '', DATA_DIR: 'memory://' });
const deps = await createDeps(config, pino({ level: 'warn' }));
await startJobs(deps, 'api');
const { database } = deps;
const run = (q: ReturnType<typeof sql>) => database.rows<Record<string, unknown>>(database.db, q);

try {
  const t0 = performance.now();
  await load();
  const loadMs = performance.now() - t0;
  const [counts] = await run(sql`select (select count(*) from lots) as lots, (select count(*) from ledger_entries) as ledger,
    (select count(*) from bags) as bags, (select count(*) from lots where stock_g > 0) as lots_in_stock,
    (select sum(stock_g) / 1000.0 from lots) as stock_kg`);
  const [depot] = await run(sql`select id from sites where kind = 'depot' and name = 'Bench depot'`);
  const depotId = depot.id as string;

  const { app } = await buildApp(deps, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const email = `bench-${randomBytes(3).toString('hex')}@bench.example`;
  await createUser(database.db, { email, name: 'Bench volunteer', role: 'warehouse', password: 'correct-horse-battery' });
  const login = await (await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'correct-horse-battery' }) })).json() as { token: string };
  const headers = { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' };

  const timed = async (label: string, f: () => Promise<Response>) => {
    const times: number[] = [];
    let last: unknown;
    for (let i = 0; i < REPEAT; i++) {
      const t = performance.now();
      const res = await f();
      last = await res.json();
      times.push(performance.now() - t);
      if (!res.ok) throw new Error(`${label}: ${res.status} ${JSON.stringify(last)}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`${label.padEnd(44)} first ${times[0].toFixed(1)} ms   median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms   min ${sorted[0].toFixed(1)} ms   (n=${REPEAT})`);
    return last;
  };

  console.log(`loaded ${counts.lots} lots, ${counts.ledger} ledger entries, ${counts.bags} bags in ${(loadMs / 1000).toFixed(1)} s;`
    + ` ${counts.lots_in_stock} lots hold ${Number(counts.stock_kg).toFixed(3)} kg`);
  const stock = await timed('GET /stock?depotId=', () => fetch(`${base}/stock?depotId=${depotId}`, { headers })) as { totalKg: number; expiringSoon: unknown[] };
  await timed('GET /stock (all depots)', () => fetch(`${base}/stock`, { headers }));
  await timed('GET /lots?status=in_stock&limit=100', () => fetch(`${base}/lots?status=in_stock&limit=100&depotId=${depotId}`, { headers }));
  const packed = await timed('POST /packing-runs FEFO, 100 food bags', () => fetch(`${base}/packing-runs`, {
    method: 'POST', headers, body: JSON.stringify({ depotId, bagType: 'food', bagCount: 100 }),
  })) as { bagCount: number; totalKg: number; lots: unknown[] };
  await timed('GET /bags/available', () => fetch(`${base}/bags/available?depotId=${depotId}&bagType=food`, { headers }));
  const [after] = await run(sql`select count(*) as drift from lots l where l.stock_g <> (select coalesce(sum(grams), 0) from ledger_entries e where e.lot_id = l.id)`);
  console.log(`stock ${stock.totalKg} kg, ${stock.expiringSoon.length} lots expiring soon; last run packed ${packed.bagCount} bags, ${packed.totalKg} kg from ${packed.lots.length} lots; lots whose stock differs from their ledger: ${after.drift}`);
  await app.close();
} finally {
  await deps.close();
  if (ownDb) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${ownDb} with (force)`);
    await admin.end();
  }
}

/**
 * A year of history for one depot, in set-based SQL: 8 donors, 3 units, LOTS lots in intakes
 * of 4, each old lot packed in 5 runs, corrected by −1 g and its rest discarded (8 entries);
 * the most recent lots packed once and still in stock. Stock always equals the ledger sum.
 */
async function load() {
  await run(sql`insert into sites (kind, name, municipality, lat, lon) values ('depot', 'Bench depot', 'Mikkeli', 61.701, 27.233)`);
  await run(sql`insert into sites (kind, name, municipality, lat, lon, depot_id, donor_kind)
    select 'donor', 'Bench donor ' || i, 'Mikkeli', 61.69 + i * 0.001, 27.24, (select id from sites where name = 'Bench depot'), 'shop' from generate_series(1, 8) i`);
  await run(sql`insert into storage_units (depot_id, name, temperature_class, capacity_g)
    select (select id from sites where name = 'Bench depot'), c || ' store', c, 1000000000 from unnest(array['ambient', 'chilled', 'frozen']) c`);
  await run(sql.raw(`
    create temp table bench_lots as
    with p as (
      select n, ((n - 1) / 4) + 1 as intake_no,
        (5000 + (n * 7919) % 40000)::bigint as received_g,
        (array['bread','dairy','meat','fish','ready_meals','fruit_veg','dry_goods','frozen'])[1 + n % 8] as category,
        n > ${LOTS - RECENT} as recent
      from generate_series(1, ${LOTS}) n
    )
    select p.*, gen_random_uuid() as id,
      now() - make_interval(secs => (${LOTS} - n)::float / ${LOTS} * 365 * 86400) as received_at,
      case when category in ('bread','fruit_veg','dry_goods') then 'ambient' when category = 'frozen' then 'frozen' else 'chilled' end as temperature_class,
      case when category in ('dairy','meat','fish','ready_meals') then 'use_by' when category = 'fruit_veg' then 'none' else 'best_before' end as date_kind,
      (received_g * 18 / 100) as pack_g
    from p`));
  await run(sql.raw(`
    create temp table bench_intakes as
    select intake_no, gen_random_uuid() as id, min(received_at) as received_at,
      (select id from sites where kind = 'donor' and name = 'Bench donor ' || (1 + intake_no % 8)) as donor_id
    from bench_lots group by intake_no`));
  await run(sql.raw(`
    insert into intakes (id, donor_id, depot_id, received_at)
    select id, donor_id, (select id from sites where name = 'Bench depot'), received_at from bench_intakes`));
  await run(sql.raw(`
    insert into lots (id, intake_id, donor_id, depot_id, category, temperature_class, date_kind, date, storage_unit_id, received_g, stock_g, received_at)
    select l.id, i.id, i.donor_id, u.depot_id, l.category, l.temperature_class, l.date_kind,
      case l.date_kind when 'none' then null
        when 'use_by' then (i.received_at at time zone 'Europe/Helsinki')::date + (4 + l.n % 12)
        else (i.received_at at time zone 'Europe/Helsinki')::date + (10 + l.n % 60) end,
      u.id, l.received_g,
      case when l.recent then l.received_g - l.pack_g else 0 end,
      i.received_at
    from bench_lots l join bench_intakes i using (intake_no)
    join storage_units u on u.temperature_class = l.temperature_class and u.depot_id = (select id from sites where name = 'Bench depot')`));
  // One packing run a day, with its bags (delivered long ago).
  await run(sql.raw(`
    create temp table bench_runs as
    select d, gen_random_uuid() as id, now() - make_interval(days => 365 - d) + interval '3 hours' as packed_at from generate_series(0, 365) d`));
  await run(sql.raw(`
    insert into packing_runs (id, depot_id, bag_type, bag_count, packed_at)
    select id, (select id from sites where name = 'Bench depot'), 'food', 30, packed_at from bench_runs`));
  await run(sql.raw(`
    insert into ledger_entries (lot_id, depot_id, kind, grams, reason, at, packing_run_id)
    select l.id, x.depot_id, e.kind, e.grams, e.reason, e.at,
      case when e.kind = 'pack' then (select r.id from bench_runs r where r.d = least(365, greatest(0, 365 - floor(extract(epoch from now() - e.at) / 86400)::int))) end
    from bench_lots l join lots x on x.id = l.id
    cross join lateral (
      select 'intake' as kind, l.received_g as grams, null as reason, l.received_at as at
      union all select 'pack', -l.pack_g, null, l.received_at + make_interval(hours => k) from generate_series(1, case when l.recent then 1 else 5 end) k
      union all select 'adjust', -1, 'recount', l.received_at + interval '6 hours' where not l.recent
      union all select 'discard', -(l.received_g - 5 * l.pack_g - 1), 'expired', l.received_at + interval '7 hours' where not l.recent
    ) e
    order by e.at`));
  await run(sql.raw(`
    insert into packing_run_lots (packing_run_id, lot_id, grams)
    select packing_run_id, lot_id, -sum(grams) from ledger_entries where kind = 'pack' group by packing_run_id, lot_id`));
  await run(sql.raw(`
    insert into bags (packing_run_id, depot_id, bag_type, weight_g, status, packed_at, status_at)
    select r.id, (select id from sites where name = 'Bench depot'), 'food', 5000, 'delivered', r.packed_at, r.packed_at + interval '1 day'
    from bench_runs r cross join generate_series(1, 30)`));
  await run(sql`analyze`);
}
