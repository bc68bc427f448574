import type { ApiItem } from '../../api/types.ts';
import { Field, Notice, valueOf } from '../../components/field.tsx';
import { t } from '../../i18n/index.ts';
import { useForm } from '../../lib/forms.ts';
import { updateUser } from './api/update-user.ts';

/** A user as the coordinator edits them (`GET /users`): with their language and organisation. */
export type EditableUser = ApiItem<'/users'>;
/** An organisation as `GET /organisations` gives it. */
export type Organisation = ApiItem<'/organisations'>;

const NOTIFY = ['email', 'sms', 'none'] as const;
const LOCALES = ['fi', 'en'] as const;

const toForm = (u: EditableUser) => ({
  name: u.name, phone: u.phone ?? '', notify: u.notify, locale: u.locale ?? 'fi',
  hygienePassportUntil: u.hygienePassportUntil ?? '', active: u.active, organisationId: u.organisationId ?? '',
});

/** The select of the network's organisations, "none" first. */
export function OrganisationSelect({ organisations, value, onChange }: { organisations: Organisation[]; value: string; onChange: (id: string) => void }) {
  return (
    <select value={value} onChange={(e) => onChange(valueOf(e))}>
      <option value="">{t.value.people.noOrganisation}</option>
      {organisations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
    </select>
  );
}

/**
 * A coordinator's edit of one person (`PATCH /users/:id`): name, phone, how messages come and
 * in which language, the hygiene passport (a packing sign-up needs a valid one), the active
 * flag and the organisation. Empty fields clear the value; the server's Finnish message
 * stands on the field it refuses (SMS without a phone number: on the phone).
 */
export function UserEditor({ user, organisations, onDone }: { user: EditableUser; organisations: Organisation[]; onDone: (saved: EditableUser | null) => void }) {
  const d = t.value;
  const dp = d.people;
  const f = useForm(toForm(user), { screen: 'roster', form: `user-${user.id}`, byCode: { phone_required: 'phone', unknown_reference: 'organisationId' } });
  const { form, setForm, errors, notice, input: set, settle } = f;

  const save = async () => {
    const body = {
      name: form.name, phone: form.phone.trim() || null, notify: form.notify, locale: form.locale,
      hygienePassportUntil: form.hygienePassportUntil || null, active: form.active, organisationId: form.organisationId || null,
    };
    const res = await f.write(updateUser(user.id, body), `${dp.edit}: ${form.name}`);
    if (settle(res) && 'ok' in res && res.ok) onDone(res.body);
  };

  return (
    <div class="card" role="group" aria-label={dp.editing(user.name)}>
      <h2>{dp.editing(user.name)}</h2>
      <Field label={dp.name} error={errors.name}><input value={form.name} onInput={set('name')} /></Field>
      <Field label={dp.phone} error={errors.phone}><input type="tel" value={form.phone} onInput={set('phone')} /></Field>
      <div class="grid2">
        <Field label={dp.notify} error={errors.notify}>
          <select value={form.notify} onChange={set('notify')}>{NOTIFY.map((n) => <option key={n} value={n}>{dp.notifyChoice[n]}</option>)}</select>
        </Field>
        <Field label={dp.language} error={errors.locale}>
          <select value={form.locale} onChange={set('locale')}>{LOCALES.map((l) => <option key={l} value={l} lang={l}>{d.language.names[l]}</option>)}</select>
        </Field>
      </div>
      <Field label={dp.passportUntil} error={errors.hygienePassportUntil}>
        <input type="date" value={form.hygienePassportUntil} onInput={set('hygienePassportUntil')} />
      </Field>
      <Field label={dp.organisation} error={errors.organisationId}>
        <OrganisationSelect organisations={organisations} value={form.organisationId} onChange={(organisationId) => setForm({ ...form, organisationId })} />
      </Field>
      <label class="inline"><input type="checkbox" checked={form.active} onChange={(e) => setForm({ ...form, active: (e.target as HTMLInputElement).checked })} />{dp.active}</label>
      <Notice notice={notice} />
      <div class="row spaced">
        <button type="button" class="primary" onClick={() => void save()}>{dp.save}</button>
        <button type="button" onClick={() => onDone(null)}>{dp.cancel}</button>
      </div>
    </div>
  );
}
