import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDateTime, todayInHelsinki } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { refusalOf, write, type Call, type Written } from '../../lib/write.ts';
import { discardBag } from './api/discard-bag.ts';
import { getAlerts, getClosedAlerts, type Alert, type Alerts, type HeldBag } from './api/get-alerts.ts';
import { getStorageUnits } from './api/get-storage-units.ts';
import { releaseBag } from './api/release-bag.ts';
import { resolveAlert } from './api/resolve-alert.ts';
import { LotRow, type LotSummary, type Unit } from './lot-actions.tsx';

const ACTIONS = ['moved', 'discarded', 'repaired', 'checked_ok', 'other'];
const code = (id: string) => `${id.replace(/-/g, '').slice(0, 4)}-${id.replace(/-/g, '').slice(4, 8)}`.toUpperCase();
const answerOf = (res: Written<unknown>, saved: string) => {
  const refused = refusalOf(res);
  return refused ? { ok: false, text: refused.errors?.[0]?.message ?? refused.detail } : { ok: true, text: saved };
};

/** A bag an excursion holds: released with its corrective action once its unit reads in range, or discarded. */
function HeldBagRow({ bag, onDone }: { bag: HeldBag; onDone: () => void }) {
  const c = t.value.coldStore;
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const name = `${c.bag} ${code(bag.id)} · ${t.value.terms.bagType[bag.bagType] ?? bag.bagType}`;
  // Reopened from "needs attention": this bag's release as it was filled in, with why it was refused.
  const fixing = useFix('alerts', true, (w) => {
    const x = w.draft as { bagId: string; text?: string } | undefined;
    if (x?.bagId !== bag.id) return false;
    if (x.text !== undefined) { setOpen(true); setText(x.text); }
    setNote({ ok: false, text: w.problem.errors?.[0]?.message ?? w.problem.detail });
  });
  const act = async (call: Call, label: string, release: boolean) => {
    const res = await write({ ...call, kind: 'alerts', label: `${label}: ${name}`, draft: { bagId: bag.id, ...(release ? { text } : {}) }, replaces: fixing.current });
    fixing.current = null;
    setNote(answerOf(res, t.value.outbox.saved));
    if (!refusalOf(res)) onDone();
  };
  return (
    <li class="lot">
      <p><strong>{name}</strong></p>
      <div class="row">
        <button type="button" aria-pressed={open} onClick={() => setOpen(!open)}>{c.release}</button>
        <button type="button" onClick={() => void act(discardBag(bag.id, { reason: 'temperature' }), c.discard, false)}>{c.discard}</button>
      </div>
      {note && <p class={note.ok ? 'ok' : 'error'} role="status">{note.text}</p>}
      {open && (
        <form class="card" onSubmit={(e) => { e.preventDefault(); void act(releaseBag(bag.id, { note: text }), c.release, true); }}>
          <label>{c.releaseNote}<input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
          <button type="submit" class="primary">{c.release}</button>
        </form>
      )}
    </li>
  );
}

/** "Kuittaa poikkeama": the corrective action and a note, sent through the outbox. */
function ResolveForm({ alert, onDone }: { alert: Alert; onDone: () => void }) {
  const c = t.value.coldStore;
  const [open, setOpen] = useState(false);
  const [action, setAction] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  // Reopened from "needs attention": this alert's corrective action as it was filled in, with why it was refused.
  const fixing = useFix('alerts', true, (w) => {
    const x = w.draft as { alertId: string; action: string; text: string } | undefined;
    if (x?.alertId !== alert.id) return false;
    setOpen(true);
    setAction(x.action);
    setText(x.text);
    setNote({ ok: false, text: w.problem.errors?.[0]?.message ?? w.problem.detail });
  });
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { action, ...(text ? { note: text } : {}) } as Parameters<typeof resolveAlert>[1];
    const res = await write({ ...resolveAlert(alert.id, body), kind: 'alerts', label: `${c.resolve}: ${alert.storageUnitName ?? ''}`, draft: { alertId: alert.id, action, text }, replaces: fixing.current });
    fixing.current = null;
    setNote(answerOf(res, c.resolved));
    if (!refusalOf(res)) { setOpen(false); onDone(); }
  };
  return (
    <>
      <button type="button" class="primary" aria-pressed={open} onClick={() => setOpen(!open)}>{c.resolve}</button>
      {note && <p class={note.ok ? 'ok' : 'error'} role="status">{note.text}</p>}
      {open && (
        <form class="card" onSubmit={submit}>
          <label>{c.action}
            <select value={action} required onChange={(e) => setAction((e.target as HTMLSelectElement).value)}>
              <option value="">–</option>
              {ACTIONS.map((a) => <option key={a} value={a}>{c.actions[a]}</option>)}
            </select>
          </label>
          <label>{c.note}<input value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} /></label>
          <button type="submit" class="primary">{c.resolve}</button>
        </form>
      )}
    </>
  );
}

