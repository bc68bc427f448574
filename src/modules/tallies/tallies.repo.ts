import { sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { DISCARD_REASONS } from '../../domain/categories.ts';
import { TIME_ZONE, type LocalDate } from '../../domain/dates.ts';

/**
 * The SQL that counts tallies straight from the ledger and the bag records. Every statement
 * works on a range of local days `[fromDay, toDay]` of one depot whose instants are
 * `[start, end)`; a day's recount is the range of one day, a rebuild the range of years.
 * Local days in SQL come from `at AT TIME ZONE 'Europe/Helsinki'`, the same tz database as
 * the instants the caller computed, so 23- and 25-hour days fall out right.
 */
export interface DayRange {
  depotId: string;
  fromDay: LocalDate;
  toDay: LocalDate;
  /** Local midnight starting `fromDay`. */
  start: Date;
  /** Local midnight ending `toDay`. */
  end: Date;
}

const TZ = sql.raw(`'${TIME_ZONE}'`);
const REASONS = sql.raw(DISCARD_REASONS.map((r) => `'${r}'`).join(', '));
const iso = (d: Date) => d.toISOString();

/**
 * Serialises recounts of one depot (a day's recount restates the stock of later days). Also
 * turns JIT compilation off for the transaction: the CTEs' row estimates are large enough to
 * trigger it, and compiling took seconds for queries that run in milliseconds.
 */
export async function lockDepotTallies(database: Database, tx: Executor, depotId: string) {
  await database.rows(tx, sql`select pg_advisory_xact_lock(hashtextextended(${`tallies:${depotId}`}, 0))`);
  // Restating a year of later days groups a year of entries: in memory, not on disk.
  if (database.kind === 'postgres') await database.rows(tx, sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
}

export async function deleteTallies(database: Database, tx: Executor, r: DayRange) {
  await database.rows(tx, sql`
    delete from tallies where depot_id = ${r.depotId}::uuid and day between ${r.fromDay}::date and ${r.toDay}::date`);
}

/**
 * Ledger flows per day for the donor, category and depot rows: grams in, discarded (and by
 * reason; unknown reasons count as `other`), adjusted (signed) and packed (grams the lots
 * gave to bags). Freeze entries move no grams and make no row. Inserts; the range is empty.
 */
export async function insertLedgerFlows(database: Database, tx: Executor, r: DayRange) {
  await database.rows(tx, sql`
    with le as (
      select (e.at at time zone ${TZ})::date as day, e.kind, e.grams, l.donor_id, l.category,
             case when e.kind = 'discard' then case when e.reason in (${REASONS}) then e.reason else 'other' end end as reason
      from ledger_entries e join lots l on l.id = e.lot_id and l.depot_id = e.depot_id
      where e.depot_id = ${r.depotId}::uuid and e.at >= ${iso(r.start)}::timestamptz and e.at < ${iso(r.end)}::timestamptz
        and e.kind <> 'freeze'
    ), g as (
      select day,
             case when grouping(donor_id) = 0 then 'donor' when grouping(category) = 0 then 'category' else 'depot' end as dimension,
             case when grouping(donor_id) = 0 then donor_id::text when grouping(category) = 0 then category else ${r.depotId}::text end as key,
             reason,
             coalesce(sum(grams) filter (where kind = 'intake'), 0) as g_in,
             coalesce(-sum(grams) filter (where kind = 'discard'), 0) as g_discarded,
             coalesce(sum(grams) filter (where kind = 'adjust'), 0) as g_adjusted,
             coalesce(-sum(grams) filter (where kind = 'pack'), 0) as g_packed
      from le
      group by grouping sets ((day, donor_id, reason), (day, category, reason), (day, reason))
    )
    insert into tallies (day, depot_id, dimension, key, g_in, g_discarded, discarded_by_reason, g_adjusted, g_packed)
    select day, ${r.depotId}::uuid, dimension, key, sum(g_in), sum(g_discarded),
           coalesce(jsonb_object_agg(reason, g_discarded) filter (where reason is not null), '{}'::jsonb),
           sum(g_adjusted), sum(g_packed)
    from g group by day, dimension, key`);
}

/**
 * Food refused at receipt per day on the donor, category and depot rows, and by reason:
 * from the refusal records, never the ledger (refused food was never stock).
 */
export async function upsertRefusals(database: Database, tx: Executor, r: DayRange) {
  await database.rows(tx, sql`
    with f as (
      select (f.at at time zone ${TZ})::date as day, f.donor_id, f.category, f.reason, f.grams
      from intake_refusals f
      where f.depot_id = ${r.depotId}::uuid and f.at >= ${iso(r.start)}::timestamptz and f.at < ${iso(r.end)}::timestamptz
    ), g as (
      select day,
             case when grouping(donor_id) = 0 then 'donor' when grouping(category) = 0 then 'category' else 'depot' end as dimension,
             case when grouping(donor_id) = 0 then donor_id::text when grouping(category) = 0 then category else ${r.depotId}::text end as key,
             reason, sum(grams) as grams
      from f
      group by grouping sets ((day, donor_id, reason), (day, category, reason), (day, reason))
    )
    insert into tallies (day, depot_id, dimension, key, g_refused, refused_by_reason)
    select day, ${r.depotId}::uuid, dimension, key, sum(grams), jsonb_object_agg(reason, grams)
    from g group by day, dimension, key
    on conflict (day, depot_id, dimension, key) do update set
      g_refused = excluded.g_refused, refused_by_reason = excluded.refused_by_reason`);
}

/**
 * Bags packed per day: count and weight per bag type, and the count on the depot row (whose
 * packed grams stay the ledger's, the figure the mass balance needs).
 */
export async function upsertBagsPacked(database: Database, tx: Executor, r: DayRange) {
  await database.rows(tx, sql`
    insert into tallies (day, depot_id, dimension, key, bags_packed, g_packed)
    select day, ${r.depotId}::uuid,
           case when grouping(bag_type) = 0 then 'bagType' else 'depot' end,
           case when grouping(bag_type) = 0 then bag_type else ${r.depotId}::text end,
           count(*), case when grouping(bag_type) = 0 then sum(weight_g) else 0 end
    from (
      select (b.packed_at at time zone ${TZ})::date as day, b.bag_type, b.weight_g
      from bags b
      where b.depot_id = ${r.depotId}::uuid and b.packed_at >= ${iso(r.start)}::timestamptz and b.packed_at < ${iso(r.end)}::timestamptz
    ) p
    group by grouping sets ((day, bag_type), (day))
    on conflict (day, depot_id, dimension, key) do update set
      bags_packed = excluded.bags_packed,
      g_packed = case when excluded.dimension = 'depot' then tallies.g_packed else excluded.g_packed end`);
}

/**
 * Bags packed per day on the category and donor rows: the bags holding any food of that
 * category or donor (from the bags' contents), each bag once per row. The grams stay the
 * ledger's, so the mass balance is untouched.
 */
export async function upsertBagsPackedByContents(database: Database, tx: Executor, r: DayRange) {
  await database.rows(tx, sql`
    insert into tallies (day, depot_id, dimension, key, bags_packed)
    select day, ${r.depotId}::uuid,
           case when grouping(category) = 0 then 'category' else 'donor' end,
           case when grouping(category) = 0 then category else donor_id::text end,
           count(distinct bag_id)
    from (
      select (b.packed_at at time zone ${TZ})::date as day, b.id as bag_id, l.category, l.donor_id
      from bags b join bag_contents c on c.bag_id = b.id join lots l on l.id = c.lot_id
      where b.depot_id = ${r.depotId}::uuid and b.packed_at >= ${iso(r.start)}::timestamptz and b.packed_at < ${iso(r.end)}::timestamptz
    ) p
    group by grouping sets ((day, category), (day, donor_id))
    on conflict (day, depot_id, dimension, key) do update set bags_packed = excluded.bags_packed`);
}

/**
 * Bags delivered per day, counted once each on the day of their first `delivered` event, by
 * bag type, by the point of the reservation they went out on, and on the depot row. A bag a
 * stop's correction took back (and did not deliver again) is not counted.
 */
export async function upsertBagsDelivered(database: Database, tx: Executor, r: DayRange) {
  await database.rows(tx, sql`
    insert into tallies (day, depot_id, dimension, key, bags_delivered, g_delivered)
    select day, ${r.depotId}::uuid,
           case when grouping(bag_type) = 0 then 'bagType' when grouping(point_id) = 0 then 'point' else 'depot' end,
           case when grouping(bag_type) = 0 then bag_type when grouping(point_id) = 0 then point_id::text else ${r.depotId}::text end,
           count(*), sum(weight_g)
    from (
      select (e.at at time zone ${TZ})::date as day, b.bag_type, b.weight_g, res.point_id
      from bag_events e
      join bags b on b.id = e.bag_id
      left join reservations res on res.id = coalesce(e.reservation_id, b.reservation_id)
      where e.to_status = 'delivered' and e.at >= ${iso(r.start)}::timestamptz and e.at < ${iso(r.end)}::timestamptz
        and b.depot_id = ${r.depotId}::uuid
        and not exists (
          select 1 from bag_events p
          where p.bag_id = e.bag_id and p.to_status = 'delivered' and (p.at < e.at or (p.at = e.at and p.id < e.id)))
        -- A stop's correction took it back (to stock or discarded) and it was not delivered again.
        and not (b.status <> 'delivered' and exists (
          select 1 from bag_events c where c.bag_id = e.bag_id and c.from_status = 'delivered' and c.to_status in ('in_stock', 'discarded')))
    ) d
    group by grouping sets ((day, bag_type), (day, point_id), (day))
    having not (grouping(point_id) = 0 and point_id is null)
    on conflict (day, depot_id, dimension, key) do update set
      bags_delivered = excluded.bags_delivered, g_delivered = excluded.g_delivered`);
}

/**
 * Stock at the end of each day of the range, for the depot, donor and category rows: the
 * stock at the start of the range (the stock now minus every entry since) plus the running
 * sum of the range's entries. Anchoring on the present keeps a recount of a recent day
 * proportional to what happened since, not to the depot's whole history. Every day gets a depot
 * row (the anchor the summary reads stock from); a donor or category gets a row where its
 * stock is not zero or a row already exists. Upserts only `stock_end_g`, so with
 * `andLaterDays` it also restates the later days that have tallies (a late write changes
 * their stock), without touching their flows or adding days.
 */
export async function upsertStockEnd(database: Database, tx: Executor, r: DayRange, andLaterDays = false) {
  await database.rows(tx, sql`
    with current as (
      -- Stock now, from the lots' cached stock (kept with each entry in the same transaction,
      -- and never negative): only the depot's lots that hold anything are read.
      select case when grouping(l.donor_id) = 0 then 'donor' when grouping(l.category) = 0 then 'category' else 'depot' end as dimension,
             case when grouping(l.donor_id) = 0 then l.donor_id::text when grouping(l.category) = 0 then l.category else ${r.depotId}::text end as key,
             sum(l.stock_g) as g
      from lots l
      where l.depot_id = ${r.depotId}::uuid and l.stock_g > 0
      group by grouping sets ((l.donor_id), (l.category), ())
    ), moves as (
      -- Every entry from the start of the range on (also after its end): stock at the end of
      -- day d is the stock now minus what was booked after d.
      select day,
             case when grouping(donor_id) = 0 then 'donor' when grouping(category) = 0 then 'category' else 'depot' end as dimension,
             case when grouping(donor_id) = 0 then donor_id::text when grouping(category) = 0 then category else ${r.depotId}::text end as key,
             sum(grams) as g
      from (
        select (e.at at time zone ${TZ})::date as day, e.grams, l.donor_id, l.category
        from ledger_entries e join lots l on l.id = e.lot_id and l.depot_id = e.depot_id
        where e.depot_id = ${r.depotId}::uuid and e.at >= ${iso(r.start)}::timestamptz
      ) m
      group by grouping sets ((day, donor_id), (day, category), (day))
    ), base as (
      -- Stock at the start of the range, per key.
      select coalesce(c.dimension, m.dimension) as dimension, coalesce(c.key, m.key) as key, coalesce(c.g, 0) - coalesce(m.g, 0) as g
      from current c
      full join (select dimension, key, sum(g) as g from moves group by dimension, key) m on m.dimension = c.dimension and m.key = c.key
    ), keys as (
      select dimension, key from base
      union select dimension, key from moves
      union select 'depot', ${r.depotId}::text
    ), days as (
      select d::date as day from generate_series(${r.fromDay}::date::timestamp, ${r.toDay}::date::timestamp, interval '1 day') d
      ${andLaterDays
        ? sql`union select day from tallies where depot_id = ${r.depotId}::uuid and dimension = 'depot' and day > ${r.toDay}::date`
        : sql``}
    ), all_days as (
      -- The running sum must pass every day with entries, also those without tallies yet.
      select day from days union select day from moves
    ), running as (
      select a.day, k.dimension, k.key,
             coalesce(b.g, 0) + coalesce(sum(m.g) over (partition by k.dimension, k.key order by a.day), 0) as stock
      from all_days a cross join keys k
      left join moves m on m.day = a.day and m.dimension = k.dimension and m.key = k.key
      left join base b on b.dimension = k.dimension and b.key = k.key
    ), grid as (
      select r.* from running r join days d on d.day = r.day
    )
    insert into tallies (day, depot_id, dimension, key, stock_end_g)
    select g.day, ${r.depotId}::uuid, g.dimension, g.key, g.stock from grid g
    where g.stock <> 0 or g.dimension = 'depot' or exists (
      select 1 from tallies t
      where t.depot_id = ${r.depotId}::uuid and t.day = g.day and t.dimension = g.dimension and t.key = g.key)
    on conflict (day, depot_id, dimension, key) do update set stock_end_g = excluded.stock_end_g
      where tallies.stock_end_g <> excluded.stock_end_g`);
  // A row left with nothing (stock gone to 0 by a late write) is what a fresh recount would not write.
  await database.rows(tx, sql`
    delete from tallies
    where depot_id = ${r.depotId}::uuid and day >= ${r.fromDay}::date ${andLaterDays ? sql`` : sql`and day <= ${r.toDay}::date`}
      and dimension in ('donor', 'category')
      and stock_end_g = 0 and g_in = 0 and g_discarded = 0 and g_adjusted = 0 and g_refused = 0 and g_packed = 0 and bags_packed = 0
      and bags_delivered = 0 and g_delivered = 0`);
}

/** The depot's ledger, refusal and bag records span these instants (null when it has none). */
export async function activitySpan(database: Database, ex: Executor, depotId: string): Promise<{ first: Date; last: Date } | null> {
  const [row] = await database.rows<{ first: string | Date | null; last: string | Date | null }>(ex, sql`
    select least(
             (select min(at) from ledger_entries where depot_id = ${depotId}::uuid),
             (select min(at) from intake_refusals where depot_id = ${depotId}::uuid),
             (select min(packed_at) from bags where depot_id = ${depotId}::uuid)) as first,
           greatest(
             (select max(at) from ledger_entries where depot_id = ${depotId}::uuid),
             (select max(at) from intake_refusals where depot_id = ${depotId}::uuid),
             (select max(packed_at) from bags where depot_id = ${depotId}::uuid),
             (select max(e.at) from bag_events e join bags b on b.id = e.bag_id
               where e.to_status = 'delivered' and b.depot_id = ${depotId}::uuid)) as last`);
  if (!row?.first || !row.last) return null;
  return { first: new Date(row.first), last: new Date(row.last) };
}

export async function listDepotIds(database: Database, ex: Executor): Promise<string[]> {
  const rows = await database.rows<{ id: string }>(ex, sql`select id from sites where kind = 'depot' order by id`);
  return rows.map((r) => r.id);
}

/** Refreshes the planner's statistics of the tallies table (PostgreSQL's `analyze`). */
export async function analyzeTallies(database: Database) {
  await database.rows(database.db, sql`analyze tallies`);
}
