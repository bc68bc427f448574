import { useEffect, useState } from 'preact/hooks';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { lang, t } from '../../i18n/index.ts';
import type { Problem } from '../../lib/api.ts';
import { formatKg, todayInHelsinki } from '../../lib/format.ts';
import { loadSites, type Site } from './coordinator.ts';
import { getReportChart } from './api/get-report-chart.ts';
import { downloadFunderReport } from './api/get-funder-report.ts';
import { getReportDistributions, type Distributions } from './api/get-report-distributions.ts';
import { getReportSummary, type Summary } from './api/get-report-summary.ts';
import { downloadReportTallies, getReportTallies, type Tally } from './api/get-report-tallies.ts';

const firstOfMonth = () => `${todayInHelsinki().slice(0, 7)}-01`;
const BY = ['point', 'donor', 'category', 'bagType', 'organisation'] as const;
const DISTRIBUTIONS_BY = ['point', 'organisation'] as const;
const PERIODS = ['day', 'week', 'month'] as const;

/**
 * Reports for a period: the tallies by period and dimension (organisations too: sites of none
 * on their own row), the summary with its mass-balance line, the chart by the chosen period, the tallies as
 * a CSV in the Finnish format (semicolons, decimal commas) for a spreadsheet, and the points'
 * distributions to households by point or organisation.
 */
