import { useEffect, useRef, useState } from 'preact/hooks';
import { Keypad } from '../../components/keypad.tsx';
import { t } from '../../i18n/index.ts';
import { cachedGetAll, type Problem } from '../../lib/api.ts';
import { formatKg, parseDecimal } from '../../lib/format.ts';
import { drop, enqueue, flush, getWrite, newKey, settled } from '../../lib/outbox.ts';
import { route } from '../../lib/router.ts';

interface Site { id: string; name: string }
interface Unit { id: string; name: string; temperatureClass: string }
interface Line { category: string; kg: string; temperatureClass: string; dateKind: string; date: string; storageUnitId: string; receiptCelsius: string }
/** The server's messages by line and field, and the rules each line broke (`violations`). */
type Errors = { top: string[]; lines: Record<number, Record<string, string>>; rules: Record<number, { rule: string; message: string }[]> };
interface Refusal { category: string; kg: number; reason: string; note?: string }

const CATEGORIES = ['bread', 'dairy', 'meat', 'minced_meat', 'eggs', 'fish', 'smoked_fish', 'ready_meals', 'fruit_veg', 'dry_goods', 'non_food', 'frozen'];
const CLASSES = ['ambient', 'chilled', 'frozen'];
const DATE_KINDS = ['use_by', 'best_before', 'none'];
const NO_ERRORS: Errors = { top: [], lines: {}, rules: {} };

const blankLine = (units: Unit[], cls = 'chilled'): Line => ({
  category: 'dairy', kg: '', temperatureClass: cls, dateKind: 'use_by', date: '', receiptCelsius: '',
  storageUnitId: units.find((u) => u.temperatureClass === cls)?.id ?? units[0]?.id ?? '',
});

/** The server's errors (`body.lines.1.date`) on the line and field they are about. */
function errorsOf(problem: Problem): Errors {
  const out: Errors = { top: [], lines: {}, rules: {} };
  for (const e of problem.errors ?? []) {
    const m = /^body\.lines\.(\d+)\.(\w+)/.exec(e.path);
    if (m) (out.lines[Number(m[1])] ??= {})[m[2]] = e.message;
    else out.top.push(e.message);
  }
  for (const v of (problem.violations as { line: number; rule: string; message: string }[] | undefined) ?? []) (out.rules[v.line] ??= []).push(v);
  if (!problem.errors?.length) out.top.push(problem.detail);
  return out;
}

/** Which refusal reason a broken rule stands for; any other rule is `other`, with the server's message as its note. */
const REASON_OF_RULE: Record<string, string> = { use_by_past: 'use_by_past', smoked_fish_past_use_by: 'use_by_past', receipt_too_warm: 'too_warm' };
const refusalOf = (l: Line, broken: { rule: string; message: string } | undefined): Refusal => {
  const reason = (broken && REASON_OF_RULE[broken.rule]) ?? 'other';
  return { category: l.category, kg: parseDecimal(l.kg), reason, ...(reason === 'other' && broken ? { note: broken.message.slice(0, 500) } : {}) };
};

/** Entries of a line-indexed record without line `i`, the lines after it moved up by one. */
function without<T>(byLine: Record<number, T>, i: number): Record<number, T> {
  const out: Record<number, T> = {};
  for (const [k, v] of Object.entries(byLine)) if (Number(k) !== i) out[Number(k) > i ? Number(k) - 1 : Number(k)] = v;
  return out;
}

const toBody = (donorId: string, lines: Line[], refusals: Refusal[]) => ({
  donorId,
  ...(refusals.length ? { refusals } : {}),
  lines: lines.map((l) => ({
    category: l.category, kg: parseDecimal(l.kg), temperatureClass: l.temperatureClass, dateKind: l.dateKind,
    date: l.dateKind === 'none' || !l.date ? null : l.date, storageUnitId: l.storageUnitId,
    receiptCelsius: l.receiptCelsius.trim() === '' ? null : parseDecimal(l.receiptCelsius),
  })),
});
const fromBody = (body: ReturnType<typeof toBody>): Line[] => body.lines.map((l) => ({
  category: l.category, kg: Number.isFinite(l.kg) ? String(l.kg).replace('.', ',') : '', temperatureClass: l.temperatureClass,
  dateKind: l.dateKind, date: l.date ?? '', storageUnitId: l.storageUnitId,
  receiptCelsius: l.receiptCelsius === null ? '' : String(l.receiptCelsius).replace('.', ','),
}));

