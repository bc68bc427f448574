import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { cachedGet } from '../../lib/api.ts';
import { formatDate, formatKg } from '../../lib/format.ts';
import { lotName, lotPlace, type LotFacts } from './lot-text.ts';
import { send } from './send.ts';

/** A lot of the picking list: the kilos to take, and what finds it on its shelf. */
interface PickLot extends LotFacts { lotId: string; kg: number; storageUnitName: string }
interface Run { id: string; bagCount: number; totalKg: number; bags: { id: string; weightKg: number; earliestUseBy?: string | null }[]; lots: PickLot[] }
const BAG_TYPES = ['food', 'bread', 'family', 'hygiene'];

/**
 * A packing run (FEFO picks the lots) and its picking list: each lot to take by the code the
 * stock screen shows, with its product, date, storage unit and the kilos to take.
 */
export default function Packing() {
  const d = t.value;
  const [bagType, setBagType] = useState('food');
  const [count, setCount] = useState('10');
  const [run, setRun] = useState<Run | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    const depotId = (await cachedGet<{ items: { depotId: string }[] }>('/storage-units')).items[0]?.depotId;
    const res = await send('/packing-runs', { depotId, bagType, bagCount: Number(count), allowPartial: true }, 'packing', `${d.menu.packing}: ${count} × ${d.terms.bagType[bagType]}`);
    if (res.ok) { setRun((res.body as Run | undefined) ?? null); setNote({ ok: true, text: res.queued ? d.outbox.queued : d.outbox.saved }); }
    else setNote({ ok: false, text: res.problem.detail });
  };
  return (
    <section>
      <h1>{d.menu.packing}</h1>
      <form class="card" onSubmit={submit}>
        <label>{d.point.bagType}<select value={bagType} onChange={(e) => setBagType((e.target as HTMLSelectElement).value)}>
          {BAG_TYPES.map((b) => <option key={b} value={b}>{d.terms.bagType[b]}</option>)}
        </select></label>
        <label>{d.point.bags}<input inputMode="numeric" value={count} onInput={(e) => setCount((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" class="primary">{d.warehouse.pack}</button>
      </form>
      {note && <p class={note.ok ? 'ok' : 'status warn'} role="status">{note.text}</p>}
      {run && (
        <>
          <h2>{d.warehouse.pickingList} · {run.bagCount} × {formatKg(run.totalKg / Math.max(run.bagCount, 1))}</h2>
          <ul class="lots picking">{run.lots.map((l) => (
            <li class="lot" key={l.lotId}><p><strong>{lotName(l)}</strong><br />{`${d.warehouse.take(formatKg(l.kg))} · ${lotPlace(l, l.storageUnitName)}`}</p></li>
          ))}</ul>
          {run.bags[0]?.earliestUseBy && <p class="muted">{d.terms.dateKind.use_by} {formatDate(run.bags[0].earliestUseBy)}</p>}
          <p><a class="tile" href={`/packing-runs/${run.id}/labels`} target="_blank" rel="noopener">{d.warehouse.printLabels}</a></p>
        </>
      )}
    </section>
  );
}
