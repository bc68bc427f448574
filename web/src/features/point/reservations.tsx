import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { usePress, write, type Call } from '../../lib/write.ts';
import { cancelReservation } from './api/cancel-reservation.ts';
import { confirmReservation } from './api/confirm-reservation.ts';
import { getReservations, type Reservation } from './api/get-reservations.ts';

/**
 * The point's reservations: reserved, delivered and received counts (and bags an excursion holds
 * or a recall took off it), cancel one still held, confirm receipt of one delivered with the count.
 */
export default function Reservations() {
  const d = t.value;
  const [items, setItems] = useState<Reservation[]>([]);
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const { press } = usePress();
  const reload = () => getReservations().then((r) => setItems(r.items)).catch(() => undefined);
  useEffect(() => { void reload(); }, []);

  // Reopened from "needs attention": a refused confirmation's count back on its card (a cancel has no form).
  useFix('reservations', items.length > 0, (w) => {
    const x = w.draft as { id: string; count: string } | undefined;
    if (!x) return false;
    setCounts((c) => ({ ...c, [x.id]: x.count }));
    setNotice({ ok: false, text: w.problem.detail });
  });

  const send = (call: Call, label: string, draft?: { id: string; count: string }) => press(async () => {
    const res = await write({ ...call, kind: 'reservations', label, draft });
    setNotice('ok' in res && !res.ok ? { ok: false, text: res.problem.detail } : { ok: true, text: 'ok' in res ? d.outbox.saved : d.outbox.queued });
    await reload();
  });

  return (
    <section>
      <h1>{d.point.reservationsTitle}</h1>
      {notice && <p class={notice.ok ? 'ok' : 'status warn'} role="status">{notice.text}</p>}
      {items.length === 0 && <p class="muted">{d.point.none}</p>}
      {items.map((r) => {
        const what = `${formatDate(r.date)} · ${d.terms.bagType[r.bagType] ?? r.bagType}${r.temperatureClass ? ` (${d.terms.temperatureClass[r.temperatureClass]})` : ''}`;
        const confirmed = r.confirmedAt !== undefined;
        return (
          <article class="card" key={r.id}>
            <h2>{what}</h2>
            <p class="muted">{d.point.status[r.status] ?? r.status}</p>
            <dl class="facts">
              <dt>{d.point.bagsReserved}</dt><dd>{r.bags}</dd>
              {r.heldBags ? <><dt>{d.point.bagsHeld}</dt><dd>{r.heldBags}</dd></> : null}
              {r.recalledBags ? <><dt>{d.point.bagsRecalled}</dt><dd>{r.recalledBags}</dd></> : null}
              {r.bagsDelivered !== undefined && <><dt>{d.point.bagsDelivered}</dt><dd>{r.bagsDelivered}</dd></>}
              {r.bagsReceived !== undefined && <><dt>{d.point.bagsReceived}</dt><dd>{r.bagsReceived}</dd></>}
            </dl>
            {confirmed && <p class="ok">{d.point.confirmedOn(formatDateTime(new Date(r.confirmedAt!)), r.bagsReceived ?? 0)}</p>}
            {r.status === 'held' && <button type="button" onClick={() => void send(cancelReservation(r.id), `${d.point.cancel}: ${what}`)}>{d.point.cancel}</button>}
            {!confirmed && (r.status === 'dispatched' || r.status === 'delivered') && (
              <div class="row">
                <label>{d.point.received}
                  <input inputMode="numeric" value={counts[r.id] ?? String(r.bagsDelivered ?? r.bags)} onInput={(e) => setCounts({ ...counts, [r.id]: (e.target as HTMLInputElement).value })} />
                </label>
                <button type="button" class="primary" onClick={() => void send(confirmReservation(r.id, { bagsReceived: Number(counts[r.id] ?? r.bagsDelivered ?? r.bags) }), `${d.point.confirm}: ${what}`,
                  { id: r.id, count: counts[r.id] ?? String(r.bagsDelivered ?? r.bags) })}>{d.point.confirm}</button>
              </div>
            )}
          </article>
        );
      })}
    </section>
  );
}
