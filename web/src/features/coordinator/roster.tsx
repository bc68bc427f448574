import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDate, todayInHelsinki } from '../../lib/format.ts';
import { useFix } from '../../lib/forms.ts';
import { loadSites, type Site } from './coordinator.ts';
import { UserEditor, type EditableUser, type Organisation } from './user-editor.tsx';
import { getOrganisations } from './api/get-organisations.ts';
import { findUsers } from './api/get-users.ts';

const ROLES = ['warehouse', 'point_lead', 'driver', 'coordinator'] as const;

/**
 * The roster: everyone with their phone, how they get messages and their hygiene passport,
 * filtered by role, site, a passport ending before a date, and the active flag; each person's
 * phone, messages, passport, active flag and organisation edited in place (`PATCH /users/:id`).
 */
export default function Roster() {
  const d = t.value;
  const ds = d.staff;
  const [sites, setSites] = useState<Site[]>([]);
  const [filters, setFilters] = useState({ role: '', siteId: '', passportExpiringBefore: '', active: '' });
  const [users, setUsers] = useState<EditableUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const today = todayInHelsinki();

  // Reopened from "needs attention": the person's editor opens (it fills itself in with what was sent).
  useFix('roster', users !== null, (w) => {
    const id = /^\/users\/([^/]+)$/.exec(w.path)?.[1];
    if (id && users?.some((u) => u.id === id)) setEditing(id);
    return false;
  });

  const show = async () => {
    setError(null);
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '')).toString();
    try {
      setUsers(await findUsers(query));
    } catch (err) {
      setError((err as Error).message || d.errors.network);
    }
  };
  useEffect(() => {
    void loadSites().then((r) => setSites(r.items)).catch(() => undefined);
    void getOrganisations().then((r) => setOrganisations(r.items)).catch(() => undefined);
    void show();
  }, []);

  const open = (id: string | null) => {
    setEditing(id);
    setSaved(null);
  };
  const done = (user: EditableUser | null) => {
    setEditing(null);
    if (!user) return;
    setSaved(`${d.outbox.saved}: ${user.name}`);
    void show();
  };
  const set = (name: keyof typeof filters) => (e: Event) => setFilters({ ...filters, [name]: (e.target as HTMLInputElement | HTMLSelectElement).value });

  return (
    <section>
      <h1>{ds.rosterTitle}</h1>
      <div class="card">
        <div class="grid2">
          <label>{ds.role}
            <select value={filters.role} onChange={set('role')}>
              <option value="">{ds.anyone}</option>
              {ROLES.map((r) => <option key={r} value={r}>{d.roles[r]}</option>)}
            </select>
          </label>
          <label>{ds.active}
            <select value={filters.active} onChange={set('active')}>
              <option value="">{ds.anyone}</option>
              <option value="true">{ds.activeOnly}</option>
              <option value="false">{ds.inactiveOnly}</option>
            </select>
          </label>
        </div>
        <label>{ds.site}
          <select value={filters.siteId} onChange={set('siteId')}>
            <option value="">{ds.anyone}</option>
            {sites.filter((s) => s.kind !== 'donor').map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
        </label>
        <label>{ds.passportBefore}
          <input type="date" value={filters.passportExpiringBefore} onInput={set('passportExpiringBefore')} />
        </label>
        <button type="button" class="primary" onClick={() => void show()}>{ds.show}</button>
      </div>
      {error && <p class="status warn" role="alert">{error}</p>}
      {saved && <p class="ok" role="status">{saved}</p>}
      {users && users.length === 0 && <p class="muted">{ds.none}</p>}
      {users && users.length > 0 && (
        <ul class="card plain">
          {users.map((u) => (
            <li key={u.id}>
              <strong>{u.name}</strong> · {d.roles[u.role as keyof typeof d.roles] ?? u.role}{!u.active && ` · ${ds.inactive}`}
              <br />
              {u.phone ? <a href={`tel:${u.phone}`}>{u.phone}</a> : u.email} · {ds.notify[u.notify] ?? u.notify}
              <br />
              {!u.hygienePassportUntil ? <span class="muted">{ds.noPassport}</span>
                : u.hygienePassportUntil < today ? <span class="error">{ds.expired} ({formatDate(u.hygienePassportUntil)})</span>
                  : ds.passport(formatDate(u.hygienePassportUntil))}
              {editing === u.id
                ? <UserEditor user={u} organisations={organisations} onDone={done} />
                : <><br /><button type="button" aria-label={`${d.people.edit}: ${u.name}`} onClick={() => open(u.id)}>{d.people.edit}</button></>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
