import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { NetworkError, type Problem } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatKg } from '../../lib/format.ts';
import { useForm } from '../../lib/forms.ts';
import { fieldErrors } from '../../lib/problems.ts';
import { BagList, type Recall } from '../../components/recall-bags.tsx';
import { loadSites, type Site } from './coordinator.ts';
import { getStartedRecalls, traceRecall, type Trace } from './api/get-recalls.ts';
import { startRecall } from './api/start-recall.ts';

/** What the trace found, before anything is changed: the lots, where their bags are, and the points they reached. */
function Preview({ trace }: { trace: Trace }) {
  const d = t.value;
  const r = d.recalls;
  if (trace.lots.length === 0) return <p class="status" role="status">{r.previewNone}</p>;
  const n = (statuses: string[]) => trace.bags.filter((b) => statuses.includes(b.status)).length;
  return (
    <div class="status" role="status">
      <p>{r.previewTitle}</p>
      <ul>{trace.lots.map((l) => (
        <li key={l.lotId}>{r.previewLot(l.code, [l.product ?? d.terms.category[l.category] ?? l.category, l.batch].filter(Boolean).join(' '), formatKg(l.stockKg))}</li>
      ))}</ul>
      <p>{r.previewBags(n(['in_stock', 'reserved', 'held']), n(['dispatched']), n(['delivered']))}</p>
      {trace.points.length > 0 && <ul>{trace.points.map((p) => <li key={p.pointId}>{r.previewPoint(p.name, p.bagsDelivered, p.bagsDispatched, p.bagsReserved)}</li>)}</ul>}
    </div>
  );
}

const blank = { product: '', batch: '', donorId: '', from: '', to: '', reason: '' };
type Form = typeof blank;
/** The start's body: only the fields given (the server takes one kind of query: product and/or batch, or a donor). */
const toBody = (f: Form) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.trim()]).filter(([, v]) => v !== ''));

/** One recall as the coordinator follows it: what it matched, what it did with the bags, and each point's acknowledgement. */
function RecallCard({ recall, donors }: { recall: Recall; donors: Site[] }) {
  const d = t.value;
  const r = d.recalls;
  const criterion = (k: string, v: string) => (k === 'donorId' ? donors.find((s) => s.id === v)?.name ?? v : k === 'from' || k === 'to' ? formatDate(v) : v);
  return (
    <article class="card recall" aria-label={`${r.title}: ${recall.reason}`}>
      <h2>{recall.reason}</h2>
      <p class="muted">{r.startedAt(formatDateTime(new Date(recall.at)))}</p>
      <dl class="facts">
        {Object.entries(recall.criteria).map(([k, v]) => <Fragment key={k}><dt>{r.criteria[k] ?? k}</dt><dd>{criterion(k, v)}</dd></Fragment>)}
      </dl>
      {recall.lots.length > 0 && (
        <>
          <h3>{r.lots}</h3>
          <ul class="plain">{recall.lots.map((l) => (
            <li key={l.lotId}>{r.lotLine(l.code, [l.product ?? d.terms.category[l.category] ?? l.category, l.batch].filter(Boolean).join(' '), formatKg(l.kgDiscarded))}</li>
          ))}</ul>
        </>
      )}
      <BagList title={r.withdrawn} bags={recall.withdrawn} />
      <BagList title={r.toBringBack} bags={recall.toBringBack} />
      <BagList title={r.delivered} bags={recall.delivered} />
      <h3>{r.points}</h3>
      {recall.points.length === 0 ? <p class="muted">{r.noPoints}</p> : (
        <>
          <p class={recall.pointsNotAcknowledged > 0 ? 'status warn' : 'ok'}>{r.notAcknowledgedCount(recall.pointsNotAcknowledged)}</p>
          <ul class="plain">{recall.points.map((p) => (
            <li key={p.pointId}>
              <strong>{p.name}</strong> · {r.pointBags(p.bagsDelivered, p.bagsDispatched)}<br />
              {p.acknowledgement
                ? <>{r.acknowledged(formatDateTime(new Date(p.acknowledgement.at)), p.acknowledgement.by)}: {p.acknowledgement.note}</>
                : <span class="error">{r.notAcknowledged}</span>}
            </li>
          ))}</ul>
        </>
      )}
    </article>
  );
}

