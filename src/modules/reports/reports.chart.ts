import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { isoWeeksBetween } from '../../domain/dates.ts';
import type { Database, Executor } from '../../db/client.ts';
import { tallyPeriods, type PeriodRow, type ReportDimension } from './reports.repo.ts';
import type { ChartQuery } from './reports.schemas.ts';
import { gramsToKg } from '../../domain/weight.ts';

/** Which figure each dimension splits: kilos come in by donor, category and organisation, bags go out by point, bag type and organisation. */
const SPLITS_KG: readonly ReportDimension[] = ['donor', 'category', 'organisation'];
const SPLITS_BAGS: readonly ReportDimension[] = ['point', 'bagType', 'organisation'];

export interface ChartPoint { week: string; series: string; value: number }

const label = (r: PeriodRow) => r.name ?? r.key;

/**
 * The Vega-Lite spec of the weekly chart: kilos in (top) and bags delivered (bottom) per ISO
 * week, stacked by the keys of `by` where that dimension splits the figure, else one total.
 * Every week of the range has its place on the x axis (`weeks`), so a week with nothing is a
 * visible gap; bags are counted, so their axis ticks whole numbers only.
 */
export function weeklyChartSpec(kgIn: ChartPoint[], bags: ChartPoint[], title: string, weeks: readonly string[]): TopLevelSpec {
  const bar = (values: ChartPoint[], field: string, subtitle: string, axis: object = {}) => ({
    title: subtitle,
    width: 640,
    height: 200,
    data: { values },
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      x: { field: 'week', type: 'ordinal' as const, title: 'ISO week', scale: { domain: [...weeks] } },
      y: { field: 'value', type: 'quantitative' as const, title: field, aggregate: 'sum' as const, axis },
      color: { field: 'series', type: 'nominal' as const, title: null },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    vconcat: [
      bar(kgIn, 'kg', 'Kilos in per week'),
      bar(bags, 'bags', 'Bags delivered per week', { tickMinStep: 1, format: 'd' }),
    ],
    config: { font: 'sans-serif' },
  } as TopLevelSpec;
}

/** Renders a Vega-Lite spec to SVG on the server, without a canvas or a browser. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** `GET /reports/chart.svg`: the weekly chart of a range, read from the tallies. */
export async function weeklyChart(database: Database, ex: Executor, q: ChartQuery): Promise<string> {
  const weekly = (by: ReportDimension | 'depot') =>
    tallyPeriods(database, ex, { from: q.from, to: q.to, period: 'week', by, depotId: q.depotId });
  const totals = await weekly('depot');
  const byRows = q.by ? await weekly(q.by) : [];
  const kgRows = q.by && SPLITS_KG.includes(q.by) ? byRows : totals;
  const bagRows = q.by && SPLITS_BAGS.includes(q.by) ? byRows : totals;
  const series = (r: PeriodRow, split: boolean) => (split ? label(r) : 'all');
  const kgIn = kgRows.filter((r) => r.gIn !== 0).map((r) => ({ week: r.period, series: series(r, kgRows === byRows), value: gramsToKg(r.gIn) }));
  const bags = bagRows.filter((r) => r.bagsDelivered !== 0).map((r) => ({ week: r.period, series: series(r, bagRows === byRows), value: r.bagsDelivered }));
  return renderSvg(weeklyChartSpec(kgIn, bags, `Kassi ${q.from} – ${q.to}`, isoWeeksBetween(q.from, q.to)));
}
