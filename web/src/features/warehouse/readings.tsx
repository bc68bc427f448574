import { useEffect, useState } from 'preact/hooks';
import { ScrollTable } from '../../components/scroll-table.tsx';
import { t } from '../../i18n/index.ts';
import { cachedGetAll, NetworkError, request, type Problem } from '../../lib/api.ts';
import { download } from '../../lib/download.ts';
import { formatDateTime, todayInHelsinki } from '../../lib/format.ts';

interface Unit { id: string; name: string; temperatureClass: string }
interface Records {
  storageUnit: Unit & { readingsPerDay: number };
  items: { id: string; celsius: number; at: string; excursion: boolean; warning: boolean; recordedBy?: string; late?: boolean }[];
  nextCursor?: string;
}

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
  const path = (extra = '') => `/storage-units/${unitId}/temperature-readings?from=${from}&to=${to}${extra}`;

  const show = async () => {
    setError(null);
    try {
      // Every reading of the period, a page at a time: the record is never cut short.
      let all: Records | undefined;
      for (let cursor: string | undefined; ;) {
        const res = await request<Records | Problem>('GET', path(`&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
        if (res.status !== 200) { setRecords(null); setError((res.body as Problem).detail); return; }
        const page = res.body as Records;
        all = all === undefined ? page : { ...page, items: [...all.items, ...page.items] };
        cursor = page.nextCursor;
        if (!cursor) break;
      }
      setRecords(all ?? null);
    } catch (err) {
      setError(err instanceof NetworkError ? d.errors.network : d.errors.unknown);
    }
  };
  useEffect(() => {
    void cachedGetAll<Unit>('/storage-units').then((u) => { setUnits(u.items); setUnitId(u.items[0]?.id ?? ''); }).catch(() => undefined);
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
          <button type="button" disabled={!unitId} onClick={() => void download(path('&locale=fi'), 'text/csv', 'kassi-omavalvonta.csv').catch(() => setError(d.errors.unknown))}>{r.csv}</button>
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