/**
 * Open alerts (what kind, the API's detail, what they hold) with "Kuittaa poikkeama" to close
 * each with its corrective action, the lots and bags they hold with their actions, lots waiting
 * for a best-before check, frozen-unit warnings, and the alerts closed in the last 30 days with
 * what was done, by whom and when.
 */
export default function AlertsScreen() {
  const d = t.value;
  const c = d.coldStore;
  const [alerts, setAlerts] = useState<Alerts | null>(null);
  const [closed, setClosed] = useState<Alert[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const load = () => {
    void getAlerts().then(setAlerts).catch(() => undefined);
    const from = todayInHelsinki(new Date(Date.now() - 30 * 86_400_000));
    void getClosedAlerts(from).then(setClosed).catch(() => undefined);
  };
  useEffect(() => {
    load();
    void getStorageUnits().then((r) => setUnits(r.items)).catch(() => undefined);
  }, []);
  if (!alerts) return <p class="muted">…</p>;
  const lots = (list: LotSummary[]) => <ul class="lots">{list.map((l) => <LotRow key={l.id} lot={l} units={units} onDone={load} />)}</ul>;
  return (
    <section>
      <h1>{d.menu.alerts}</h1>
      {alerts.items.length === 0 && alerts.holds.length === 0 && alerts.needsBestBeforeCheck.length === 0 && alerts.warnings.length === 0 && <p class="muted">{d.warehouse.noAlerts}</p>}
      {alerts.items.map((a) => (
        <article class="card" key={a.id}>
          <p class={`badge alert-kind ${a.kind}`}>{d.warehouse.alertKind[a.kind] ?? d.warehouse.alertKind.other}</p>
          <h2>{a.storageUnitName ?? d.warehouse.alertKind.other}{a.celsius !== undefined ? ` · ${String(a.celsius).replace('.', ',')} °C` : ''}</h2>
          <p class="muted">{formatDateTime(new Date(a.openedAt))}</p>
          <p>{a.detail}</p>
          {lots(a.heldLots)}
          {a.heldBags.length > 0 && <><h3>{c.heldBags}</h3><ul class="lots">{a.heldBags.map((b) => <HeldBagRow key={b.id} bag={b} onDone={load} />)}</ul></>}
          {(a.kind === 'excursion' || a.kind === 'reading_missed') && <ResolveForm alert={a} onDone={load} />}
        </article>
      ))}
      {alerts.warnings.map((w) => <p class="status" key={w.storageUnitId}>{`${w.storageUnitName} ${String(w.celsius).replace('.', ',')} °C`}</p>)}
      {alerts.needsBestBeforeCheck.length > 0 && <><h2>{d.warehouse.needsCheck}</h2>{lots(alerts.needsBestBeforeCheck)}</>}
      {alerts.holds.length > 0 && <><h2>{d.warehouse.onHold}</h2>{lots(alerts.holds)}</>}
      {closed.length > 0 && (
        <>
          <h2>{c.closedTitle}</h2>
          <ul class="lots">{closed.map((a) => (
            <li class="lot" key={a.id}>
              <p><strong>{a.storageUnitName ?? ''} · {d.warehouse.alertKind[a.kind] ?? d.warehouse.alertKind.other}</strong><br />
                {c.closedBy(a.action ? c.actions[a.action] ?? a.action : '', a.resolvedBy?.name ?? '', a.closedAt ? formatDateTime(new Date(a.closedAt)) : '')}
                {a.note ? <><br />{a.note}</> : null}</p>
            </li>
          ))}</ul>
        </>
      )}
    </section>
  );
}
