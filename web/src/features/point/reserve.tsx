import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDate, formatDateTime, formatWeekdayDate } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { usePress, write } from '../../lib/write.ts';
import { createReservation } from './api/create-reservation.ts';
import { getAvailableBags, type AvailableBags } from './api/get-available-bags.ts';
import { getPoint, pointId, type Point } from './api/get-point.ts';
import { nextDistributionDays } from './point.ts';
import { BAG_TYPES, TEMPERATURE_CLASSES as CLASSES } from '../../../../src/domain/categories.ts';


/**
 * Bags free for the chosen distribution day by type and class, and a reservation for one of the
 * next distribution days (of a class, or any), its cut-off shown. The count is the server's for
 * that day, from the depot that serves the point, so what it shows is what a reservation holds.
 */
export default function Reserve() {
  const d = t.value;
  const [point, setPoint] = useState<Point | null>(null);
  const [days, setDays] = useState<{ date: string; cutoff: Date }[]>([]);
  const [date, setDate] = useState('');
  const [bagType, setBagType] = useState('food');
  const [cls, setCls] = useState('');
  const [bags, setBags] = useState('10');
  const [free, setFree] = useState<AvailableBags | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { busy, press } = usePress();
  const depotId = point?.servedByDepotId ?? point?.depotId ?? null;

  useEffect(() => {
    void getPoint().then(setPoint).catch(() => undefined);
    void nextDistributionDays().then((ds) => { setDays(ds); setDate(ds[0]?.date ?? ''); }).catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!depotId || !date) return;
    void getAvailableBags({ depotId, bagType, date, ...(cls ? { temperatureClass: cls } : {}) }).then(setFree).catch(() => setFree(null));
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
  const reserve = (e: Event) => {
    e.preventDefault();
    const what = `${bags} × ${d.terms.bagType[bagType]}${cls ? ` (${d.terms.temperatureClass[cls]})` : ''}`;
    const body = { pointId: pointId(), date, bagType, ...(cls ? { temperatureClass: cls } : {}), bags: Number(bags) } as Parameters<typeof createReservation>[0];
    return press(async () => {
      const res = await write({
        ...createReservation(body), kind: 'reserve', label: `${d.point.reserveTitle}: ${what} ${formatDate(date)}`,
        draft: { date, bagType, cls, bags }, subject: `${date} ${bagType} ${cls}`, replaces: fixing.current,
      });
      fixing.current = null;
      setNotice('ok' in res && !res.ok ? { ok: false, text: res.problem.detail } : { ok: true, text: 'ok' in res ? d.point.reserved : d.outbox.queued });
    });
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
      {chosen && <p class="muted">{d.point.cutoff(formatDateTime(chosen.cutoff))}</p>}
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
