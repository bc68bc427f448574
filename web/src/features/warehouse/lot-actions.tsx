import { useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatKg, parseDecimal } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { refusalOf, write, type Call } from '../../lib/write.ts';
import { adjustLot } from './api/adjust-lot.ts';
import { checkLot } from './api/check-lot.ts';
import { discardLot } from './api/discard-lot.ts';
import { freezeLot } from './api/freeze-lot.ts';
import type { Lot } from './api/get-lots.ts';
import type { Unit } from './api/get-storage-units.ts';
import { moveLot } from './api/move-lot.ts';
import { releaseLot } from './api/release-lot.ts';
import { lotName, lotPlace, type LotFacts } from './lot-text.ts';
import { DISCARD_REASONS as REASONS, type DiscardReason } from '../../../../src/domain/categories.ts';

/** What a lot's row shows: the lot as `GET /lots`, `GET /stock` and `GET /alerts` give it. */
export type LotSummary = LotFacts & Pick<Lot, 'id' | 'temperatureClass' | 'storageUnitId' | 'stockKg'>;
export type { Unit };

type Action = 'discards' | 'adjustments' | 'moves' | 'freeze' | 'checks' | 'release';

/** One lot with what a volunteer may do to it: discard, adjust, move, freeze, check, release. */
export function LotRow({ lot, units, onDone }: { lot: LotSummary; units: Unit[]; onDone: () => void }) {
  const d = t.value;
  const a = d.warehouse.actions;
  const [open, setOpen] = useState<Action | null>(null);
  const [kg, setKg] = useState('');
  const [text, setText] = useState('');
  const [choice, setChoice] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const unitName = units.find((u) => u.id === lot.storageUnitId)?.name ?? '';
  const name = lotName(lot);
  const where = `${formatKg(lot.stockKg)} · ${lotPlace(lot, unitName)}`;
  const title = `${name} · ${where}`;

  const callOf = (act: Action): Call => {
    switch (act) {
      case 'discards': return discardLot(lot.id, { kg: parseDecimal(kg), reason: (choice || 'other') as DiscardReason, ...(text ? { note: text } : {}) });
      case 'adjustments': return adjustLot(lot.id, { kg: parseDecimal(kg), reason: text });
      case 'moves': return moveLot(lot.id, { storageUnitId: choice });
      case 'freeze': return freezeLot(lot.id, { storageUnitId: choice });
      case 'checks': return checkLot(lot.id, { passed: choice !== 'failed', ...(text ? { note: text } : {}) });
      case 'release': return releaseLot(lot.id, { note: text });
    }
  };
  // Reopened from "needs attention": the action on this lot as it was filled in, with why it was refused.
  const fixing = useFix('stock', true, (w) => {
    const x = w.draft as { lotId: string; action: Action; kg: string; text: string; choice: string } | undefined;
    if (!x || x.lotId !== lot.id) return false;
    setOpen(x.action);
    setKg(x.kg);
    setText(x.text);
    setChoice(x.choice);
    setNote({ ok: false, text: w.problem.errors?.[0]?.message ?? w.problem.detail });
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!open) return;
    const res = await write({ ...callOf(open), kind: 'stock', label: `${a[open]}: ${title}`, draft: { lotId: lot.id, action: open, kg, text, choice }, replaces: fixing.current });
    fixing.current = null;
    const refused = refusalOf(res);
    setNote(refused ? { ok: false, text: refused.errors?.[0]?.message ?? refused.detail } : { ok: true, text: 'queued' in res ? d.outbox.queued : d.outbox.saved });
    if (!refused) { setOpen(null); onDone(); }
  };
  const targets = units.filter((u) => u.id !== lot.storageUnitId && (open === 'freeze' ? u.temperatureClass === 'frozen' : u.temperatureClass === lot.temperatureClass));

  return (
    <li class="lot">
      <p><strong>{name}</strong><br />{where}</p>
      <div class="row">
        {(Object.keys(a) as Action[]).map((act) => (
          <button type="button" key={act} aria-pressed={open === act} onClick={() => { setOpen(open === act ? null : act); setChoice(act === 'discards' ? 'spoiled' : act === 'checks' ? 'passed' : ''); setKg(act === 'discards' ? String(lot.stockKg).replace('.', ',') : ''); setText(''); setNote(null); }}>{a[act]}</button>
        ))}
      </div>
      {note && <p class={note.ok ? 'ok' : 'error'} role="status">{note.text}</p>}
      {open && (
        <form onSubmit={submit} class="card">
          {(open === 'discards' || open === 'adjustments') && <label>{d.intake.weight}<input inputMode="decimal" value={kg} onInput={(e) => setKg((e.target as HTMLInputElement).value)} /></label>}
          {open === 'discards' && (
            <label>{d.warehouse.reason}<select value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
              {REASONS.map((r) => <option key={r} value={r}>{d.warehouse.reasons[r]}</option>)}
            </select></label>
          )}
          {(open === 'moves' || open === 'freeze') && (
            <label>{d.intake.unit}<select value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
              <option value="">–</option>
              {targets.map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
            </select></label>
          )}
          {open === 'checks' && (
            <label>{d.warehouse.checkResult}<select value={choice} onChange={(e) => setChoice((e.target as HTMLSelectElement).value)}>
              <option value="passed">{d.warehouse.passed}</option><option value="failed">{d.warehouse.failed}</option>
            </select></label>
          )}
          {open !== 'moves' && open !== 'freeze' && <label>{open === 'release' ? d.warehouse.correctiveAction : d.warehouse.note}<input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>}
          <button type="submit" class="primary">{a[open]}</button>
        </form>
      )}
    </li>
  );
}
