import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { cachedGetAll } from '../../lib/api.ts';
import { formatDateTime, parseDecimal } from '../../lib/format.ts';
import { send } from './send.ts';

interface Unit { id: string; name: string; temperatureClass: string }
const toggleSign = (v: string) => (v.startsWith('-') ? v.slice(1) : `-${v}`);

/** A reading per storage unit, as the thermometer shows it; an excursion holds the unit's lots. */
export default function Temperatures() {
  const d = t.value;
  const [units, setUnits] = useState<Unit[]>([]);
  const [values, setValues] = useState<Record<string, string>>({});
  const [notes, setNotes] = useState<Record<string, { ok: boolean; text: string }>>({});
  useEffect(() => { void cachedGetAll<Unit>('/storage-units').then((r) => setUnits(r.items)).catch(() => undefined); }, []);

  const save = async (u: Unit) => {
    const celsius = parseDecimal(values[u.id] ?? '');
    const res = await send(`/storage-units/${u.id}/temperature-readings`, { celsius }, 'temperatures', `${d.menu.temperatures}: ${u.name} ${values[u.id]} °C`);
    setNotes({ ...notes, [u.id]: res.ok ? { ok: true, text: `${res.queued ? d.outbox.queued : d.outbox.saved} · ${formatDateTime(new Date())}` } : { ok: false, text: res.problem.errors?.[0]?.message ?? res.problem.detail } });
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
          {notes[u.id] && <p class={notes[u.id].ok ? 'ok' : 'error'} role="status">{notes[u.id].text}</p>}
          <button type="submit" class="primary">{d.warehouse.saveReading}</button>
        </form>
      ))}
    </section>
  );
}