/**
 * The coordinator's recalls: start one by product and/or batch, or by donor and days received,
 * with the reason the points read; then what it did (lots taken, bags withdrawn at the depot,
 * bags to bring back from a vehicle, bags delivered by point) and which points have not yet
 * acknowledged. Below, every recall started, newest first. A refused start is on its field, and
 * "Muokkaa ja lähetä uudelleen" on it reopens this form filled in.
 */
export default function Recalls() {
  const d = t.value;
  const r = d.recalls;
  // "Muokkaa ja lähetä uudelleen" on a refused start reopens this form as it was sent; a later start replaces the refusal.
  const f = useForm(blank, { screen: 'recalls', byCode: { recall_matches_nothing: 'product' } });
  const [donors, setDonors] = useState<Site[]>([]);
  const [items, setItems] = useState<Recall[]>([]);
  const pressed = useRef(false);

  const reload = () => void getStartedRecalls().then(setItems).catch(() => undefined);
  useEffect(() => {
    reload();
    void loadSites().then((s) => setDonors(s.items.filter((x) => x.kind === 'donor'))).catch(() => undefined);
  }, []);

  const [trace, setTrace] = useState<Trace | null>(null);
  /** The read-only trace of the same query: what a start would reach, nothing changed. */
  const preview = async () => {
    setTrace(null);
    const { reason: _, ...query } = toBody(f.form);
    try {
      const res = await traceRecall(query as Record<string, string>);
      if (res.status === 200) {
        f.setNotice(null);
        setTrace(res.body as Trace);
      } else {
        const problem = res.body as Problem;
        const errors = Object.fromEntries(Object.entries(fieldErrors(problem)).map(([k, v]) => [k.replace(/^querystring\./, ''), v]));
        f.setNotice({ ok: false, text: Object.values(errors)[0] ?? problem.detail });
      }
    } catch (err) {
      f.setNotice({ ok: false, text: err instanceof NetworkError ? d.errors.network : d.errors.unknown });
    }
  };

  const start = async (e: Event) => {
    e.preventDefault();
    if (pressed.current) return;
    pressed.current = true;
    try {
      const res = await f.write(startRecall(toBody(f.form)), `${r.start}: ${f.form.reason}`);
      if (f.settle(res)) {
        f.reset(blank);
        setTrace(null);
        f.setNotice({ ok: true, text: r.started });
        if ('body' in res) setItems((xs) => [res.body, ...xs.filter((x) => x.id !== res.body.id)]);
      }
    } finally {
      pressed.current = false;
    }
  };

  const field = (name: keyof Form, label: string, date = false) => (
    <label class={f.errors[name] ? 'field-error' : undefined}>{label}
      {date ? <input type="date" value={f.form[name]} onInput={f.input(name)} /> : <input value={f.form[name]} onInput={f.input(name)} />}
      {f.errors[name] && <span class="error">{f.errors[name]}</span>}
    </label>
  );

  return (
    <section>
      <h1>{r.title}</h1>
      <form class="card" onSubmit={start}>
        <h2>{r.startTitle}</h2>
        <p class="muted">{r.intro}</p>
        <p>{r.matchHint}</p>
        {f.errors.lotId && <p class="error" role="alert">{f.errors.lotId}</p>}
        {field('product', r.product)}
        {field('batch', r.batch)}
        <label class={f.errors.donorId ? 'field-error' : undefined}>{r.donor}
          <select value={f.form.donorId} onChange={f.input('donorId')}>
            <option value="">{r.noDonor}</option>
            {donors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          {f.errors.donorId && <span class="error">{f.errors.donorId}</span>}
        </label>
        {field('from', r.from, true)}
        {field('to', r.to, true)}
        <label class={f.errors.reason ? 'field-error' : undefined}>{r.reason}
          <textarea rows={3} required maxLength={1000} value={f.form.reason} onInput={f.input('reason')} />
          {f.errors.reason && <span class="error">{f.errors.reason}</span>}
        </label>
        {f.notice && <p class={f.notice.ok ? 'ok' : 'status warn'} role={f.notice.ok ? 'status' : 'alert'}>{f.notice.text}</p>}
        {trace && <Preview trace={trace} />}
        <div class="row spaced">
          <button type="button" onClick={() => void preview()}>{r.preview}</button>
          <button type="submit" class="primary">{r.start}</button>
        </div>
      </form>
      <h2>{r.list}</h2>
      {items.length === 0 ? <p class="muted">{r.none}</p> : items.map((x) => <RecallCard key={x.id} recall={x} donors={donors} />)}
    </section>
  );
}
