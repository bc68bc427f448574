import { useState } from 'preact/hooks';
import { useFix } from '../../lib/forms.ts';
import { t } from '../../i18n/index.ts';
import type { Problem } from '../../lib/api.ts';
import { formatDate, formatKg } from '../../lib/format.ts';
import { refusalOf, write } from '../../lib/write.ts';
import { createPackingRun, type PackingRun as Run } from './api/create-packing-run.ts';
import { getStorageUnits } from './api/get-storage-units.ts';
import { lotName, lotPlace } from './lot-text.ts';
import { BAG_TYPES } from '../../../../src/domain/categories.ts';

/** Fewer bags than asked: the usable stock by class. */
type ByClass = NonNullable<Run['shortage']>['availableByClass'];
/** A short run's 409: what each class could pack for this bag type. */
type Short = Problem & { availableByClass?: ByClass };
const CLASSES = ['chilled', 'frozen', 'ambient'];
/** The class the API packs when none is named: bread and hygiene bags ambient, food and family bags chilled. */
const DEFAULT_CLASS: Record<string, string> = { food: 'chilled', family: 'chilled', bread: 'ambient', hygiene: 'ambient' };

/**
 * A packing run of one bag type and class (FEFO picks the lots) and its picking list: each lot
 * to take by the code the stock screen shows, with its product, date, storage unit and kilos.
 */
export default function Packing() {
  const d = t.value;
  const [bagType, setBagType] = useState('food');
  const [temperatureClass, setTemperatureClass] = useState(DEFAULT_CLASS.food);
  const [count, setCount] = useState('10');
  const [run, setRun] = useState<Run | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string; byClass?: string } | null>(null);
  // Reopened from "needs attention": the run as asked, with why it was refused.
  const fixing = useFix('packing', true, (w) => {
    const x = w.draft as { bagType: string; temperatureClass: string; count: string } | undefined;
    if (!x) return false;
    setBagType(x.bagType);
    setTemperatureClass(x.temperatureClass);
    setCount(x.count);
    setNote({ ok: false, text: w.problem.detail });
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const depotId = (await getStorageUnits()).items[0]?.depotId;
    const label = `${d.menu.packing}: ${count} × ${d.terms.bagType[bagType]} (${d.terms.temperatureClass[temperatureClass]})`;
    const body = { depotId, bagType, temperatureClass, bagCount: Number(count), allowPartial: true } as Parameters<typeof createPackingRun>[0];
    const res = await write({ ...createPackingRun(body), kind: 'packing', label, draft: { bagType, temperatureClass, count }, replaces: fixing.current });
    fixing.current = null;
    const byClassText = (byClass: ByClass) => d.warehouse.availableByClass(byClass.map((c) => `${d.terms.temperatureClass[c.temperatureClass]} ${formatKg(c.kg)}`).join(' · '));
    const refused = refusalOf(res);
    if (!refused) {
      const made = 'ok' in res && res.ok ? res.body : null;
      setRun(made);
      // Fewer bags than asked is said at once, with why: not a plain "saved".
      if (made && made.bagCount < made.requestedBags) {
        setNote({
          ok: false, text: `${d.warehouse.packedOf(made.bagCount, made.requestedBags)}: ${d.warehouse.shortOf(made.temperatureClass, made.bagCount)}`,
          byClass: made.shortage && byClassText(made.shortage.availableByClass),
        });
      } else setNote({ ok: true, text: 'queued' in res ? d.outbox.queued : made ? d.warehouse.packedOf(made.bagCount, made.requestedBags) : d.outbox.saved });
      return;
    }
    const byClass = (refused as Short).availableByClass;
    setNote({ ok: false, text: refused.detail, byClass: byClass && byClassText(byClass) });
  };
  return (
    <section>
      <h1>{d.menu.packing}</h1>
      <form class="card" onSubmit={submit}>
        <label>{d.point.bagType}<select value={bagType} onChange={(e) => {
          const next = (e.target as HTMLSelectElement).value;
          setBagType(next);
          setTemperatureClass(DEFAULT_CLASS[next]);
        }}>
          {BAG_TYPES.map((b) => <option key={b} value={b}>{d.terms.bagType[b]}</option>)}
        </select></label>
        <label>{d.intake.temperatureClass}<select value={temperatureClass} onChange={(e) => setTemperatureClass((e.target as HTMLSelectElement).value)}>
          {CLASSES.map((c) => <option key={c} value={c}>{d.terms.temperatureClass[c]}</option>)}
        </select></label>
        <label>{d.point.bags}<input inputMode="numeric" value={count} onInput={(e) => setCount((e.target as HTMLInputElement).value)} /></label>
        <button type="submit" class="primary">{d.warehouse.pack}</button>
      </form>
      {note && <div class={note.ok ? 'ok' : 'status warn'} role="status"><p>{note.text}</p>{note.byClass && <p>{note.byClass}</p>}</div>}
      {run && (
        <>
          <h2>{d.warehouse.pickingList} · {run.bagCount} × {formatKg(run.totalKg / Math.max(run.bagCount, 1))} · {d.terms.temperatureClass[run.temperatureClass]}</h2>
          <ul class="lots picking">{run.lots.map((l) => (
            <li class="lot" key={l.lotId}><p><strong>{lotName(l)}</strong><br />{`${d.warehouse.take(formatKg(l.kg))} · ${lotPlace(l, l.storageUnitName)}`}</p></li>
          ))}</ul>
          {handOutBy(run) && <p class="muted">{d.warehouse.handOutBy(formatDate(handOutBy(run)!))}</p>}
          <p><a class="tile" href={`/packing-runs/${run.id}/labels`} target="_blank" rel="noopener">{d.warehouse.printLabels}</a></p>
        </>
      )}
    </section>
  );
}

/** The run's earliest hand-out date: the day its first bag must be handed out by. */
function handOutBy(run: Run): string | null {
  return run.bags.map((b) => b.handOutBy ?? null).filter((x): x is string => x !== null).sort()[0] ?? null;
}
