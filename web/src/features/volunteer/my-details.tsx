import { useEffect, useState } from 'preact/hooks';
import { Field, Notice, valueOf } from '../../components/field.tsx';
import { lang, t, type Lang } from '../../i18n/index.ts';
import { useForm } from '../../lib/forms.ts';
import { chooseLanguage } from '../../lib/language.ts';
import { getMe, type Me } from './api/get-me.ts';
import { updateMe } from './api/update-me.ts';

const NOTIFY = ['email', 'sms', 'none'] as const;
const LANGS: Lang[] = ['fi', 'en'];

/**
 * Everyone's own details (`PATCH /me`): the phone and how messages come, and the language of
 * the app and of the messages (saved at once, like the header's switch). The server's Finnish
 * message stands on the field it refuses; SMS without a phone number is refused on the phone.
 */
export default function MyDetails() {
  const d = t.value;
  const dp = d.people;
  const [me, setMe] = useState<Me | null>(null);
  const [loaded, setLoaded] = useState(false);
  const f = useForm({ phone: '', notify: 'email' as Me['notify'] }, { screen: 'me', form: 'details', ready: loaded, byCode: { phone_required: 'phone' } });
  const { form, setForm, errors, notice, setNotice, input, settle } = f;
  const show = (m: Me) => {
    setMe(m);
    setForm({ phone: m.phone ?? '', notify: m.notify });
  };
  useEffect(() => void getMe().then(show).catch(() => setNotice({ ok: false, text: d.errors.network })).finally(() => setLoaded(true)), []);

  const save = async () => {
    const res = await f.write(updateMe({ phone: form.phone.trim() || null, notify: form.notify }), d.me.save);
    if (settle(res) && 'ok' in res && res.ok) show(res.body);
  };

  return (
    <section>
      <h1>{d.me.title}</h1>
      {me && <p class="muted">{me.name} · {me.email}</p>}
      <div class="card">
        <p class="muted">{d.me.intro}</p>
        <Field label={dp.phone} error={errors.phone}>
          <input type="tel" autocomplete="tel" value={form.phone} onInput={input('phone')} />
        </Field>
        <Field label={dp.notify} error={errors.notify}>
          <select value={form.notify} onChange={input('notify')}>
            {NOTIFY.map((n) => <option key={n} value={n}>{dp.notifyChoice[n]}</option>)}
          </select>
        </Field>
        <Notice notice={notice} />
        <button type="button" class="primary" onClick={() => void save()}>{d.me.save}</button>
      </div>
      <div class="card">
        <Field label={d.me.language}>
          <select value={lang.value} onChange={(e) => void chooseLanguage(valueOf(e) as Lang)}>
            {LANGS.map((l) => <option key={l} value={l} lang={l}>{d.language.names[l]}</option>)}
          </select>
        </Field>
        <p class="muted">{d.me.languageHint}</p>
      </div>
    </section>
  );
}
