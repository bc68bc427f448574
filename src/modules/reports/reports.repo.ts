import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.ts';
import { organisations } from '../../db/schema/index.ts';
import { localDayRange, TIME_ZONE, type LocalDate } from '../../domain/dates.ts';
import type { PointDistributions } from '../../domain/network-report.ts';
import type { TallyDimension, TallyPeriod } from '../../domain/tallies.ts';
import { REFUSAL_REASONS, type RefusalReason } from '../../domain/categories.ts';

export type { RefusalReason };

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
  /** Refused at receipt (the donor, category and depot rows): never stock. */
  gRefused: number;
  gRefusedByReason: Record<RefusalReason, number>;
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
  /** Food refused at receipt in the range: never stock, outside the mass balance. */
  gRefused: number;
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
  coalesce(sum(t.g_refused), 0)::bigint as "gRefused",
  ${REFUSAL_REASONS.map((r) => `coalesce(sum((t.refused_by_reason->>'${r}')::bigint) filter (where t.g_refused <> 0), 0)::bigint as "gRefused:${r}",`).join('\n  ')}
  coalesce(sum(t.bags_packed), 0)::bigint as "bagsPacked",
  coalesce(sum(t.g_packed), 0)::bigint as "gPacked",
  coalesce(sum(t.bags_delivered), 0)::bigint as "bagsDelivered",
  coalesce(sum(t.g_delivered), 0)::bigint as "gDelivered"`);

const SUM_FIELDS = [
  'gIn', 'gDiscarded', 'gSpoiled', 'gExpired', 'gTemperature', 'gRecall', 'gOther', 'gAdjusted', 'gRefused', 'bagsPacked', 'gPacked', 'bagsDelivered', 'gDelivered',
] as const satisfies readonly (keyof TallySums)[];

/** bigint and numeric come back as strings from `pg`; the sums are far below 2^53 grams. */
function toSums(row: Record<string, unknown>): TallySums {
  const out = {} as TallySums;
  for (const f of SUM_FIELDS) out[f] = Number(row[f] ?? 0);
  out.gRefusedByReason = Object.fromEntries(REFUSAL_REASONS.map((r) => [r, Number(row[`gRefused:${r}`] ?? 0)])) as Record<RefusalReason, number>;
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

/** What a report groups by: a stored tally dimension, or `organisation` (the site rows by the organisation of each site). */
export type ReportDimension = TallyDimension | 'organisation';

/**
 * The rows of `organisation` as `t`, one per stored row it reads, keyed by an organisation
 * (`none`: a site of no organisation). Each figure comes from the site it belongs to, so
 * every figure's organisation rows add up to the network's total exactly: what came in,
 * was discarded, adjusted or refused from the donor rows (the donor's organisation), bags and
 * kilos packed from the depot rows (the depot's), bags and kilos delivered from the point rows
 * (the point's); bags delivered on no point's reservation count under the depot's organisation.
 */
function organisationRows(range: SQL): SQL {
  return sql`
    select t.day, coalesce(s.organisation_id::text, 'none') as key,
           t.g_in, t.g_discarded, t.discarded_by_reason, t.g_adjusted, t.g_refused, t.refused_by_reason,
           0 as bags_packed, 0::bigint as g_packed, 0 as bags_delivered, 0::bigint as g_delivered
    from tallies t left join sites s on s.id::text = t.key
    where t.dimension = 'donor' and ${range}
    union all
    select t.day, coalesce(s.organisation_id::text, 'none'),
           0, 0, '{}'::jsonb, 0, 0, '{}'::jsonb,
           t.bags_packed, t.g_packed, t.bags_delivered - coalesce(p.bags, 0), t.g_delivered - coalesce(p.grams, 0)
    from tallies t left join sites s on s.id = t.depot_id
    left join lateral (
      select sum(x.bags_delivered) as bags, sum(x.g_delivered) as grams from tallies x
      where x.dimension = 'point' and x.depot_id = t.depot_id and x.day = t.day) p on true
    where t.dimension = 'depot' and ${range}
    union all
    select t.day, coalesce(s.organisation_id::text, 'none'),
           0, 0, '{}'::jsonb, 0, 0, '{}'::jsonb, 0, 0, t.bags_delivered, t.g_delivered
    from tallies t left join sites s on s.id::text = t.key
    where t.dimension = 'point' and ${range}`;
}

/**
 * How each grouping reads the tallies: the rows (as `t`, keyed by `t.key`) and where the
 * names of the keys come from. A stored dimension reads its own rows; `organisation` reads
 * the donor, depot and point rows by their sites' organisations (see `organisationRows`).
 */
function grouping(by: ReportDimension | 'depot', range: SQL) {
  if (by !== 'organisation') {
    return { rows: sql`tallies t`, where: sql`t.dimension = ${by} and ${range}`, names: sql`left join sites s on s.id::text = a.key` };
  }
  return { rows: sql`(${organisationRows(range)}) t`, where: sql`true`, names: sql`left join organisations s on s.id::text = a.key` };
}

/**
 * Daily tallies of one dimension rolled up into days, ISO weeks or local months, per key,
 * with the site's (or organisation's) name. Rows that only carry stock are left out.
 */
export async function tallyPeriods(
  database: Database, ex: Executor,
  q: { from: LocalDate; to: LocalDate; period: TallyPeriod; by: ReportDimension | 'depot'; depotId?: string },
): Promise<PeriodRow[]> {
  const g = grouping(q.by, sql`t.day between ${q.from}::date and ${q.to}::date ${depotFilter(q.depotId)}`);
  const rows = await database.rows<Record<string, unknown>>(ex, sql`
    with a as (
      select ${sql.raw(PERIOD_SQL[q.period].start)} as period_start, t.key as key, ${SUMS}
      from ${g.rows}
      where ${g.where}
        and (t.g_in <> 0 or t.g_discarded <> 0 or t.g_adjusted <> 0 or t.g_refused <> 0 or t.bags_packed <> 0 or t.g_packed <> 0
             or t.bags_delivered <> 0 or t.g_delivered <> 0)
      group by 1, 2
    )
    select ${sql.raw(PERIOD_SQL[q.period].label)} as period, a.*, s.name from a ${g.names}
    order by a.period_start, s.name, a.key`);
  return rows.map((r) => ({ period: String(r.period), key: String(r.key), name: (r.name as string | null) ?? null, ...toSums(r) }));
}

export interface DistributionPeriodRow extends Omit<PointDistributions, 'pointId' | 'organisationId'> {
  period: string;
  key: string;
  name: string | null;
}

/**
 * The points' current distribution records (those no correction superseded) summed per
 * day, ISO week or month and per point or organisation (`none`: points without one).
 */
export async function distributionPeriods(
  database: Database, ex: Executor, q: { from: LocalDate; to: LocalDate; period: TallyPeriod; by: 'point' | 'organisation' },
): Promise<DistributionPeriodRow[]> {
  const key = q.by === 'point' ? sql`t.point_id::text` : sql`coalesce(p.organisation_id::text, 'none')`;
  const names = q.by === 'point' ? sql`left join sites s on s.id::text = a.key` : sql`left join organisations s on s.id::text = a.key`;
  const rows = await database.rows<Record<string, unknown>>(ex, sql`
    with a as (
      select ${sql.raw(PERIOD_SQL[q.period].start)} as period_start, ${key} as key,
        sum(t.households)::bigint as households, coalesce(sum(t.persons), 0)::bigint as persons,
        coalesce(sum(t.children), 0)::bigint as children, coalesce(sum(t.seniors), 0)::bigint as seniors,
        sum(t.bags_handed_out)::bigint as "bagsHandedOut", count(*)::bigint as distributions
      from (select d.*, d.date as day from distributions d
            where d.date between ${q.from}::date and ${q.to}::date
              and not exists (select 1 from distributions l where l.supersedes_id = d.id)) t
      join sites p on p.id = t.point_id
      group by 1, 2
    )
    select ${sql.raw(PERIOD_SQL[q.period].label)} as period, a.*, s.name from a ${names}
    order by a.period_start, s.name, a.key`);
  return rows.map((r) => ({
    period: String(r.period), key: String(r.key), name: (r.name as string | null) ?? null,
    households: Number(r.households), persons: Number(r.persons), children: Number(r.children), seniors: Number(r.seniors),
    bagsHandedOut: Number(r.bagsHandedOut), distributions: Number(r.distributions),
  }));
}

/** Bags and grams delivered to each point in a range (the point rows of the tallies), with the point's organisation. */
export async function deliveriesByPoint(database: Database, ex: Executor, q: { from: LocalDate; to: LocalDate }) {
  const rows = await database.rows<Record<string, unknown>>(ex, sql`
    select t.key as "pointId", p.organisation_id as "organisationId",
      sum(t.bags_delivered)::bigint as "bagsDelivered", sum(t.g_delivered)::bigint as "gDelivered"
    from tallies t left join sites p on p.id::text = t.key
    where t.dimension = 'point' and t.bags_delivered > 0 and t.day between ${q.from}::date and ${q.to}::date
    group by 1, 2`);
  return rows.map((r) => ({
    pointId: String(r.pointId), organisationId: (r.organisationId as string | null) ?? null,
    bagsDelivered: Number(r.bagsDelivered), gDelivered: Number(r.gDelivered),
  }));
}

/** Grams a donor's food was refused at receipt in a range, per reason (never stock, never in the ledger). */
export async function donorRefusalsByReason(database: Database, ex: Executor, q: { donorId: string; from: LocalDate; to: LocalDate }) {
  const rows = await database.rows<Record<string, unknown>>(ex, sql`
    select r.reason, sum(r.grams)::bigint as grams from intake_refusals r
    where r.donor_id = ${q.donorId}::uuid
      and r.at >= ${localDayRange(q.from).start.toISOString()}::timestamptz and r.at < ${localDayRange(q.to).end.toISOString()}::timestamptz
    group by 1 order by 1`);
  return rows.map((r) => ({ reason: String(r.reason) as RefusalReason, grams: Number(r.grams) }));
}

/**
 * Grams a donor gave in a range, per category and local month, straight from the ledger's
 * intake entries (a certificate names what was received, whatever happened to it later).
 */
export async function donorIntakeByCategoryMonth(database: Database, ex: Executor, q: { donorId: string; from: LocalDate; to: LocalDate }) {
  const rows = await database.rows<Record<string, unknown>>(ex, sql`
    select to_char(e.at at time zone ${TIME_ZONE}, 'YYYY-MM') as month, l.category, sum(e.grams)::bigint as grams
    from ledger_entries e join lots l on l.id = e.lot_id
    where e.kind = 'intake' and l.donor_id = ${q.donorId}::uuid
      and e.at >= ${localDayRange(q.from).start.toISOString()}::timestamptz and e.at < ${localDayRange(q.to).end.toISOString()}::timestamptz
    group by 1, 2 order by 1, 2`);
  return rows.map((r) => ({ month: String(r.month), category: String(r.category), grams: Number(r.grams) }));
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
         where t.dimension = 'depot' and t.day <= ${q.to}::date ${filter} order by t.depot_id, t.day desc) s) as "stockEndG",
      (select coalesce(sum(r.grams), 0)::bigint from intake_refusals r
         where r.at >= ${localDayRange(q.from).start.toISOString()}::timestamptz and r.at < ${localDayRange(q.to).end.toISOString()}::timestamptz
         ${q.depotId ? sql`and r.depot_id = ${q.depotId}` : sql``}) as "gRefused"`);
  const totals = typeof row.totals === 'string' ? JSON.parse(row.totals) : row.totals;
  return {
    ...toSums(totals as Record<string, unknown>),
    gInProducers: Number(row.gInProducers),
    pointsServed: Number(row.pointsServed),
    stockStartG: Number(row.stockStartG),
    stockEndG: Number(row.stockEndG),
    gRefused: Number(row.gRefused),
  };
}

/** These organisations' rows. */
export const organisationsByIds = (ex: Executor, ids: string[]) => ex.select().from(organisations).where(inArray(organisations.id, ids));
