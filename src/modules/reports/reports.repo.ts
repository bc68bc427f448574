import { sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import type { LocalDate } from '../../domain/dates.ts';
import type { TallyDimension, TallyPeriod } from '../../domain/tallies.ts';

/** Summed tally figures in grams, as the report queries return them. */
export interface TallySums {
  gIn: number;
  gDiscarded: number;
  gSpoiled: number;
  gExpired: number;
  gTemperature: number;
  gRecall: number;
  gOther: number;
  gAdjusted: number;
  bagsPacked: number;
  gPacked: number;
  bagsDelivered: number;
  gDelivered: number;
}

export interface PeriodRow extends TallySums {
  period: string;
  key: string;
  name: string | null;
}

export interface SummaryRow extends TallySums {
  gInProducers: number;
  pointsServed: number;
  stockStartG: number;
  stockEndG: number;
}

/** The first day of each period (grouped on, cheap per row) and its label (formatted once per group). */
const PERIOD_SQL: Record<TallyPeriod, { start: string; label: string }> = {
  day: { start: `t.day::timestamp`, label: `to_char(a.period_start, 'YYYY-MM-DD')` },
  week: { start: `date_trunc('week', t.day::timestamp)`, label: `to_char(a.period_start, 'IYYY-"W"IW')` },
  month: { start: `date_trunc('month', t.day::timestamp)`, label: `to_char(a.period_start, 'YYYY-MM')` },
};

const SUMS = sql.raw(`
  coalesce(sum(t.g_in), 0)::bigint as "gIn",
  coalesce(sum(t.g_discarded), 0)::bigint as "gDiscarded",
  coalesce(sum((t.discarded_by_reason->>'spoiled')::bigint) filter (where t.g_discarded <> 0), 0)::bigint as "gSpoiled",
  coalesce(sum((t.discarded_by_reason->>'expired')::bigint) filter (where t.g_discarded <> 0), 0)::bigint as "gExpired",
  coalesce(sum((t.discarded_by_reason->>'temperature')::bigint) filter (where t.g_discarded <> 0), 0)::bigint as "gTemperature",
  coalesce(sum((t.discarded_by_reason->>'recall')::bigint) filter (where t.g_discarded <> 0), 0)::bigint as "gRecall",
  coalesce(sum((t.discarded_by_reason->>'other')::bigint) filter (where t.g_discarded <> 0), 0)::bigint as "gOther",
  coalesce(sum(t.g_adjusted), 0)::bigint as "gAdjusted",
  coalesce(sum(t.bags_packed), 0)::bigint as "bagsPacked",
  coalesce(sum(t.g_packed), 0)::bigint as "gPacked",
  coalesce(sum(t.bags_delivered), 0)::bigint as "bagsDelivered",
  coalesce(sum(t.g_delivered), 0)::bigint as "gDelivered"`);

const SUM_FIELDS: (keyof TallySums)[] = [
  'gIn', 'gDiscarded', 'gSpoiled', 'gExpired', 'gTemperature', 'gRecall', 'gOther', 'gAdjusted', 'bagsPacked', 'gPacked', 'bagsDelivered', 'gDelivered',
];

/** bigint and numeric come back as strings from `pg`; the sums are far below 2^53 grams. */
function toSums(row: Record<string, unknown>): TallySums {
  const out = {} as TallySums;
  for (const f of SUM_FIELDS) out[f] = Number(row[f] ?? 0);
  return out;
}

/**
 * Runs report reads in a read-only transaction without JIT: report queries are short, and
 * PostgreSQL's cost estimates on a large tallies table would otherwise compile them first.
 */
export async function readReport<T>(database: Database, read: (ex: Executor) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    // A year of daily rows of every depot is grouped in memory rather than sorted on disk.
    if (database.kind === 'postgres') await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '32MB', true)`);
    return read(tx);
  }, { accessMode: 'read only' });
}

const depotFilter = (depotId?: string): SQL => (depotId ? sql`and t.depot_id = ${depotId}::uuid` : sql``);

/**
 * Daily tallies of one dimension rolled up into days, ISO weeks or local months, per key,
 * with the site's name for points and donors. Rows that only carry stock are left out.
 */
export async function tallyPeriods(
  database: Database, ex: Executor,
  q: { from: LocalDate; to: LocalDate; period: TallyPeriod; by: TallyDimension | 'depot'; depotId?: string },
): Promise<PeriodRow[]> {
  const rows = await database.rows<Record<string, unknown>>(ex, sql`
    with a as (
      select ${sql.raw(PERIOD_SQL[q.period].start)} as period_start, t.key, ${SUMS}
      from tallies t
      where t.dimension = ${q.by} and t.day between ${q.from}::date and ${q.to}::date ${depotFilter(q.depotId)}
        and (t.g_in <> 0 or t.g_discarded <> 0 or t.g_adjusted <> 0 or t.bags_packed <> 0 or t.g_packed <> 0
             or t.bags_delivered <> 0 or t.g_delivered <> 0)
      group by 1, 2
    )
    select ${sql.raw(PERIOD_SQL[q.period].label)} as period, a.*, s.name from a left join sites s on s.id::text = a.key
    order by a.period_start, s.name, a.key`);
  return rows.map((r) => ({ period: String(r.period), key: String(r.key), name: (r.name as string | null) ?? null, ...toSums(r) }));
}

/**
 * The totals of a period from the depot rows (every ledger and bag figure counted once),
 * producers' intake from the donor rows, points served from the point rows, and the stock
 * at both ends from the latest depot row before `from` and on or before `to`.
 */
export async function summaryTotals(database: Database, ex: Executor, q: { from: LocalDate; to: LocalDate; depotId?: string }): Promise<SummaryRow> {
  const filter = depotFilter(q.depotId);
  const [row] = await database.rows<Record<string, unknown>>(ex, sql`
    select
      (select row_to_json(x) from (
         select ${SUMS} from tallies t
         where t.dimension = 'depot' and t.day between ${q.from}::date and ${q.to}::date ${filter}) x) as totals,
      (select coalesce(sum(t.g_in), 0)::bigint from tallies t join sites s on s.id::text = t.key and s.donor_kind = 'producer'
         where t.dimension = 'donor' and t.g_in <> 0 and t.day between ${q.from}::date and ${q.to}::date ${filter}) as "gInProducers",
      (select count(distinct t.key) from tallies t
         where t.dimension = 'point' and t.bags_delivered > 0 and t.day between ${q.from}::date and ${q.to}::date ${filter}) as "pointsServed",
      (select coalesce(sum(stock_end_g), 0)::bigint from (
         select distinct on (t.depot_id) t.stock_end_g from tallies t
         where t.dimension = 'depot' and t.day < ${q.from}::date ${filter} order by t.depot_id, t.day desc) s) as "stockStartG",
      (select coalesce(sum(stock_end_g), 0)::bigint from (
         select distinct on (t.depot_id) t.stock_end_g from tallies t
         where t.dimension = 'depot' and t.day <= ${q.to}::date ${filter} order by t.depot_id, t.day desc) s) as "stockEndG"`);
  const totals = typeof row.totals === 'string' ? JSON.parse(row.totals) : row.totals;
  return {
    ...toSums(totals as Record<string, unknown>),
    gInProducers: Number(row.gInProducers),
    pointsServed: Number(row.pointsServed),
    stockStartG: Number(row.stockStartG),
    stockEndG: Number(row.stockEndG),
  };
}
