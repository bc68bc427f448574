import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { request, type Problem } from '../../lib/api.ts';
import { formatDate, formatWeekdayDate } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { enqueue, flush, newKey, settled } from '../../lib/outbox.ts';
import { loadPoint, nextDistributionDays, pointId, type Point } from './point.ts';

const BAG_TYPES = ['food', 'bread', 'family', 'hygiene'];
const CLASSES = ['ambient', 'chilled', 'frozen'];

type Free = { available: number; byClass: { temperatureClass: string; available: number }[] };

/**
 * Bags free for the chosen distribution day by type and class, and a reservation for one of the
 * next distribution days (of a class, or any), its cut-off shown. The count is the server's for
 * that day, from the depot that serves the point, so what it shows is what a reservation holds.
 */
export default function Reserve() {
  const d = t.value;
  const [point, setPoint] = useState<Point | null>(null);
  const [days, setDays] = useState<{ date: string; cutoff: string }[]>([]);
  const [date, setDate] = useState('');
  const [bagType, setBagType] = useState('food');
  const [cls, setCls] = useState('');
  const [bags, setBags] = useState('10');
  const [free, setFree] = useState<Free | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const pressed = useRef(false);
  const depotId = point?.servedByDepotId ?? point?.depotId ?? null;

  useEffect(() => {
    void loadPoint().then(setPoint).catch(() => undefined);
    void nextDistributionDays().then((ds) => { setDays(ds); setDate(ds[0]?.date ?? ''); }).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!depotId || !date) return;
    const query = new URLSearchParams({ depotId, bagType, date, ...(cls ? { temperatureClass: cls } : {}) });
    void request<Free>('GET', `/bags/available?${query}`)
      .then((r) => setFree(r.status === 200 ? r.body : null)).catch(() => setFree(null));
  }, [depotId, bagType, cls, date, notice]);

  // Reopened from "needs attention": the reservation as it was asked, and why it was refused.
  const fixing = useFix('reserve', days.length > 0, (w) => {
    const x = w.draft as { date: string; bagType: string; cls: string; bags: string } | undefined;
    if (!x) return false;
    setDate(x.date);
    setBagType(x.bagType);
    setCls(x.cls);
    setBags(x.bags);
    setNotice({ ok: false, text: w.problem.detail });
  });

  const chosen = days.find((x) => x.date === date);
  const reserve = async (e: Event) => {
    e.preventDefault();
    if (pressed.current) return;
    pressed.current = true;
    setBusy(true);
    const key = newKey();
    const what = `${bags} × ${d.terms.bagType[bagType]}${cls ? ` (${d.terms.temperatureClass[cls]})` : ''}`;
    try {
      await enqueue({
        key, method: 'POST', path: '/reservations', body: { pointId: pointId(), date, bagType, ...(cls ? { temperatureClass: cls } : {}), bags: Number(bags) },
        kind: 'reserve', label: `${d.point.reserveTitle}: ${what} ${formatDate(date)}`,
        draft: { date, bagType, cls, bags }, subject: `${date} ${bagType} ${cls}`, replaces: fixing.current ?? undefined,
      });
      fixing.current = null;
      await flush();
      const answer = settled.value[key];
      setNotice(answer && !answer.ok ? { ok: false, text: (answer.body as Problem).detail } : { ok: true, text: answer ? d.point.reserved : d.outbox.queued });
    } finally {
      pressed.current = false;
      setBusy(false);
    }
  };

  return (
    <form onSubmit={reserve}>
      <h1>{d.point.reserveTitle}</h1>
      {point && <p class="muted">{point.name}</p>}
      {notice && <p class={notice.ok ? 'ok' : 'status warn'} role="status">{notice.text}</p>}
      <label>{d.point.day}
        <select value={date} onChange={(e) => setDate((e.target as HTMLSelectElement).value)}>
          {days.map((x) => <option key={x.date} value={x.date}>{formatWeekdayDate(x.date)}</option>)}
        </select>
      </label>
      {chosen && <p class="muted">{d.point.cutoff(`${formatDate(chosen.cutoff)} klo 18.00`)}</p>}
      <label>{d.point.bagType}
        <select value={bagType} onChange={(e) => setBagType((e.target as HTMLSelectElement).value)}>
          {BAG_TYPES.map((b) => <option key={b} value={b}>{d.terms.bagType[b]}</option>)}
        </select>
      </label>
      <label>{d.point.temperatureClass}
        <select value={cls} onChange={(e) => setCls((e.target as HTMLSelectElement).value)}>
          <option value="">{d.point.anyClass}</option>
          {CLASSES.map((c) => <option key={c} value={c}>{d.terms.temperatureClass[c]}</option>)}
        </select>
      </label>
      {free && (
        <p class="card" aria-live="polite"><strong>{d.point.available(free.available)}</strong> ({d.point.forDay(formatDate(date))})
          {!cls && free.byClass.length > 0 && <> · {free.byClass.map((c) => `${d.terms.temperatureClass[c.temperatureClass]} ${c.available}`).join(' · ')}</>}
        </p>
      )}
      <label>{d.point.bags}<input inputMode="numeric" value={bags} onInput={(e) => setBags((e.target as HTMLInputElement).value)} /></label>
      <button type="submit" class="primary" disabled={busy || !date}>{d.point.reserve}</button>
    </form>
  );
}
