import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDateTime, parseDecimal } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { navigate } from '../../lib/router.ts';
import { refusalOf, write, type Written } from '../../lib/write.ts';
import { getStorageUnits, type Unit } from './api/get-storage-units.ts';
import { recordTemperature, type Reading } from './api/record-temperature.ts';

const toggleSign = (v: string) => (v.startsWith('-') ? v.slice(1) : `-${v}`);
type Note = { kind: 'ok' | 'error' | 'warm' | 'warning'; text: string };
const decimal = (n: number) => String(n).replace('.', ',');

/**
 * A reading per storage unit, as the thermometer shows it. A reading out of range says so at
 * once, in red, with what it held and what to do (the excursion is closed under Alerts with
 * its corrective action); a freezer between −18 and −15 °C is a warning.
 */
export default function Temperatures() {
  const d = t.value;
  const [units, setUnits] = useState<Unit[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, Note>>({});
  useEffect(() => { void getStorageUnits().then((r) => setUnits(r.items)).catch(() => undefined); }, []);

  // Reopened from "needs attention": the reading as typed, on its unit, with why it was refused.
  const fixing = useFix('temperatures', units.length > 0, (w) => {
    const x = w.draft as { unitId: string; value: string } | undefined;
    if (!x) return false;
    setValues((v) => ({ ...v, [x.unitId]: x.value }));
    setNotes((n) => ({ ...n, [x.unitId]: { kind: 'error', text: w.problem.errors?.[0]?.message ?? w.problem.detail } }));
  });

  const save = async (u: Unit) => {
    const celsius = parseDecimal(values[u.id] ?? '');
    const res = await write({ ...recordTemperature(u.id, { celsius }), kind: 'temperatures', label: `${d.menu.temperatures}: ${u.name} ${values[u.id]} °C`,
      draft: { unitId: u.id, value: values[u.id] ?? '' }, replaces: fixing.current });
    fixing.current = null;
    setNotes({ ...notes, [u.id]: noteOf(u, res) });
  };
  const noteOf = (u: Unit, res: Written<Reading>): Note => {
    const refused = refusalOf(res);
    if (refused) return { kind: 'error', text: refused.errors?.[0]?.message ?? refused.detail };
    const r = 'ok' in res && res.ok ? res.body : undefined;
    const saved = `${'queued' in res ? d.outbox.queued : d.outbox.saved} · ${formatDateTime(new Date())}`;
    if (r?.excursion) {
      const c = d.coldStore;
      return { kind: 'warm', text: `${c.tooWarm(u.name, decimal(r.celsius), r.limitC === undefined ? undefined : decimal(r.limitC))} ${c.held(r.heldLots, r.heldBags)} ${c.whatToDo}` };
    }
    if (r?.warning) return { kind: 'warning', text: `${d.coldStore.frozenWarning(u.name, decimal(r.celsius))} ${saved}` };
    return { kind: 'ok', text: saved };
  };

  return (
    <section>
      <h1>{d.menu.temperatures}</h1>
      {units.map((u) => (
        <form class="card" key={u.id} onSubmit={(e) => { e.preventDefault(); void save(u); }}>
          <div class="signed">
            <label>{`${u.name} (${d.terms.temperatureClass[u.temperatureClass]}) °C`}
              <input inputMode="decimal" value={values[u.id] ?? ''} onInput={(e) => setValues({ ...values, [u.id]: (e.target as HTMLInputElement).value })} />
            </label>
            {/* A phone's decimal keypad may have no minus: a freezer reads −18 °C. */}
            <button type="button" aria-label={d.warehouse.minus} onClick={() => setValues({ ...values, [u.id]: toggleSign(values[u.id] ?? '') })}>−</button>
          </div>
          {notes[u.id]?.kind === 'warm' && (
            <div class="warm" role="alert"><p>{notes[u.id].text}</p><a href="/app/alerts" onClick={(e) => { e.preventDefault(); navigate('alerts'); }}>{d.coldStore.goToAlerts}</a></div>
          )}
          {notes[u.id] && notes[u.id].kind !== 'warm' && <p class={notes[u.id].kind === 'ok' ? 'ok' : notes[u.id].kind === 'warning' ? 'status' : 'error'} role="status">{notes[u.id].text}</p>}
          <button type="submit" class="primary">{d.warehouse.saveReading}</button>
        </form>
      ))}
    </section>
  );
}
