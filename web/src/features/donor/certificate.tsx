import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import type { Problem } from '../../lib/api.ts';
import { formatKg, todayInHelsinki } from '../../lib/format.ts';
import { downloadCertificate, getCertificate, type Certificate as Figures } from './api/get-certificate.ts';

const factorFormat = new Intl.NumberFormat('fi-FI', { maximumFractionDigits: 3 });

/**
 * The donor certificate for a chosen period (this year by default): kilos received by category,
 * kilos refused, CO₂e avoided with its factor and source; and the printable page to keep.
 */
export function Certificate() {
  const d = t.value;
  const dp = d.donor.page;
  const today = todayInHelsinki();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  const show = async () => {
    setError(null);
    try {
      const res = await getCertificate(from, to);
      if (res.status === 200) setFigures(res.body as Figures);
      else setError((res.body as Problem).detail);
    } catch {
      setError(d.errors.network);
    }
  };
  useEffect(() => { void show(); }, []);
  return (
    <section class="card certificate" aria-labelledby="donor-certificate">
      <h2 id="donor-certificate">{dp.certificate}</h2>
      <p class="muted">{dp.certificateIntro}</p>
      <div class="grid2">
        <label>{dp.from}<input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label>{dp.to}<input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
      </div>
      <button type="button" class="spaced" onClick={() => void show()}>{dp.showCertificate}</button>
      {error && <p class="status warn" role="alert">{error}</p>}
      {figures && (
        <>
          <dl class="facts">
            <dt>{dp.received}</dt><dd>{formatKg(figures.kgReceived)}</dd>
            <dt>{dp.refused}</dt><dd>{formatKg(figures.kgRefused)}</dd>
            <dt>{dp.co2e}</dt><dd>{formatKg(figures.co2eAvoidedKg)}</dd>
          </dl>
          {figures.byCategory.length > 0 ? (
            <table aria-label={dp.certificateTable}>
              <tbody>
                {figures.byCategory.map((c) => <tr key={c.category}><th scope="row">{d.terms.category[c.category] ?? c.category}</th><td>{formatKg(c.kgReceived)}</td></tr>)}
              </tbody>
            </table>
          ) : <p class="muted">{dp.nothingReceived}</p>}
          <p class="muted">{dp.factor(factorFormat.format(figures.co2eFactorKgPerKg), figures.co2eFactorSource)}</p>
          <button type="button" onClick={() => void downloadCertificate(from, to).catch(() => setError(d.errors.network))}>{dp.printable}</button>
        </>
      )}
    </section>
  );
}
