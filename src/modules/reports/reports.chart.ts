import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { periodsBetween } from '../../domain/dates.ts';
import { catalogues, type Lang, type Messages } from '../../i18n/messages.ts';
import { fiPeriod, monthName } from '../../i18n/format.ts';
import type { Database, Executor } from '../../db/client.ts';
import { tallyPeriods, type PeriodRow, type ReportDimension } from './reports.repo.ts';
import type { ChartQuery } from './reports.schemas.ts';

type TallyPeriod = ChartQuery['period'];
type ChartMessages = Messages['report']['chart'];
import { gramsToKg } from '../../domain/weight.ts';

/** Which figure each dimension splits: kilos come in by donor, category and organisation, bags go out by point, bag type and organisation. */
const SPLITS_KG: readonly ReportDimension[] = ['donor', 'category', 'organisation'];
const SPLITS_BAGS: readonly ReportDimension[] = ['point', 'bagType', 'organisation'];

export interface ChartPoint { period: string; series: string; value: number }

const label = (r: PeriodRow) => r.name ?? r.key;

/** The chart is drawn for a phone: its SVG is about 360 units wide, so shown at 360 px its smallest text stays this size. */
const PLOT_WIDTH = 260;
const FONT_SIZE = 13;

/** A period key as a reader reads it on the x axis: `1.12.` or `12/1`, the ISO week, `joulukuu 2026`. */
export function periodLabel(key: string, period: TallyPeriod, lang: Lang): string {
  if (period === 'month') return monthName(key, lang);
  if (period === 'week') return key;
  const [, m, d] = key.split('-').map(Number);
  return lang === 'fi' ? `${d}.${m}.` : `${m}/${d}`;
}

/**
 * The Vega-Lite spec of the reports chart: kilos in (top) and bags delivered (bottom) per day,
 * ISO week or month, stacked by the keys of `by` where that dimension splits the figure, else
 * one total, in the reader's language. Every period of the range has its place on the x axis
 * (`periods`, already labelled), so a period with nothing is a visible gap; bags are counted,
 * so their axis ticks whole numbers only. Sized for a phone, legend below.
 */
export function reportsChartSpec(kgIn: ChartPoint[], bags: ChartPoint[], o: { title: string; periods: readonly string[]; period: TallyPeriod; m: ChartMessages }): TopLevelSpec {
  const bar = (values: ChartPoint[], field: string, subtitle: string, axis: object = {}) => ({
    title: subtitle,
    width: PLOT_WIDTH,
    height: 160,
    data: { values },
    mark: { type: 'bar' as const, tooltip: true },
    encoding: {
      x: { field: 'period', type: 'ordinal' as const, title: o.m.axis[o.period], scale: { domain: [...o.periods] }, axis: { labelOverlap: 'parity' } },
      y: { field: 'value', type: 'quantitative' as const, title: field, aggregate: 'sum' as const, axis },
      color: { field: 'series', type: 'nominal' as const, title: null, legend: { orient: 'bottom', columns: 2 } },
    },
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: o.title,
    vconcat: [
      bar(kgIn, o.m.kg, o.m.kgIn[o.period]),
      bar(bags, o.m.bags, o.m.bagsDelivered[o.period], { tickMinStep: 1, format: 'd' }),
    ],
    config: {
      font: 'sans-serif',
      title: { fontSize: FONT_SIZE + 2 },
      axis: { labelFontSize: FONT_SIZE, titleFontSize: FONT_SIZE },
      legend: { labelFontSize: FONT_SIZE, labelLimit: 140 },
    },
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

/** `GET /reports/chart.svg`: the chart of a range by the chosen period, read from the tallies, in `lang`. */
export async function reportsChart(database: Database, ex: Executor, q: ChartQuery, lang: Lang): Promise<string> {
  const m = catalogues[lang].report.chart;
  const rowsBy = (by: ReportDimension | 'depot') =>
    tallyPeriods(database, ex, { from: q.from, to: q.to, period: q.period, by, depotId: q.depotId });
  const totals = await rowsBy('depot');
  const byRows = q.by ? await rowsBy(q.by) : [];
  const kgRows = q.by && SPLITS_KG.includes(q.by) ? byRows : totals;
  const bagRows = q.by && SPLITS_BAGS.includes(q.by) ? byRows : totals;
  const series = (r: PeriodRow, split: boolean) => (split ? label(r) : m.all);
  const at = (r: PeriodRow) => periodLabel(r.period, q.period, lang);
  const kgIn = kgRows.filter((r) => r.gIn !== 0).map((r) => ({ period: at(r), series: series(r, kgRows === byRows), value: gramsToKg(r.gIn) }));
  const bags = bagRows.filter((r) => r.bagsDelivered !== 0).map((r) => ({ period: at(r), series: series(r, bagRows === byRows), value: r.bagsDelivered }));
  const range = lang === 'fi' ? fiPeriod(q.from, q.to) : `${q.from} – ${q.to}`;
  const periods = periodsBetween(q.from, q.to, q.period).map((k) => periodLabel(k, q.period, lang));
  return renderSvg(reportsChartSpec(kgIn, bags, { title: m.title(range), periods, period: q.period, m }));
}
