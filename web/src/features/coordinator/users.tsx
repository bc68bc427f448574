import { useEffect, useState } from 'preact/hooks';
import { Field, Notice } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { useForm } from '../../lib/forms.ts';
import type { Site } from './coordinator.ts';
import { OrganisationSelect, UserEditor, type EditableUser, type Organisation } from './user-editor.tsx';
import { createUser } from './api/create-user.ts';
import { getUsers } from './api/get-users.ts';

const ROLES = ['warehouse', 'point_lead', 'driver', 'coordinator'] as const;
const NOTIFY = ['email', 'sms', 'none'] as const;
const blank = { name: '', email: '', role: 'warehouse', password: '', pointId: '', organisationId: '', phone: '', notify: 'email' };

/**
 * The users: a form to add one (`POST /users`: a point lead names their point) and the list,
 * each editable in place (`PATCH /users/:id`). The server's Finnish message stands on the field.
 */
export function Users({ sites, organisations }: { sites: Site[]; organisations: Organisation[] }) {
  const d = t.value;
  const dm = d.coordinator.master;
  const dp = d.people;
  const [items, setItems] = useState<EditableUser[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const byCode = { email_taken: 'email', point_required: 'pointId', not_a_point: 'pointId', phone_required: 'phone', unknown_reference: 'organisationId' };
  const f = useForm(blank, { screen: 'master', form: 'user', ready: sites.length > 0, byCode });
  const reload = () => void getUsers().then((r) => setItems(r.items)).catch(() => undefined);
  useEffect(reload, []);

  const save = async () => {
    const { form } = f;
    // The role and the channel are the form's choices; the server checks them like every field.
    const body = {
      name: form.name, email: form.email, role: form.role, password: form.password, notify: form.notify,
      ...(form.role === 'point_lead' ? { pointId: form.pointId || undefined } : {}),
      organisationId: form.organisationId || undefined, phone: form.phone.trim() || undefined,
    } as Parameters<typeof createUser>[0];
    if (f.settle(await f.write(createUser(body), `${dm.addUser}: ${form.name}`))) {
      f.setForm(blank);
      reload();
    }
  };
  const done = (saved: EditableUser | null) => {
    setEditing(null);
    if (saved) reload();
  };

  return (
    <>
      {!editing && (
        <details class="card" open={f.reopened !== null || undefined}>
          <summary>{dm.addUser}</summary>
          <Field label={dp.name} error={f.errors.name}><input value={f.form.name} onInput={f.input('name')} /></Field>
          <Field label={dp.email} error={f.errors.email}><input type="email" autocomplete="off" value={f.form.email} onInput={f.input('email')} /></Field>
          <Field label={dp.role} error={f.errors.role}>
            <select value={f.form.role} onChange={f.input('role')}>{ROLES.map((r) => <option key={r} value={r}>{d.roles[r]}</option>)}</select>
          </Field>
          {f.form.role === 'point_lead' && (
            <Field label={dm.point} error={f.errors.pointId}>
              <select value={f.form.pointId} onChange={f.input('pointId')}>
                <option value="">{dm.choosePoint}</option>
                {sites.filter((s) => s.kind === 'point').map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
              </select>
            </Field>
          )}
          <Field label={dm.password} error={f.errors.password}><input type="password" autocomplete="new-password" value={f.form.password} onInput={f.input('password')} /></Field>
          <Field label={dp.phone} error={f.errors.phone}><input type="tel" value={f.form.phone} onInput={f.input('phone')} /></Field>
          <Field label={dp.notify} error={f.errors.notify}>
            <select value={f.form.notify} onChange={f.input('notify')}>{NOTIFY.map((n) => <option key={n} value={n}>{dp.notifyChoice[n]}</option>)}</select>
          </Field>
          <Field label={dp.organisation} error={f.errors.organisationId}>
            <OrganisationSelect organisations={organisations} value={f.form.organisationId} onChange={(organisationId) => f.setForm({ ...f.form, organisationId })} />
          </Field>
          <Notice notice={f.notice} />
          <button type="button" class="primary" onClick={() => void save()}>{dm.saveUser}</button>
        </details>
      )}
      <h2>{dm.users}</h2>
      <ul class="card plain">
        {items.map((u) => (
          <li key={u.id}>
            <strong>{u.name}</strong> · {d.roles[u.role as keyof typeof d.roles] ?? u.role} · {u.email}{!u.active && ` · ${d.staff.inactive}`}
            {editing === u.id
              ? <UserEditor user={u} organisations={organisations} onDone={done} />
              : <><br /><button type="button" aria-label={`${dp.edit}: ${u.name}`} onClick={() => setEditing(u.id)}>{dp.edit}</button></>}
          </li>
        ))}
      </ul>
    </>
  );
}