/**
 * Weighing in a delivery, as fast as the paper form: the donor once, then a line per crate
 * with the keypad. Saving goes through the outbox; online, the server's verdict comes back at
 * once and every broken rule is shown on its line; offline, the intake waits and is sent later.
 */
export default function Intake() {
  const d = t.value;
  const [donors, setDonors] = useState<Site[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [donorId, setDonorId] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [active, setActive] = useState<{ line: number; field: 'kg' | 'receiptCelsius' }>({ line: 0, field: 'kg' });
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const pressed = useRef(false);
  const fixing = useRef<string | null>(null);
  // This delivery's tries: a saved one clears its own refusals in "needs attention", not another delivery's.
  const delivery = useRef<string>(newKey());

  useEffect(() => {
    void (async () => {
      const [ds, us] = await Promise.all([
        cachedGetAll<Site>('/sites?kind=donor').catch(() => ({ items: [] })),
        cachedGetAll<Unit>('/storage-units').catch(() => ({ items: [] })),
      ]);
      setDonors(ds.items);
      setUnits(us.items);
      const fixKey = route.value.params.fix;
      const w = fixKey ? await getWrite(fixKey) : undefined;
      if (w) {
        const body = w.body as ReturnType<typeof toBody>;
        fixing.current = w.key;
        delivery.current = w.subject ?? w.key;
        setDonorId(body.donorId);
        setRefusals(body.refusals ?? []);
        setLines(fromBody(body));
        if (w.problem) setErrors(errorsOf(w.problem));
      } else setLines([blankLine(us.items)]);
    })();
  }, []);

  const set = (i: number, patch: Partial<Line>) => setLines((ls) => ls.map((l, j) => {
    if (j !== i) return l;
    const next = { ...l, ...patch };
    if (patch.temperatureClass && !patch.storageUnitId) next.storageUnitId = units.find((u) => u.temperatureClass === patch.temperatureClass)?.id ?? l.storageUnitId;
    return next;
  }));

  /**
   * A line the rules refuse becomes a recorded refusal (kilos and reason, never stock), in one
   * tap. The line goes: refusing the only one leaves none, and the intake saves as refusals only.
   */
  const refuse = (i: number) => {
    setRefusals((rs) => [...rs, refusalOf(lines[i], errors.rules[i]?.[0])]);
    removeLine(i);
  };
  /** Drops line `i`; the server's messages stay on the lines they are about. */
  const removeLine = (i: number) => {
    setLines((ls) => ls.filter((_, j) => j !== i));
    setErrors((er) => ({ ...er, lines: without(er.lines, i), rules: without(er.rules, i) }));
  };

  const save = async (e: Event) => {
    e.preventDefault();
    if (pressed.current) return; // a second tap on the same press: still one intake
    pressed.current = true;
    setBusy(true);
    setNotice(null);
    const key = newKey();
    const body = toBody(donorId, lines, refusals);
    const donor = donors.find((x) => x.id === donorId)?.name ?? '';
    const totalKg = body.lines.reduce((s, l) => s + (Number.isFinite(l.kg) ? l.kg : 0), 0);
    try {
      if (fixing.current) await drop(fixing.current);
      fixing.current = null;
      await enqueue({ key, method: 'POST', path: '/intakes', body, kind: 'intake', label: `${d.intake.title}: ${donor} ${formatKg(totalKg)}`, subject: delivery.current });
      await flush();
      const answer = settled.value[key];
      if (answer && !answer.ok) {
        // Refused: the write is in "needs attention"; fixing it here replaces it.
        fixing.current = key;
        setErrors(errorsOf(answer.body as Problem));
        setNotice(d.intake.needsFix);
      } else {
        setErrors(NO_ERRORS);
        delivery.current = newKey();
        setNotice(answer ? d.intake.done : d.intake.queued);
        setLines([blankLine(units)]);
        setRefusals([]);
        setActive({ line: 0, field: 'kg' });
      }
    } finally {
      pressed.current = false;
      setBusy(false);
    }
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{d.intake.title}</h1>
      {notice && <p class={errors === NO_ERRORS ? 'ok' : 'status warn'} role="status">{notice}</p>}
      {errors.top.map((m) => <p class="error" role="alert" key={m}>{m}</p>)}
      <label>{d.intake.donor}
        <select value={donorId} onChange={(e) => setDonorId((e.target as HTMLSelectElement).value)} required>
          <option value="">{d.intake.chooseDonor}</option>
          {donors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {lines.map((l, i) => {
        const err = errors.lines[i] ?? {};
        const field = (name: string) => (err[name] ? 'field-error' : undefined);
        const note = (name: string) => (err[name] ? <span class="error" role="alert">{err[name]}</span> : null);
        return (
          <fieldset class="line" key={i}>
            <legend>{d.intake.line(i + 1)}</legend>
            <label class={field('category')}>{d.intake.category}
              <select value={l.category} onChange={(e) => set(i, { category: (e.target as HTMLSelectElement).value })}>
                {CATEGORIES.map((c) => <option key={c} value={c}>{d.terms.category[c]}</option>)}
              </select>{note('category')}
            </label>
            <label class={field('kg')}>{d.intake.weight}
              <input inputMode="decimal" value={l.kg} onFocus={() => setActive({ line: i, field: 'kg' })}
                onInput={(e) => set(i, { kg: (e.target as HTMLInputElement).value })} />{note('kg')}
            </label>
            {active.line === i && <Keypad value={l[active.field]} signed={active.field === 'receiptCelsius'} onChange={(v) => set(i, { [active.field]: v })} />}
            <div class="grid2">
              <label class={field('temperatureClass')}>{d.intake.temperatureClass}
                <select value={l.temperatureClass} onChange={(e) => set(i, { temperatureClass: (e.target as HTMLSelectElement).value })}>
                  {CLASSES.map((c) => <option key={c} value={c}>{d.terms.temperatureClass[c]}</option>)}
                </select>{note('temperatureClass')}
              </label>
              <label class={field('receiptCelsius')}>{d.intake.receiptCelsius}
                <input inputMode="decimal" value={l.receiptCelsius} onFocus={() => setActive({ line: i, field: 'receiptCelsius' })}
                  onInput={(e) => set(i, { receiptCelsius: (e.target as HTMLInputElement).value })} />{note('receiptCelsius')}
              </label>
              <label class={field('dateKind')}>{d.intake.dateKind}
                <select value={l.dateKind} onChange={(e) => set(i, { dateKind: (e.target as HTMLSelectElement).value })}>
                  {DATE_KINDS.map((k) => <option key={k} value={k}>{d.terms.dateKind[k]}</option>)}
                </select>{note('dateKind')}
              </label>
              <label class={field('date')}>{d.intake.date}
                <input type="date" value={l.date} disabled={l.dateKind === 'none'} onInput={(e) => set(i, { date: (e.target as HTMLInputElement).value })} />{note('date')}
              </label>
            </div>
            <label class={field('storageUnitId')}>{d.intake.unit}
              <select value={l.storageUnitId} onChange={(e) => set(i, { storageUnitId: (e.target as HTMLSelectElement).value })}>
                {units.map((u) => <option key={u.id} value={u.id}>{u.name} ({d.terms.temperatureClass[u.temperatureClass]})</option>)}
              </select>{note('storageUnitId')}
            </label>
            <div class="row">
              {Object.keys(err).length > 0 && <button type="button" onClick={() => refuse(i)}>{d.intake.refuse}</button>}
              {lines.length > 1 && <button type="button" onClick={() => removeLine(i)}>{d.intake.removeLine}</button>}
            </div>
          </fieldset>
        );
      })}
      {refusals.length > 0 && (
        <section class="card" aria-labelledby="refusals-title">
          <h2 id="refusals-title">{d.intake.refusals}</h2>
          <ul class="lots">{refusals.map((r, i) => (
            <li class="lot" key={i}>{`${d.terms.category[r.category]} ${formatKg(r.kg)} · ${d.intake.reasons[r.reason]}`}
              <button type="button" onClick={() => setRefusals((rs) => rs.filter((_, j) => j !== i))}>{d.intake.removeLine}</button>
            </li>
          ))}</ul>
        </section>
      )}
      <div class="row spaced">
        <button type="button" onClick={() => { setLines((ls) => [...ls, blankLine(units, ls[ls.length - 1]?.temperatureClass)]); setActive({ line: lines.length, field: 'kg' }); }}>{d.intake.addLine}</button>
      </div>
      <button type="submit" class="primary" disabled={busy}>{busy ? d.intake.saving : d.intake.save}</button>
    </form>
  );
}