export default function Reports() {
  const d = t.value;
  const dr = d.coordinator.reports;
  const [from, setFrom] = useState(firstOfMonth());
  const [to, setTo] = useState(todayInHelsinki());
  const [by, setBy] = useState<(typeof BY)[number]>('point');
  const [period, setPeriod] = useState<(typeof PERIODS)[number]>('month');
  const [rows, setRows] = useState<Tally[] | null>(null);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [chart, setChart] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [donors, setDonors] = useState<Site[]>([]);
  const [donorId, setDonorId] = useState('');
  const [distributionsBy, setDistributionsBy] = useState<(typeof DISTRIBUTIONS_BY)[number]>('point');
  const [handedOut, setHandedOut] = useState<{ by: string; items: Distributions[] } | null>(null);
  const [shownBy, setShownBy] = useState<string>(by);
  const [shownPeriod, setShownPeriod] = useState<(typeof PERIODS)[number]>(period);
  // The organisation row of sites run by none has no name: it reads "no organisation".
  const label = (r: { key: string; name?: string }, by: string) => r.name ?? (by === 'organisation' && r.key === 'none' ? dr.noOrganisation : r.key);
  const query = () => `from=${from}&to=${to}`;
  useEffect(() => void loadSites().then((s) => setDonors(s.items.filter((x) => x.kind === 'donor'))).catch(() => undefined), []);
  // Printable pages open in a new tab through the page cookie set at sign-in.
  const page = `${query()}&locale=${lang.value}`;

  const show = async () => {
    setError(null);
    try {
      const [tallies, sum] = await Promise.all([
        getReportTallies(`${query()}&by=${by}&period=${period}`),
        getReportSummary(query()),
      ]);
      if (tallies.status !== 200) throw new Error((tallies.body as Problem).detail);
      if (sum.status !== 200) throw new Error((sum.body as Problem).detail);
      setRows((tallies.body as { items: Tally[] }).items);
      setShownBy(by);
      setShownPeriod(period);
      setSummary(sum.body as Summary);
      setChart(await getReportChart(`${query()}&by=${by}&period=${period}&locale=${lang.value}`));
    } catch (err) {
      setError((err as Error).message || d.errors.network);
    }
  };

  const showDistributions = async () => {
    setError(null);
    try {
      const res = await getReportDistributions(`${query()}&by=${distributionsBy}&period=${period}`);
      if (res.status !== 200) throw new Error((res.body as Problem).detail);
      setHandedOut({ by: distributionsBy, items: (res.body as { items: Distributions[] }).items });
    } catch (err) {
      setError((err as Error).message || d.errors.network);
    }
  };

  return (
    <section>
      <h1>{dr.title}</h1>
      <div class="grid2">
        <label>{dr.from}<input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label>{dr.to}<input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        <label>{dr.by}
          <select value={by} onChange={(e) => setBy((e.target as HTMLSelectElement).value as typeof by)}>
            {BY.map((b) => <option key={b} value={b}>{dr.dimension[b]}</option>)}
          </select>
        </label>
        <label>{dr.period}
          <select value={period} onChange={(e) => setPeriod((e.target as HTMLSelectElement).value as typeof period)}>
            {PERIODS.map((p) => <option key={p} value={p}>{dr.periods[p]}</option>)}
          </select>
        </label>
      </div>
      <div class="row spaced">
        <button type="button" class="primary" onClick={() => void show()}>{dr.show}</button>
        <button type="button" onClick={() => void downloadReportTallies(`${query()}&by=${by}&period=${period}`).catch((e: Error) => setError(e.message))}>{dr.csv}</button>
      </div>
      <div class="card">
        <p><a class="tile" href={`/reports/funder?${page}`} target="_blank" rel="noopener">{dr.funder}</a></p>
        <button type="button" onClick={() => void downloadFunderReport(query()).catch((e: Error) => setError(e.message))}>{dr.funderCsv}</button>
        <label>{dr.donor}
          <select value={donorId} onChange={(e) => setDonorId((e.target as HTMLSelectElement).value)}>
            <option value="">{dr.chooseDonor}</option>
            {donors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        {donorId && <p><a class="tile" href={`/reports/donors/${donorId}/certificate?${page}`} target="_blank" rel="noopener">{dr.certificate}</a></p>}
      </div>
      {error && <p class="status warn" role="alert">{error}</p>}
      {summary && (
        <div class="card">
          <h2>{dr.summary}</h2>
          <dl class="facts">
            <dt>{dr.kgIn}</dt><dd>{formatKg(summary.kgIn)}</dd>
            <dt>{dr.kgDiscarded}</dt><dd>{formatKg(summary.kgDiscarded)}</dd>
            <dt>{dr.bagsPacked}</dt><dd>{summary.bagsPacked}</dd>
            <dt>{dr.bagsDelivered}</dt><dd>{summary.bagsDelivered} ({formatKg(summary.kgDelivered)})</dd>
            <dt>{dr.stock}</dt><dd>{formatKg(summary.stockKgStart)} → {formatKg(summary.stockKgEnd)}</dd>
            <dt>{dr.massBalance}</dt><dd>{formatKg(summary.massBalanceDifferenceKg)}</dd>
          </dl>
        </div>
      )}
      {chart && <img class="chart" src={chart} alt={dr.chartAlt[shownPeriod]} />}
      {rows && (
        <ScrollTable class="card" label={dr.tableLabel}>
          <table>
            <thead><tr><th>{dr.periodCol}</th><th>{dr.dimension[shownBy]}</th><th>{dr.kgIn}</th><th>{dr.kgRefused}</th><th>{dr.bagsDelivered}</th></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.period}-${r.key}`}><td>{r.period}</td><td>{label(r, shownBy)}</td><td>{formatKg(r.kgIn)}</td><td>{formatKg(r.kgRefused)}</td><td>{r.bagsDelivered}</td></tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && <p class="muted">{dr.empty}</p>}
        </ScrollTable>
      )}
      <div class="card">
        <h2>{dr.distributions}</h2>
        <label>{dr.distributionsBy}
          <select value={distributionsBy} onChange={(e) => setDistributionsBy((e.target as HTMLSelectElement).value as typeof distributionsBy)}>
            {DISTRIBUTIONS_BY.map((b) => <option key={b} value={b}>{dr.dimension[b]}</option>)}
          </select>
        </label>
        <button type="button" onClick={() => void showDistributions()}>{dr.showDistributions}</button>
      </div>
      {handedOut && (
        <ScrollTable class="card" label={dr.distributionsTable}>
          <table>
            <thead>
              <tr><th>{dr.periodCol}</th><th>{dr.dimension[handedOut.by]}</th><th>{dr.households}</th><th>{dr.persons}</th><th>{dr.bagsHandedOut}</th><th>{dr.distributionCount}</th></tr>
            </thead>
            <tbody>
              {handedOut.items.map((r) => (
                <tr key={`${r.period}-${r.key}`}>
                  <td>{r.period}</td><td>{label(r, handedOut.by)}</td><td>{r.households}</td><td>{r.persons}</td><td>{r.bagsHandedOut}</td><td>{r.distributions}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {handedOut.items.length === 0 && <p class="muted">{dr.empty}</p>}
        </ScrollTable>
      )}
    </section>
  );
}
