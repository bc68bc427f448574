import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { MAX_NOTE_LENGTH } from '../../../../src/domain/distributions.ts';
import { formatDate, todayInHelsinki } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { usePress, write } from '../../lib/write.ts';
import { getDistributions, type Distribution } from './api/get-distributions.ts';
import { recordDistribution } from './api/record-distribution.ts';

const COUNTS = ['households', 'persons', 'children', 'seniors', 'bagsHandedOut'] as const;
type Counts = Record<(typeof COUNTS)[number], string>;
const EMPTY: Counts = { households: '', persons: '', children: '', seniors: '', bagsHandedOut: '' };

/**
 * The point lead's record of a distribution day: anonymous counts only, today by default.
 * A recent day can be corrected: the correction is a new record that supersedes it, on the
 * same day (the date is fixed while correcting; the server refuses a correction of another day).
 */
export default function DistributionRecord() {
  const d = t.value;
  const [date, setDate] = useState(todayInHelsinki());
  const [counts, setCounts] = useState<Counts>(EMPTY);
  const [note, setNote] = useState('');
  const [supersedes, setSupersedes] = useState<Distribution | null>(null);
  const [recent, setRecent] = useState<Distribution[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { press } = usePress();
  const reload = () => getDistributions().then((r) => setRecent(r.items.slice(-5).reverse())).catch(() => undefined);
  useEffect(() => { void reload(); }, []);

  // Reopened from "needs attention": the record as it was sent, and why it was refused.
  const fixing = useFix('households', true, (w) => {
    const x = w.draft as { date: string; counts: Counts; note: string; supersedes: Distribution | null } | undefined;
    if (!x) return false;
    setDate(x.date);
    setCounts(x.counts);
    setNote(x.note);
    setSupersedes(x.supersedes);
    setNotice({ ok: false, text: w.problem.detail });
  });

  const correct = (x: Distribution) => {
    setSupersedes(x);
    setDate(x.date);
    setCounts({ households: String(x.households), persons: String(x.persons ?? ''), children: String(x.children ?? ''), seniors: String(x.seniors ?? ''), bagsHandedOut: String(x.bagsHandedOut) });
    setNote(x.note ?? '');
  };

  const save = (e: Event) => {
    e.preventDefault();
    const body: Record<string, unknown> = { date, ...(note.trim() ? { note: note.trim() } : {}), ...(supersedes ? { supersedes: supersedes.id } : {}) };
    for (const k of COUNTS) if (counts[k].trim() !== '') body[k] = Number(counts[k]);
    return press(async () => {
      const res = await write({
        ...recordDistribution(body as Parameters<typeof recordDistribution>[0]), kind: 'households', label: `${d.distribution.title}: ${formatDate(date)}`,
        draft: { date, counts, note, supersedes }, subject: date, replaces: fixing.current,
      });
      fixing.current = null;
      if ('ok' in res && !res.ok) {
        setNotice({ ok: false, text: res.problem.detail });
      } else {
        setNotice({ ok: true, text: 'ok' in res ? d.distribution.saved : d.outbox.queued });
        setCounts(EMPTY);
        setNote('');
        setSupersedes(null);
        await reload();
      }
    });
  };

  return (
    <form onSubmit={save}>
      <h1>{d.distribution.title}</h1>
      <p class="muted">{d.distribution.intro}</p>
      {notice && <p class={notice.ok ? 'ok' : 'status warn'} role="status">{notice.text}</p>}
      {supersedes && <p class="card">{d.distribution.correcting(formatDate(supersedes.date))}</p>}
      <label>{d.distribution.date}<input type="date" value={date} max={todayInHelsinki()} readOnly={supersedes !== null} onInput={(e) => setDate((e.target as HTMLInputElement).value)} /></label>
      {COUNTS.map((k) => (
        <label key={k}>{d.distribution[k]}
          <input inputMode="numeric" value={counts[k]} required={k === 'households' || k === 'bagsHandedOut'}
            onInput={(e) => setCounts({ ...counts, [k]: (e.target as HTMLInputElement).value })} />
        </label>
      ))}
      <label>{d.distribution.note}<input value={note} maxLength={MAX_NOTE_LENGTH} onInput={(e) => setNote((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" class="primary">{d.distribution.save}</button>
      {recent.length > 0 && <h2>{d.distribution.recent}</h2>}
      {recent.map((x) => (
        <article class="card" key={x.id}>
          <p>{formatDate(x.date)} · {d.distribution.summary(x.households, x.bagsHandedOut)}</p>
          <button type="button" onClick={() => correct(x)}>{d.distribution.correct}</button>
        </article>
      ))}
    </form>
  );
}
