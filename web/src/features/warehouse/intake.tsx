import { useEffect, useRef, useState } from 'preact/hooks';
import { Keypad } from '../../components/keypad.tsx';
import { t } from '../../i18n/index.ts';
import type { Problem } from '../../lib/api.ts';
import { formatKg, parseDecimal } from '../../lib/format.ts';
import { getWrite, newKey } from '../../lib/outbox.ts';
import { route } from '../../lib/router.ts';
import { usePress, write } from '../../lib/write.ts';
import { createIntake, type NewIntake } from './api/create-intake.ts';
import { getDonors, type Donor } from './api/get-donors.ts';
import { getStorageUnits, type Unit } from './api/get-storage-units.ts';
// The intake rules are the server's own pure functions: one rule, checked as the line is filled in and again on save.
import {
  ALLERGENS, type Allergen, type Category, DATE_KINDS, type DateKind, type TemperatureClass, TEMPERATURE_CLASSES as CLASSES, USUAL_ALLERGENS, USUAL_CLASS, usualDateKind,
} from '../../../../src/domain/categories.ts';
import { localDate } from '../../../../src/domain/dates.ts';
import { intakeLineViolations, type Violation } from '../../../../src/domain/food-safety.ts';
import { isExactKg, kgToGrams } from '../../../../src/domain/weight.ts';
import { catalogues } from '../../../../src/i18n/messages.ts';
import { en as enLabel, fi as fiLabel } from '../../../../src/i18n/labels.ts';
import { lang } from '../../i18n/index.ts';

/** `allergens` null: not known (the label then says to check the packages); `[]`: the package declares none. */
interface Line {
  category: string; kg: string; temperatureClass: string; dateKind: string; date: string; storageUnitId: string; receiptCelsius: string;
  frozenOn: string; allergens: string[] | null; unpackaged: boolean;
}
/** The server's messages by line and field, and the rules each line broke (`violations`). */
type Errors = { top: string[]; lines: Record<number, Record<string, string>>; rules: Record<number, { rule: string; message: string }[]> };
type Refusal = NonNullable<NewIntake['refusals']>[number];

const CATEGORIES = ['bread', 'dairy', 'meat', 'minced_meat', 'eggs', 'fish', 'smoked_fish', 'ready_meals', 'fruit_veg', 'dry_goods', 'non_food', 'frozen'];
const NO_ERRORS: Errors = { top: [], lines: {}, rules: {} };

/** What a line of `category` starts with: the category's usual class, a unit of that class and its usual date kind. */
const categoryDefaults = (units: Unit[], category: string) => {
  const cls = USUAL_CLASS[category as Category] ?? 'chilled';
  return {
    category, temperatureClass: cls, dateKind: usualDateKind(category as Category),
    storageUnitId: units.find((u) => u.temperatureClass === cls)?.id ?? units[0]?.id ?? '',
  };
};
const blankLine = (units: Unit[], category = 'dairy'): Line => ({
  ...categoryDefaults(units, category), kg: '', date: '', receiptCelsius: '', frozenOn: '', allergens: null, unpackaged: false,
});

/** Rules about a field still empty wait until it is filled in (or saved): a new line is not a list of faults. */
const WAITS_FOR: Record<string, keyof Line> = { invalid_weight: 'kg', non_positive_kg: 'kg', date_missing: 'date', receipt_celsius_missing: 'receiptCelsius' };

/** The rules a line breaks as it stands, from the same domain function the server runs. */
function liveViolations(l: Line, units: Unit[]): Violation[] {
  const kg = parseDecimal(l.kg);
  const celsius = l.receiptCelsius.trim() === '' ? null : parseDecimal(l.receiptCelsius);
  const unit = units.find((u) => u.id === l.storageUnitId);
  const found = intakeLineViolations({
    category: l.category as Category, weightG: Number.isFinite(kg) && isExactKg(kg) ? kgToGrams(kg) : Number.NaN,
    temperatureClass: l.temperatureClass as TemperatureClass, dateKind: l.dateKind as DateKind,
    date: l.dateKind === 'none' || !l.date ? null : l.date, receiptCelsius: celsius, frozenOn: l.frozenOn || null,
  }, { today: localDate(new Date()), unitClass: (unit?.temperatureClass ?? l.temperatureClass) as TemperatureClass });
  return found.filter((v) => !(v.rule in WAITS_FOR && String(l[WAITS_FOR[v.rule]]).trim() === ''));
}

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
  return { category: l.category as Category, kg: parseDecimal(l.kg), reason: reason as Refusal['reason'], ...(reason === 'other' && broken ? { note: broken.message.slice(0, 500) } : {}) };
};

