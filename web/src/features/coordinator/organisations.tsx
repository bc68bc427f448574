import type { ApiItem } from '../../api/types.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';
import { newKey } from '../../lib/outbox.ts';
import { outcome, useFix } from '../../lib/forms.ts';
import { write } from '../../lib/write.ts';
import { createOrganisation } from './api/create-organisation.ts';
import { getOrganisations } from './api/get-organisations.ts';
import { updateOrganisation } from './api/update-organisation.ts';

type Organisation = ApiItem<'/organisations'>;
const blank = { name: '', businessId: '', municipality: '', registeredOn: '' };
type Form = typeof blank;

const toForm = (o: Organisation): Form => ({
  name: o.name, businessId: o.businessId ?? '', municipality: o.foodAidRegistration?.municipality ?? '', registeredOn: o.foodAidRegistration?.registeredOn ?? '',
});

/** The body of a create (empty fields left out) or of an edit (empty fields cleared with null). */
function toBody(f: Form, editing: boolean) {
  const none = editing ? null : undefined;
  const registration = f.municipality || f.registeredOn ? { municipality: f.municipality, registeredOn: f.registeredOn } : none;
  return { name: f.name, businessId: f.businessId || none, foodAidRegistration: registration };
}

/**
 * The network's organisations: the list with Y-tunnus and food-aid registration, a form to
 * add one and the same form to edit one; the server's Finnish message on the field it refuses.
 */
export default function Organisations() {
  const d = t.value;
  const dorg = d.organisations;
  const [items, setItems] = useState<Organisation[]>([]);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [form, setForm] = useState(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);

  const [loaded, setLoaded] = useState(false);
  const reload = () => void getOrganisations().then((r) => setItems(r.items)).catch(() => undefined).finally(() => setLoaded(true));
  useEffect(reload, []);

  const open = (o: Organisation | null) => {
    setEditing(o);
    setForm(o ? toForm(o) : blank);
    setErrors({});
    setNotice(null);
  };

  // Reopened from "needs attention": the organisation's form as sent (a new one, or the one edited) and the server's messages.
  const fixing = useFix('organisations', loaded, (w) => {
    const x = w.draft as { form: Form; editingId?: string } | undefined;
    if (!x) return false;
    session.current = w.subject ?? w.key;
    setEditing(items.find((o) => o.id === x.editingId) ?? null);
    setForm(x.form);
    show(outcome({ ok: false, problem: w.problem, key: w.key }, d.outbox), w.problem);
  });
  /** The server's messages by field (a registration dated in the future is refused as a rule, 422, without field paths) and the notice. */
  const show = (o: ReturnType<typeof outcome>, problem?: { code: string; detail: string }) => {
    if (problem?.code === 'registration_in_future') o.errors['foodAidRegistration.registeredOn'] = problem.detail;
    setErrors(o.errors);
    setNotice(o.notice);
  };

  // A new organisation's tries replace each other in "needs attention", not another new one's.
  const session = useRef<string>(newKey());
  const save = async () => {
    const extra = { kind: 'organisations', draft: { form, editingId: editing?.id }, subject: editing ? undefined : session.current, replaces: fixing.current };
    const res = editing
      ? await write({ ...updateOrganisation(editing.id, toBody(form, true)), label: `${dorg.edit}: ${form.name}`, ...extra })
      : await write({ ...createOrganisation(toBody(form, false) as Parameters<typeof createOrganisation>[0]), label: `${dorg.add}: ${form.name}`, ...extra });
    fixing.current = 'ok' in res && !res.ok ? res.key : null;
    const o = outcome(res, d.outbox);
    if (o.saved) {
      session.current = newKey();
      open(null);
      reload();
    }
    show(o, 'problem' in res ? res.problem : undefined);
  };

  const onInput = (name: keyof Form) => (e: Event) => setForm({ ...form, [name]: (e.target as HTMLInputElement).value });
  const field = (name: keyof Form, path: string, label: string, date = false) => (
    <label class={errors[path] ? 'field-error' : undefined}>{label}
      {date ? <input type="date" value={form[name]} onInput={onInput(name)} /> : <input value={form[name]} onInput={onInput(name)} />}
      {errors[path] && <span class="error">{errors[path]}</span>}
    </label>
  );

  return (
    <section>
      <h1>{dorg.title}</h1>
      <div class="card">
        <h2>{editing ? dorg.editing(editing.name) : dorg.add}</h2>
        {field('name', 'name', dorg.name)}
        {field('businessId', 'businessId', dorg.businessId)}
        {field('municipality', 'foodAidRegistration.municipality', dorg.municipality)}
        {field('registeredOn', 'foodAidRegistration.registeredOn', dorg.registeredOn, true)}
        {notice && <p class={notice.ok ? 'ok' : 'status warn'} role={notice.ok ? 'status' : 'alert'}>{notice.text}</p>}
        <div class="row spaced">
          <button type="button" class="primary" onClick={() => void save()}>{dorg.save}</button>
          {editing && <button type="button" onClick={() => open(null)}>{dorg.cancel}</button>}
        </div>
      </div>
      {items.length > 0 ? (
        <ul class="card plain">
          {items.map((o) => (
            <li key={o.id}>
              <strong>{o.name}</strong>{o.businessId ? ` · ${o.businessId}` : ''}
              {o.foodAidRegistration && <> · {dorg.registered(o.foodAidRegistration.municipality, formatDate(o.foodAidRegistration.registeredOn))}</>}
              {' '}<button type="button" aria-label={`${dorg.edit}: ${o.name}`} onClick={() => open(o)}>{dorg.edit}</button>
            </li>
          ))}
        </ul>
      ) : <p class="muted">{dorg.none}</p>}
    </section>
  );
}
