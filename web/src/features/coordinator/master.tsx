import { placeLine } from '../../lib/format.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Field, Notice, valueOf } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { parseLocation } from '../../lib/location.ts';
import { useFix, useForm } from '../../lib/forms.ts';
import { loadSites, type Site } from './coordinator.ts';
import { DonorLinks } from './donor-links.tsx';
import { Schedules } from './schedules.tsx';
import { StorageUnits, Vehicles } from './fleet.tsx';
import { OrganisationSelect, type Organisation } from './user-editor.tsx';
import { Users } from './users.tsx';
import { createSite } from './api/create-site.ts';
import { getOrganisations } from './api/get-organisations.ts';
import { updateSite } from './api/update-site.ts';
import { useTiles } from './tiles.ts';

const PARTS = ['sites', 'vehicles', 'units', 'users'] as const;
type Part = (typeof PARTS)[number];
/** The part of master data each form (`Write.form`) is on. */
const PART_OF: Record<string, Part> = { site: 'sites', schedule: 'sites', vehicle: 'vehicles', unit: 'units', user: 'users' };
const blank = { kind: 'point', name: '', municipality: '', address: '', location: '', contactName: '', phone: '', contact: '', depotId: '', organisationId: '' };
type Form = typeof blank;

const toForm = (s: Site): Form => ({
  kind: s.kind, name: s.name, municipality: s.municipality, address: s.address,
  location: `${String(s.lat).replace('.', ',')}, ${String(s.lon).replace('.', ',')}`,
  contactName: s.contactName ?? '', phone: s.phone ?? '', contact: s.contact ?? '', depotId: s.depotId ?? '', organisationId: s.organisationId ?? '',
});

/**
 * The body of a create (empty fields left out) or of an edit (empty fields cleared with null; a
 * depot has no serving depot). An empty location is left out: a new site's is then found from
 * its address, an edited site's stays.
 */
function toBody(f: Form, editing: boolean) {
  const none = editing ? null : undefined;
  const at = parseLocation(f.location || '');
  return {
    ...(editing ? {} : { kind: f.kind }),
    name: f.name, municipality: f.municipality, address: f.address, ...(at ? { lat: at.lat, lon: at.lon } : {}),
    contactName: f.contactName || none, phone: f.phone || none, contact: f.contact || none,
    ...(f.kind === 'depot' ? {} : { depotId: f.depotId || none }), organisationId: f.organisationId || none,
  };
}

/**
 * Master data in four parts: sites (add one, or edit its address, contacts, serving depot and
 * organisation; with its pickup times or distribution days), vehicles, storage units and
 * users. The server's Finnish message stands on the field it refuses.
 */