/** Entries of a line-indexed record without line `i`, the lines after it moved up by one. */
function without<T>(byLine: Record<number, T>, i: number): Record<number, T> {
  const out: Record<number, T> = {};
  for (const [k, v] of Object.entries(byLine)) if (Number(k) !== i) out[Number(k) > i ? Number(k) - 1 : Number(k)] = v;
  return out;
}

const toBody = (donorId: string, lines: Line[], refusals: Refusal[]): NewIntake => ({
  donorId,
  ...(refusals.length ? { refusals } : {}),
  lines: lines.map((l) => ({
    category: l.category as Category, kg: parseDecimal(l.kg), temperatureClass: l.temperatureClass as TemperatureClass, dateKind: l.dateKind as DateKind,
    date: l.dateKind === 'none' || !l.date ? null : l.date, storageUnitId: l.storageUnitId,
    receiptCelsius: l.receiptCelsius.trim() === '' ? null : parseDecimal(l.receiptCelsius),
    ...(l.temperatureClass === 'frozen' && l.frozenOn ? { frozenOn: l.frozenOn } : {}),
    ...(l.allergens !== null ? { allergens: l.allergens as Allergen[] } : {}),
    ...(l.unpackaged ? { unpackaged: true } : {}),
  })),
});
const fromBody = (body: ReturnType<typeof toBody>): Line[] => body.lines.map((l) => ({
  category: l.category, kg: Number.isFinite(l.kg) ? String(l.kg).replace('.', ',') : '', temperatureClass: l.temperatureClass,
  dateKind: l.dateKind, date: l.date ?? '', storageUnitId: l.storageUnitId,
  receiptCelsius: l.receiptCelsius === null ? '' : String(l.receiptCelsius).replace('.', ','),
  frozenOn: 'frozenOn' in l ? l.frozenOn ?? '' : '', allergens: 'allergens' in l ? l.allergens ?? null : null, unpackaged: 'unpackaged' in l && l.unpackaged === true,
}));

/**
 * Weighing in a delivery, as fast as the paper form: the donor once, then a line per crate
 * with the keypad. Saving goes through the outbox; online, the server's verdict comes back at
 * once and every broken rule is shown on its line; offline, the intake waits and is sent later.
 */
