import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { cachedGet } from '../../lib/api.ts';
import { parseDecimal } from '../../lib/format.ts';
import { outcome, write, type Site } from './coordinator.ts';
import { Schedules } from './schedules.tsx';

interface Vehicle { id: string; name: string; capacityKg: number; capacityBags: number; refrigerated: boolean; shiftStart: string; shiftEnd: string }
interface Unit { id: string; name: string; temperatureClass: string; stockKg: number }
interface User { id: string; name: string; email: string; role: string }
const blank = { kind: 'point', name: '', municipality: '', address: '', lat: '', lon: '', contactName: '', phone: '' };

/**
 * Master data at a glance: sites with addresses and contacts (and a form to add one, the
 * server's Finnish message on the field it refuses), vehicles, storage units and users.
 */
export default function MasterData() {
  const d = t.value;
  const dm = d.coordinator.master;
  const [sites, setSites] = useState<Site[]>([]);
  const [vehicles, setVehicles] = useState<Vehicle[]>([]);
  const [units, setUnits] = useState<Unit[]>([]);
  const [users, setUsers] = useState<User[]>([]);
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const reload = () => {
    void cachedGet<{ items: Site[] }>('/sites').then((r) => setSites(r.items)).catch(() => undefined);
    void cachedGet<{ items: Vehicle[] }>('/vehicles').then((r) => setVehicles(r.items)).catch(() => undefined);
    void cachedGet<{ items: Unit[] }>('/storage-units').then((r) => setUnits(r.items)).catch(() => undefined);
    void cachedGet<{ items: User[] }>('/users').then((r) => setUsers(r.items)).catch(() => undefined);
  };
  useEffect(reload, []);

  const save = async () => {
    const body = {
      kind: form.kind, name: form.name, municipality: form.municipality, address: form.address || undefined,
      lat: parseDecimal(form.lat), lon: parseDecimal(form.lon), contactName: form.contactName || undefined, phone: form.phone || undefined,
    };
    const res = await write<Site>('/sites', body, `${dm.addSite}: ${form.name}`, 'master');
    const o = outcome(res, d.outbox);
    setErrors(o.errors);
    setNotice(o.notice);
    if (o.saved) {
      setForm(blank);
      reload();
    }
  };

  const field = (name: keyof typeof blank, label: string, mode?: 'decimal') => (
    <label class={errors[name] ? 'field-error' : undefined}>{label}
      <input inputMode={mode} value={form[name]} onInput={(e) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value })} />
      {errors[name] && <span class="error">{errors[name]}</span>}
    </label>
  );

  return (
    <section>
      <h1>{dm.title}</h1>
      <details class="card">
        <summary>{dm.addSite}</summary>
        <label>{dm.kind}
          <select value={form.kind} onChange={(e) => setForm({ ...form, kind: (e.target as HTMLSelectElement).value })}>
            {(['depot', 'donor', 'point'] as const).map((k) => <option key={k} value={k}>{dm.kinds[k]}</option>)}
          </select>
        </label>
        {field('name', dm.name)}{field('municipality', dm.municipality)}{field('address', dm.address)}
        <div class="grid2">{field('lat', dm.lat, 'decimal')}{field('lon', dm.lon, 'decimal')}</div>
        {field('contactName', dm.contactName)}{field('phone', dm.phone)}
        {notice && <p class={notice.ok ? 'ok' : 'status warn'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</p>}
        <button type="button" class="primary" onClick={() => void save()}>{dm.save}</button>
      </details>
      <h2>{dm.sites}</h2>
      <ul class="card plain">
        {sites.map((s) => <li key={s.id}><strong>{s.name}</strong> · {dm.kinds[s.kind]} · {[s.address, s.municipality].filter(Boolean).join(', ')}{s.phone ? ` · ${s.phone}` : ''}</li>)}
      </ul>
      <Schedules sites={sites} />
      <h2>{dm.vehicles}</h2>
      <ul class="card plain">{vehicles.map((v) => <li key={v.id}><strong>{v.name}</strong> · {v.capacityKg} kg · {v.capacityBags} · {v.shiftStart}–{v.shiftEnd}</li>)}</ul>
      <h2>{dm.units}</h2>
      <ul class="card plain">{units.map((u) => <li key={u.id}><strong>{u.name}</strong> · {d.terms.temperatureClass[u.temperatureClass] ?? u.temperatureClass}</li>)}</ul>
      <h2>{dm.users}</h2>
      <ul class="card plain">{users.map((u) => <li key={u.id}><strong>{u.name}</strong> · {d.roles[u.role as keyof typeof d.roles] ?? u.role}</li>)}</ul>
    </section>
  );
}
