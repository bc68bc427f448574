import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useForm } from '../../lib/forms.ts';
import { usePress } from '../../lib/write.ts';
import { BagList, type Recall } from '../../components/recall-bags.tsx';
import { acknowledgeRecall } from './api/acknowledge-recall.ts';
import { getRecalls as load } from './api/get-recalls.ts';

/**
 * One recall that reached the lead's point: in red while not acknowledged, with its reason,
 * the point's bags (on a vehicle, delivered), what to do, and "Kuittaa" with what the point
 * did; once acknowledged, when, by whom and the note.
 */
function RecallNotice({ recall, onDone }: { recall: Recall; onDone: (r: Recall) => void }) {
  const r = t.value.recalls;
  // One form per recall: "Muokkaa ja lähetä uudelleen" on a refused acknowledgement reopens this one with the note sent.
  const f = useForm({ note: '' }, { screen: 'recalls', form: recall.id });
  const { press } = usePress();
  const ack = recall.points[0]?.acknowledgement;
  const acknowledge = (e: Event) => {
    e.preventDefault();
    return press(async () => {
      const res = await f.write(acknowledgeRecall(recall.id, { note: f.form.note }), `${r.acknowledge}: ${recall.reason}`);
      if (f.settle(res) && 'body' in res) onDone(res.body);
    });
  };
  return (
    <article class={ack ? 'card recall' : 'card recall open'} aria-label={`${r.notice}: ${recall.reason}`}>
      <h2>{r.notice}</h2>
      <p>{r.noticeReason(recall.reason)}</p>
      <p class="muted">{r.startedAt(formatDateTime(new Date(recall.at)))}</p>
      {!ack && <p>{r.whatToDo}</p>}
      <BagList title={r.toBringBack} bags={recall.toBringBack} />
      <BagList title={r.delivered} bags={recall.delivered} />
      <BagList title={r.withdrawn} bags={recall.withdrawn} />
      {ack ? <p class="ok" role="status">{r.acknowledged(formatDateTime(new Date(ack.at)), ack.by)}: {ack.note}</p> : (
        <form onSubmit={acknowledge}>
          <label class={f.errors.note ? 'field-error' : undefined}>{r.ackNote}
            <textarea rows={3} required maxLength={1000} value={f.form.note} onInput={f.input('note')} />
            {f.errors.note && <span class="error" role="alert">{f.errors.note}</span>}
          </label>
          <button type="submit" class="primary">{r.acknowledge}</button>
        </form>
      )}
      {ack && f.notice?.ok && <p>{r.acknowledgedNotice}</p>}
      {f.notice && !ack && !f.errors.note && <p class={f.notice.ok ? 'status' : 'status warn'} role={f.notice.ok ? 'status' : 'alert'}>{f.notice.text}</p>}
    </article>
  );
}

/** The recall notices not yet acknowledged, for the point lead's start screen (nothing when there are none). */
export function OpenRecallNotices() {
  const [items, setItems] = useState<Recall[]>([]);
  useEffect(() => { void load().then((xs) => setItems(xs.filter((x) => !x.points[0]?.acknowledgement))).catch(() => undefined); }, []);
  const replace = (r: Recall) => setItems((xs) => xs.map((x) => (x.id === r.id ? r : x)));
  return <>{items.map((x) => <RecallNotice key={x.id} recall={x} onDone={replace} />)}</>;
}

/** Every recall that reached the point, newest first: open ones with "Kuittaa", acknowledged ones with what was done. */
export default function PointRecalls() {
  const r = t.value.recalls;
  const [items, setItems] = useState<Recall[] | null>(null);
  useEffect(() => { void load().then(setItems).catch(() => setItems([])); }, []);
  const replace = (x: Recall) => setItems((xs) => (xs ?? []).map((y) => (y.id === x.id ? x : y)));
  return (
    <section>
      <h1>{r.title}</h1>
      {items === null ? <p class="muted">…</p> : items.length === 0 ? <p class="muted">{r.none}</p>
        : items.map((x) => <RecallNotice key={x.id} recall={x} onDone={replace} />)}
    </section>
  );
}