export default function MasterData() {
  const d = t.value;
  const dm = d.coordinator.master;
  const [part, setPart] = useState<Part>('sites');
  const [sites, setSites] = useState<Site[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const reloadSites = () => void loadSites().then((r) => setSites(r.items)).catch(() => undefined);
  useEffect(() => {
    reloadSites();
    void getOrganisations().then((r) => setOrganisations(r.items)).catch(() => undefined);
  }, []);
  const depots = sites.filter((s) => s.kind === 'depot');
  // Reopened from "needs attention": the part whose form made the write (that form fills itself in).
  useFix('master', true, (w) => {
    const p = PART_OF[w.form ?? ''];
    if (p) setPart(p);
    return false;
  });

  return (
    <section>
      <h1>{dm.title}</h1>
      <div class="row tabs spaced" role="group" aria-label={dm.sections}>
        {PARTS.map((p) => <button key={p} type="button" aria-pressed={part === p} onClick={() => setPart(p)}>{dm[p]}</button>)}
      </div>
      {part === 'sites' && <Sites sites={sites} organisations={organisations} onSaved={reloadSites} />}
      {part === 'vehicles' && <Vehicles depots={depots} />}
      {part === 'units' && <StorageUnits depots={depots} />}
      {part === 'users' && <Users sites={sites} organisations={organisations} />}
    </section>
  );
}

function Sites({ sites, organisations, onSaved }: { sites: Site[]; organisations: Organisation[]; onSaved: () => void }) {
  const d = t.value;
  const dm = d.coordinator.master;
  const [editing, setEditing] = useState<Site | null>(null);
  const [opened, setOpened] = useState(false);
  const tiles = useTiles();
  const byCode = { not_a_depot: 'depotId', depot_not_allowed: 'depotId', unknown_reference: 'organisationId', location_missing: 'location' };
  // A location typed but not read as coordinates is said at once, and nothing is sent.
  const [unreadable, setUnreadable] = useState(false);
  const f = useForm<Form & { editingId?: string }>(blank, { screen: 'master', form: 'site', ready: sites.length > 0, byCode });
  const { form, setForm, errors, notice, reset, settle } = f;
  // A refused edit reopens on its site; a refused new site as a new one.
  useEffect(() => {
    if (!f.reopened) return;
    setEditing(sites.find((s) => s.id === (f.reopened!.draft as { editingId?: string }).editingId) ?? null);
    setOpened(true);
  }, [f.reopened]);
  const formRef = useRef<HTMLDetailsElement>(null);
  const depots = sites.filter((s) => s.kind === 'depot');
  const nameOf = (id?: string) => sites.find((s) => s.id === id)?.name ?? '';
  const orgName = (id?: string) => organisations.find((o) => o.id === id)?.name;

  const open = (s: Site | null) => {
    setEditing(s);
    setUnreadable(false);
    reset(s ? toForm(s) : blank);
    setOpened(s !== null);
    if (s) formRef.current?.scrollIntoView();
  };

  const save = async () => {
    const typed = form.location || ''; // a draft kept from before the field existed has none
    const bad = typed.trim() !== '' && parseLocation(typed) === null;
    setUnreadable(bad);
    if (bad) return;
    const res = editing
      ? await f.write(updateSite(editing.id, toBody(form, true)), `${dm.editing(form.name)}`, { draft: { ...form, editingId: editing.id } })
      : await f.write(createSite(toBody(form, false) as Parameters<typeof createSite>[0]), `${dm.addSite}: ${form.name}`);
    if (settle(res)) {
      setEditing(null);
      setForm(blank);
      setOpened(false);
      onSaved();
    }
  };

  const field = (name: keyof Form, label: string, mode?: 'decimal' | 'tel') => (
    <Field label={label} error={errors[name]}>
      <input inputMode={mode} value={form[name]} onInput={(e) => setForm({ ...form, [name]: valueOf(e) })} />
    </Field>
  );

  return (
    <>
      <details class="card" ref={formRef} open={opened} onToggle={(e) => setOpened((e.currentTarget as HTMLDetailsElement).open)}>
        <summary>{editing ? dm.editing(editing.name) : dm.addSite}</summary>
        {!editing && (
          <label>{dm.kind}
            <select value={form.kind} onChange={(e) => setForm({ ...form, kind: valueOf(e) })}>
              {(['depot', 'donor', 'point'] as const).map((k) => <option key={k} value={k}>{dm.kinds[k]}</option>)}
            </select>
          </label>
        )}
        {field('name', dm.name)}{field('municipality', dm.municipality)}{field('address', dm.address)}
        <Field label={dm.location} error={unreadable ? dm.locationUnreadable : errors.location ?? errors.lat ?? errors.lon}>
          <input value={form.location} aria-describedby="site-location-hint" onInput={(e) => setForm({ ...form, location: valueOf(e) })} />
        </Field>
        <p class="muted" id="site-location-hint">{dm.locationHint}</p>
        {tiles && opened && (
          <>
            <p class="muted">{dm.pinHint}</p>
            <tiles.maps.PinMap tileUrl={tiles.config.mapTileUrl} attribution={tiles.config.mapAttribution} attributionUrl={tiles.config.mapAttributionUrl}
              at={parseLocation(form.location || '')} label={dm.pinMap} zoomIn={t.value.coordinator.zoomIn} zoomOut={t.value.coordinator.zoomOut}
              onPick={(lat, lon) => { setUnreadable(false); setForm({ ...form, location: `${lat.toFixed(5).replace('.', ',')}, ${lon.toFixed(5).replace('.', ',')}` }); }} />
          </>
        )}
        {field('contactName', dm.contactName)}{field('phone', dm.phone, 'tel')}{field('contact', dm.contact)}
        {form.kind !== 'depot' && (
          <Field label={dm.depot} error={errors.depotId}>
            <select value={form.depotId} onChange={(e) => setForm({ ...form, depotId: valueOf(e) })}>
              <option value="">{dm.nearestDepot}</option>
              {depots.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </Field>
        )}
        <Field label={dm.organisation} error={errors.organisationId}>
          <OrganisationSelect organisations={organisations} value={form.organisationId} onChange={(organisationId) => setForm({ ...form, organisationId })} />
        </Field>
        <Notice notice={notice} />
        <div class="row spaced">
          <button type="button" class="primary" onClick={() => void save()}>{dm.save}</button>
          {editing && <button type="button" onClick={() => open(null)}>{dm.cancel}</button>}
        </div>
        {editing?.kind === 'donor' && <DonorLinks siteId={editing.id} />}
      </details>
      {!opened && <Notice notice={notice} />}
      <h2>{dm.sites}</h2>
      <ul class="card plain">
        {sites.map((s) => (
          <li key={s.id}>
            <strong>{s.name}</strong> · {dm.kinds[s.kind]} · {placeLine(s.address, s.municipality)}{s.phone ? ` · ${s.phone}` : ''}
            {s.contactName && ` · ${s.contactName}`}
            {s.servedByDepotId && s.servedBy && <><br />{dm.servedBy(nameOf(s.servedByDepotId), dm.rules[s.servedBy] ?? s.servedBy)}</>}
            {orgName(s.organisationId) && <><br />{dm.organisation}: {orgName(s.organisationId)}</>}
            <br /><button type="button" aria-label={`${dm.edit}: ${s.name}`} onClick={() => open(s)}>{dm.edit}</button>
          </li>
        ))}
      </ul>
      <Schedules sites={sites} />
    </>
  );
}