export default function Intake() {
  const d = t.value;
  const [donors, setDonors] = useState<Donor[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [donorId, setDonorId] = useState('');
  const [lines, setLines] = useState<Line[]>([]);
  const [active, setActive] = useState<{ line: number; field: 'kg' | 'receiptCelsius' }>({ line: 0, field: 'kg' });
  const [errors, setErrors] = useState<Errors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const { busy, press } = usePress();
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const fixing = useRef<string | null>(null);
  const result = useRef<HTMLParagraphElement>(null);
  const m = catalogues[lang.value];
  const allergenWords = lang.value === 'en' ? enLabel.allergen : fiLabel.allergen;

  // The save's result is shown beside the button just pressed, and brought into view.
  useEffect(() => {
    if (notice) result.current?.scrollIntoView({ block: 'center' });
  }, [notice]);
  // This delivery's tries: a saved one clears its own refusals in "needs attention", not another delivery's.
  const delivery = useRef<string>(newKey());

  useEffect(() => {
    void (async () => {
      const [ds, us] = await Promise.all([
        getDonors().catch(() => ({ items: [] as Donor[] })),
        getStorageUnits().catch(() => ({ items: [] as Unit[] })),
      ]);
      setDonors(ds.items);
      setUnits(us.items);
      const fixKey = route.value.params.fix;
      const w = fixKey ? await getWrite(fixKey) : undefined;
      if (w) {
        const body = w.body as NewIntake;
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
    // A new category brings its usual class, unit and date kind (not the line before's).
    const next = patch.category && patch.category !== l.category ? { ...l, ...categoryDefaults(units, patch.category), date: '', ...patch } : { ...l, ...patch };
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

  const save = (e: Event) => {
    e.preventDefault();
    // A second tap on the same press: still one intake.
    return press(async () => {
      setNotice(null);
      const body = toBody(donorId, lines, refusals);
      const donor = donors.find((x) => x.id === donorId)?.name ?? '';
      const totalKg = body.lines.reduce((s, l) => s + (Number.isFinite(l.kg) ? l.kg : 0), 0);
      const res = await write({ ...createIntake(body), kind: 'intake', label: `${d.intake.title}: ${donor} ${formatKg(totalKg)}`, subject: delivery.current, replaces: fixing.current });
      fixing.current = null;
      if ('ok' in res && !res.ok) {
        // Refused: the write is in "needs attention"; fixing it here replaces it.
        fixing.current = res.key;
        setErrors(errorsOf(res.problem));
        setNotice(d.intake.needsFix);
      } else {
        setErrors(NO_ERRORS);
        delivery.current = newKey();
        setNotice('ok' in res ? d.intake.done : d.intake.queued);
        setLines([blankLine(units)]);
        setRefusals([]);
        setActive({ line: 0, field: 'kg' });
      }
    });
  };

  return (
    <form onSubmit={save} noValidate>
      <h1>{d.intake.title}</h1>
      {errors.top.map((m) => <p class="error" role="alert" key={m}>{m}</p>)}
      <label>{d.intake.donor}
        <select value={donorId} onChange={(e) => setDonorId((e.target as HTMLSelectElement).value)} required>
          <option value="">{d.intake.chooseDonor}</option>
          {donors.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select>
      </label>
      {lines.map((l, i) => {
        const err = errors.lines[i] ?? {};
        const live = liveViolations(l, units);
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
            {l.temperatureClass === 'frozen' && (
              <label class={field('frozenOn')}>{d.intake.frozenOn}
                <input type="date" value={l.frozenOn} onInput={(e) => set(i, { frozenOn: (e.target as HTMLInputElement).value })} />{note('frozenOn')}
              </label>
            )}
            <fieldset class="allergens">
              <legend>{d.intake.allergens}</legend>
              <label><input type="radio" name={`allergens-${i}`} checked={l.allergens === null} onChange={() => set(i, { allergens: null })} /> {d.intake.allergensUnknown}</label>
              <label><input type="radio" name={`allergens-${i}`} checked={l.allergens !== null}
                onChange={() => set(i, { allergens: [...USUAL_ALLERGENS[l.category as Category]] })} /> {d.intake.allergensDeclared}</label>
              <p class="hint">{USUAL_ALLERGENS[l.category as Category]?.length
                ? d.intake.allergensUsual(USUAL_ALLERGENS[l.category as Category].map((a) => allergenWords[a]).join(', ')) : d.intake.allergensNone}</p>
              {l.allergens !== null && (
                <div class="checks">{ALLERGENS.map((a) => (
                  <label key={a}><input type="checkbox" checked={l.allergens!.includes(a)}
                    onChange={(e) => set(i, { allergens: (e.target as HTMLInputElement).checked ? [...l.allergens!, a] : l.allergens!.filter((x) => x !== a) })} /> {allergenWords[a]}</label>
                ))}</div>
              )}
            </fieldset>
            <label class="check"><input type="checkbox" checked={l.unpackaged} onChange={(e) => set(i, { unpackaged: (e.target as HTMLInputElement).checked })} /> {d.intake.unpackaged}</label>
            {live.length > 0 && (
              <div class="status warn" role="status" aria-live="polite">
                <p><strong>{d.intake.lineRules(i + 1)}</strong></p>
                <ul>{live.map((v) => <li key={v.rule}>{v.message(m)}</li>)}</ul>
              </div>
            )}
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
        <button type="button" onClick={() => { setLines((ls) => [...ls, blankLine(units, ls[ls.length - 1]?.category)]); setActive({ line: lines.length, field: 'kg' }); }}>{d.intake.addLine}</button>
      </div>
      {notice && <p ref={result} tabIndex={-1} class={errors === NO_ERRORS ? 'ok' : 'status warn'} role="status">{notice}</p>}
      <button type="submit" class="primary" disabled={busy}>{busy ? d.intake.saving : d.intake.save}</button>
    </form>
  );
}
