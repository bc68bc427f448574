import { useEffect, useRef, useState } from 'preact/hooks';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { t } from '../../i18n/index.ts';
import { NetworkError } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { formatDateTime, todayInHelsinki } from '../../lib/format.ts';
import { getStorageUnits, type Unit } from './api/get-storage-units.ts';
import { getTemperatureReadings, readingsPath, type Records } from './api/get-temperature-readings.ts';

const daysAgo = (n: number) => todayInHelsinki(new Date(Date.now() - n * 86_400_000));

/**
 * A storage unit's own-check temperature records for an inspector, for warehouse volunteers
 * and coordinators: the readings of a period, each with who recorded it, and the same records
 * as a Finnish CSV (semicolons, decimal commas) fetched with the sign-in token.
 */
export default function Readings() {
  const d = t.value;
  const r = d.readings;
  const [units, setUnits] = useState<Unit[]>([]);
  const [unitId, setUnitId] = useState('');
  const [from, setFrom] = useState(daysAgo(30));
  const [to, setTo] = useState(todayInHelsinki());
  const [records, setRecords] = useState<Records | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only the last asked-for records are shown: the first unit's answer, still on its way when
  // another unit is chosen, must not replace the chosen unit's.
  const asked = useRef(0);

  const show = async () => {
    const ask = ++asked.current;
    setError(null);
    try {
      const res = await getTemperatureReadings(unitId, from, to);
      if (ask !== asked.current) return;
      if ('problem' in res) { setRecords(null); setError(res.problem.detail); return; }
      setRecords(res.records);
    } catch (err) {
      if (ask !== asked.current) return;
      setError(err instanceof NetworkError ? d.errors.network : d.errors.unknown);
    }
  };
  useEffect(() => {
    void getStorageUnits().then((u) => { setUnits(u.items); setUnitId(u.items[0]?.id ?? ''); }).catch(() => undefined);
  }, []);
  useEffect(() => { if (unitId) void show(); }, [unitId]);

  const mark = (i: Records['items'][number]) => [i.excursion ? r.excursion : i.warning ? r.warning : '', i.late ? r.late : ''].filter(Boolean).join(', ');
  return (
    <section>
      <h1>{r.title}</h1>
      <p class="muted">{r.intro}</p>
      <form class="card" onSubmit={(e) => { e.preventDefault(); void show(); }}>
        <label>{d.intake.unit}
          <select value={unitId} onChange={(e) => setUnitId((e.target as HTMLSelectElement).value)}>
            {units.map((u) => <option key={u.id} value={u.id}>{u.name} ({d.terms.temperatureClass[u.temperatureClass]})</option>)}
          </select>
        </label>
        <label>{r.from}<input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} /></label>
        <label>{r.to}<input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} /></label>
        <div class="row">
          <button type="submit" class="primary">{r.show}</button>
          <button type="button" disabled={!unitId} onClick={() => void download(readingsPath(unitId, from, to, '&locale=fi'), 'text/csv', 'kassi-omavalvonta.csv').catch(() => setError(d.errors.unknown))}>{r.csv}</button>
        </div>
      </form>
      {error && <p class="error" role="alert">{error}</p>}
      {records && (
        <>
          <h2>{records.storageUnit.name} · {r.count(records.items.length)}</h2>
          {records.items.length === 0 ? <p class="muted">{r.none}</p> : (
            <ScrollTable label={r.tableLabel(records.storageUnit.name)}>
              <table>
                <thead><tr><th>{r.time}</th><th>{r.celsius}</th><th>{r.mark}</th><th>{r.by}</th></tr></thead>
                <tbody>{records.items.map((i) => (
                  <tr key={i.id} class={i.excursion ? 'bad' : undefined}>
                    <td>{formatDateTime(new Date(i.at))}</td><td>{String(i.celsius).replace('.', ',')}</td><td class="mark">{mark(i)}</td><td>{i.recordedBy ?? ''}</td>
                  </tr>
                ))}</tbody>
              </table>
            </ScrollTable>
          )}
        </>
      )}
    </section>
  );
}
