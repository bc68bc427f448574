// Synthetic history for the benchmarks (bench:reports, bench:backup): depots with their donors,
// points and one store; intakes and lots; packing runs with ledger entries, discards, corrections
// and freezes; bags, reservations and deliveries. Bulk SQL in one transaction, consistent by
// construction, repeatable by its seed.
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.ts';

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `f` and prints how long it took under `label`. */
export const timed = async <T>(label: string, f: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const out = await f();
  console.log(`  ${label}: ${seconds(performance.now() - t0)}`);
  return out;
};

export interface HistoryShape {
  networks: number;
  firstDay: string;
  lastDay: string;
  intakesPerDay: number;
  lotsPerIntake: number;
  /** About how heavy a bag is packed. */
  bagG: number;
  /** PostgreSQL's `setseed`, between -1 and 1. */
  seed: number;
}

/** Writes the history of `s.networks` networks from `s.firstDay` to `s.lastDay` (tallies not included). */
export async function generateHistory(database: Database, s: HistoryShape) {
  await database.db.transaction(async (tx) => {
    const run = async (q: string) => {
      const t0 = performance.now();
      await tx.execute(sql.raw(q));
      if (process.env.BENCH_VERBOSE) console.log(`    ${seconds(performance.now() - t0)}: ${q.trim().slice(0, 70).replace(/\s+/g, ' ')}`);
    };
    // Consistent by construction; skip FK triggers for speed (the append-only triggers only guard UPDATE/DELETE).
    await run(`set local session_replication_role = replica`);
    await run(`select setseed(${s.seed})`);
    await timed('sites, storage units', async () => {
      await run(`create temp table b_depot on commit drop as
        select gen_random_uuid() as id, gen_random_uuid() as unit_id, n from generate_series(1, ${s.networks}) n`);
      await run(`insert into sites (id, kind, name, municipality, lat, lon) select id, 'depot', 'Depot ' || n, 'Mikkeli', 61.7, 27.2 from b_depot`);
      await run(`insert into storage_units (id, depot_id, name, temperature_class, capacity_g) select unit_id, id, 'Store', 'ambient', 100000000000 from b_depot`);
      await run(`create temp table b_donor on commit drop as select gen_random_uuid() as id, d.id as depot_id, d.n, k from b_depot d, generate_series(1, 30) k`);
      await run(`insert into sites (id, kind, name, municipality, lat, lon, depot_id, donor_kind)
        select id, 'donor', 'Donor ' || n || '-' || k, 'Mikkeli', 61.7, 27.2, depot_id, case when k % 5 = 0 then 'producer' else 'shop' end from b_donor`);
      await run(`create temp table b_point on commit drop as select gen_random_uuid() as id, d.id as depot_id, d.n, k from b_depot d, generate_series(1, 20) k`);
      await run(`insert into sites (id, kind, name, municipality, lat, lon, depot_id) select id, 'point', 'Point ' || n || '-' || k, 'Mikkeli', 61.7, 27.2, depot_id from b_point`);
      await run(`create temp table b_dd on commit drop as
        select d.id as depot_id, d.unit_id,
          (select array_agg(o.id order by o.k) from b_donor o where o.depot_id = d.id) as donors,
          (select array_agg(p.id order by p.k) from b_point p where p.depot_id = d.id) as points
        from b_depot d`);
    });
    await timed('intakes and lots', async () => {
      await run(`create temp table b_intake on commit drop as
        select gen_random_uuid() as id, dd.depot_id, dd.unit_id, dd.donors[1 + floor(random() * 30)::int] as donor_id, day::date as day,
               ((day + time '06:00' + random() * interval '7 hours') at time zone 'Europe/Helsinki') as received_at
        from b_dd dd, generate_series('${s.firstDay}'::timestamp, '${s.lastDay}'::timestamp, interval '1 day') day, generate_series(1, ${s.intakesPerDay}) k`);
      await run(`insert into intakes (id, donor_id, depot_id, received_at) select id, donor_id, depot_id, received_at from b_intake`);
      await run(`create temp table b_lot0 on commit drop as
        select gen_random_uuid() as id, i.id as intake_id, i.depot_id, i.donor_id, i.unit_id, i.day, i.received_at,
          (array['bread','dairy','meat','fish','smoked_fish','ready_meals','fruit_veg','dry_goods','non_food','frozen'])[1 + floor(random() * 10)::int] as category,
          (200 + floor(random() * 4800))::bigint as g0, 3 + floor(random() * 5)::int as n_pack,
          random() < 0.3 as has_discard, random() < 0.2 as has_adjust, random() < 0.1 as has_freeze,
          random() as u1, random() as u2, random() as u3
        from b_intake i, generate_series(1, ${s.lotsPerIntake}) k`);
      // Most lots are used up within a week (the last pack takes what is left); the last two
      // weeks' lots and one in twenty older ones keep some stock.
      await run(`create temp table b_lot1 on commit drop as
        select *, case when has_discard then floor(g0 * 0.1 * u2)::bigint else 0 end as discard_g,
          case when not has_adjust then 0 when u3 < 0.5 then -floor(g0 * 0.2 * u3)::bigint else floor(300 * u3)::bigint end as adjust_g,
          case category when 'bread' then 'bread' when 'non_food' then 'hygiene' else 'food' end as bag_type
        from b_lot0`);
      await run(`create temp table b_lot on commit drop as
        select *, case when day > '${s.lastDay}'::date - 14 or u1 < 0.05 then floor((g0 - discard_g + adjust_g) * (0.5 + 0.4 * u1))::bigint
                       else g0 - discard_g + adjust_g end as packed_g
        from b_lot1`);
      await run(`insert into lots (id, intake_id, donor_id, depot_id, category, temperature_class, date_kind, storage_unit_id, received_g, stock_g, received_at)
        select id, intake_id, donor_id, depot_id, category, 'ambient', 'none', unit_id, g0, g0 - packed_g - discard_g + adjust_g, received_at from b_lot`);
    });
    await timed('packing runs and ledger entries', async () => {
      await run(`create temp table b_run on commit drop as
        select gen_random_uuid() as id, dd.depot_id, day::date as day, bt as bag_type,
               ((day + time '14:00') at time zone 'Europe/Helsinki') as packed_at,
               1 + floor(random() * 3)::int as deliver_after_days
        from b_dd dd, generate_series('${s.firstDay}'::timestamp, '${s.lastDay}'::timestamp, interval '1 day') day, unnest(array['food', 'bread', 'hygiene']) bt`);
      await run(`create unique index on b_run (depot_id, day, bag_type)`);
      await run(`analyze b_run`);
      await run(`analyze b_lot`);
      await run(`create temp table b_pack on commit drop as
        select l.id as lot_id, l.depot_id, r.id as run_id, r.packed_at,
               floor(l.packed_g / l.n_pack)::bigint + case when p = 1 then l.packed_g % l.n_pack else 0 end as g
        from b_lot l cross join lateral generate_series(1, l.n_pack) p
        join b_run r on r.depot_id = l.depot_id and r.bag_type = l.bag_type and r.day = least(l.day + p - 1, '${s.lastDay}'::date)`);
      await run(`insert into ledger_entries (lot_id, depot_id, kind, grams, reason, at, packing_run_id)
        select id, depot_id, 'intake', g0, null, received_at, null from b_lot
        union all select lot_id, depot_id, 'pack', -g, null, packed_at, run_id from b_pack
        union all select id, depot_id, 'discard', -discard_g, (array['spoiled','expired','temperature','recall','other'])[1 + floor(u2 * 5)::int],
                         received_at + interval '1 day' + u2 * interval '6 hours', null from b_lot where has_discard
        union all select id, depot_id, 'adjust', adjust_g, 'recount', received_at + interval '2 days' + u3 * interval '6 hours', null from b_lot where has_adjust
        union all select id, depot_id, 'freeze', 0, null, received_at + interval '1 hour', null from b_lot where has_freeze`);
      await run(`insert into packing_run_lots (packing_run_id, lot_id, grams) select run_id, lot_id, sum(g) from b_pack group by run_id, lot_id`);
    });
    await timed('bags, reservations and deliveries', async () => {
      await run(`create temp table b_runbags on commit drop as
        select r.*, t.total, greatest(1, round(t.total / ${s.bagG}.0))::int as n
        from b_run r join (select run_id, sum(g) as total from b_pack group by run_id) t on t.run_id = r.id where t.total > 0`);
      await run(`analyze b_pack`);
      await run(`analyze b_runbags`);
      await run(`insert into packing_runs (id, depot_id, bag_type, bag_count, packed_at) select id, depot_id, bag_type, n, packed_at from b_runbags`);
      await run(`create temp table b_bag on commit drop as
        select gen_random_uuid() as id, r.id as run_id, r.depot_id, r.bag_type, r.packed_at,
               floor(r.total / r.n)::bigint + case when k = 1 then r.total % r.n else 0 end as weight_g,
               random() < 0.9 as delivered, dd.points[1 + floor(random() * 20)::int] as point_id,
               r.packed_at + r.deliver_after_days * interval '1 day' - interval '3 hours' as delivered_at
        from b_runbags r join b_dd dd on dd.depot_id = r.depot_id cross join lateral generate_series(1, r.n) k`);
      await run(`analyze b_bag`);
      await run(`create temp table b_res on commit drop as
        select gen_random_uuid() as id, run_id, point_id, depot_id, bag_type, min(delivered_at) as delivered_at, count(*) as bags
        from b_bag where delivered group by run_id, point_id, depot_id, bag_type`);
      await run(`insert into reservations (id, point_id, depot_id, date, bag_type, bags, status, bags_delivered, delivered_at, dispatched_at)
        select id, point_id, depot_id, (delivered_at at time zone 'Europe/Helsinki')::date, bag_type, bags, 'delivered', bags, delivered_at, delivered_at - interval '2 hours' from b_res`);
      await run(`insert into bags (id, packing_run_id, depot_id, bag_type, weight_g, status, reservation_id, packed_at, status_at)
        select b.id, b.run_id, b.depot_id, b.bag_type, b.weight_g, case when b.delivered then 'delivered' else 'in_stock' end, r.id, b.packed_at,
               case when b.delivered then b.delivered_at else b.packed_at end
        from b_bag b left join b_res r on b.delivered and r.run_id = b.run_id and r.point_id = b.point_id`);
      await run(`insert into bag_events (bag_id, from_status, to_status, reservation_id, at)
        select b.id, 'dispatched', 'delivered', r.id, b.delivered_at from b_bag b join b_res r on r.run_id = b.run_id and r.point_id = b.point_id where b.delivered`);
    });
  });
}
