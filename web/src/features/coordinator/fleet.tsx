import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, valueOf } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { formatKg, parseDecimal } from '../../lib/format.ts';
import { useForm } from '../../lib/forms.ts';
import type { Call } from '../../lib/write.ts';
import type { Site } from './coordinator.ts';
import { createStorageUnit } from './api/create-storage-unit.ts';
import { createVehicle } from './api/create-vehicle.ts';
import { getStorageUnits, type Unit } from './api/get-storage-units.ts';
import { getVehicles, type Vehicle } from './api/get-vehicles.ts';

const CLASSES = ['ambient', 'chilled', 'frozen'] as const;
const VEHICLE = { depotId: '', name: '', capacityKg: '', capacityBags: '', shiftStart: '07:30', shiftEnd: '15:30', refrigerated: false };
const UNIT = { depotId: '', name: '', temperatureClass: 'chilled', capacityKg: '', readingsPerDay: '1' };

/** The depot a new vehicle or unit belongs to: the only depot chosen already, else "choose". */
function DepotSelect({ depots, value, error, onChange }: { depots: Site[]; value: string; error?: string; onChange: (id: string) => void }) {
  const dc = t.value.coordinator;
  return (
    <Field label={dc.depot} error={error}>
      <select value={value} onChange={(e) => onChange(valueOf(e))}>
        <option value="">{dc.master.chooseDepot}</option>
        {depots.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select>
    </Field>
  );
}

/**
 * A depot's list (`load`) and the form that adds to it (`create`): the only depot is
 * chosen already; after a save the form empties but for the depot, and the list reloads.
 */
function useDepotList<T, F extends { depotId: string }>(load: () => Promise<{ items: T[] }>, create: (f: F) => Call, form: string, blank: F, depots: Site[], label: (f: F) => string) {
  const initial = { ...blank, depotId: depots.length === 1 ? depots[0].id : '' };
  const [items, setItems] = useState<T[]>([]);
  const f = useForm(initial, { screen: 'master', form, byCode: { not_found: 'depotId' } });
  const reload = () => void load().then((r) => setItems(r.items)).catch(() => undefined);
  useEffect(reload, []);
  useEffect(() => f.setForm((x) => ({ ...x, depotId: x.depotId || initial.depotId })), [depots.length]);
  const save = async () => {
    if (f.settle(await f.write(create(f.form), label(f.form)))) {
      f.setForm({ ...initial, depotId: f.form.depotId });
      reload();
    }
  };
  return { items, f, save };
}

type DepotForm = { depotId: string; name: string };
type DepotList<T, F extends DepotForm> = ReturnType<typeof useDepotList<T, F>>;

/**
 * A part of master data kept per depot: the form to add (depot, name, then `children`) and
 * the list under it, with a note that the API cannot change an item yet.
 */
function DepotPart<T extends { id: string }, F extends DepotForm>({ depots, list, texts, row, children }: {
  depots: Site[]; list: DepotList<T, F>; texts: { add: string; save: string; title: string; noEdit: string };
  row: (item: T) => ComponentChildren; children: ComponentChildren;
}) {
  const dm = t.value.coordinator.master;
  const { f, save, items } = list;
  return (
    <>
      <details class="card" open={f.reopened !== null || undefined}>
        <summary>{texts.add}</summary>
        <DepotSelect depots={depots} value={f.form.depotId} error={f.errors.depotId} onChange={(depotId) => f.setForm({ ...f.form, depotId })} />
        <Field label={dm.name} error={f.errors.name}><input value={f.form.name} onInput={f.input('name')} /></Field>
        {children}
        <Notice notice={f.notice} />
        <button type="button" class="primary" onClick={() => void save()}>{texts.save}</button>
      </details>
      <h2>{texts.title}</h2>
      {items.length > 0 ? <ul class="card plain">{items.map((x) => <li key={x.id}>{row(x)}</li>)}</ul> : <p class="muted">{dm.none}</p>}
      <p class="muted">{texts.noEdit}</p>
    </>
  );
}

/** The network's vehicles, and a form to add one (`POST /vehicles`; the API has no edit of a vehicle). */
export function Vehicles({ depots }: { depots: Site[] }) {
  const dm = t.value.coordinator.master;
  const list = useDepotList<Vehicle, typeof VEHICLE>(getVehicles, (form) => createVehicle({ ...form, capacityKg: parseDecimal(form.capacityKg), capacityBags: parseDecimal(form.capacityBags) }),
    'vehicle', VEHICLE, depots, (form) => `${dm.addVehicle}: ${form.name}`);
  const { f } = list;
  return (
    <DepotPart depots={depots} list={list} texts={{ add: dm.addVehicle, save: dm.saveVehicle, title: dm.vehicles, noEdit: dm.noVehicleEdit }}
      row={(v) => <><strong>{v.name}</strong>{v.refrigerated && ` · ${dm.refrigerated}`} · {formatKg(v.capacityKg)} · {dm.bagsMax(v.capacityBags)} · {v.shiftStart}–{v.shiftEnd}</>}>
      <div class="grid2">
        <Field label={dm.capacityKg} error={f.errors.capacityKg}><input inputMode="decimal" value={f.form.capacityKg} onInput={f.input('capacityKg')} /></Field>
        <Field label={dm.capacityBags} error={f.errors.capacityBags}><input inputMode="numeric" value={f.form.capacityBags} onInput={f.input('capacityBags')} /></Field>
        <Field label={dm.shiftStart} error={f.errors.shiftStart}><input type="time" value={f.form.shiftStart} onInput={f.input('shiftStart')} /></Field>
        <Field label={dm.shiftEnd} error={f.errors.shiftEnd}><input type="time" value={f.form.shiftEnd} onInput={f.input('shiftEnd')} /></Field>
      </div>
      <label class="inline">
        <input type="checkbox" checked={f.form.refrigerated} onChange={(e) => f.setForm({ ...f.form, refrigerated: (e.target as HTMLInputElement).checked })} />{dm.refrigerated}
      </label>
    </DepotPart>
  );
}

/** The depots' storage units with their stock, and a form to add one (`POST /storage-units`; the API has no edit of a unit). */
export function StorageUnits({ depots }: { depots: Site[] }) {
  const d = t.value;
  const dm = d.coordinator.master;
  // The class is one of CLASSES; the server checks it like every field.
  const list = useDepotList<Unit, typeof UNIT>(getStorageUnits, (form) => createStorageUnit({ ...form, capacityKg: parseDecimal(form.capacityKg), readingsPerDay: parseDecimal(form.readingsPerDay) } as Parameters<typeof createStorageUnit>[0]),
    'unit', UNIT, depots, (form) => `${dm.addUnit}: ${form.name}`);
  const { f } = list;
  return (
    <DepotPart depots={depots} list={list} texts={{ add: dm.addUnit, save: dm.saveUnit, title: dm.units, noEdit: dm.noUnitEdit }}
      row={(u) => (
        <><strong>{u.name}</strong> · {d.terms.temperatureClass[u.temperatureClass] ?? u.temperatureClass} · {formatKg(u.capacityKg)}
          <br />{dm.inStock(formatKg(u.stockKg))} · {dm.readings(u.readingsPerDay)}</>
      )}>
      <Field label={dm.temperatureClass} error={f.errors.temperatureClass}>
        <select value={f.form.temperatureClass} onChange={f.input('temperatureClass')}>
          {CLASSES.map((c) => <option key={c} value={c}>{d.terms.temperatureClass[c]}</option>)}
        </select>
      </Field>
      <Field label={dm.unitCapacityKg} error={f.errors.capacityKg}><input inputMode="decimal" value={f.form.capacityKg} onInput={f.input('capacityKg')} /></Field>
      <Field label={dm.readingsPerDay} error={f.errors.readingsPerDay}><input inputMode="numeric" value={f.form.readingsPerDay} onInput={f.input('readingsPerDay')} /></Field>
    </DepotPart>
  );
}
