import { lang, setLang, t, type Lang } from '../i18n/index.ts';
import { session } from './session.ts';
import { write } from './write.ts';

/**
 * Switches the app's language and, when someone is signed in, saves it as theirs on the
 * server (`PATCH /me` through the outbox, so also offline), so their messages come in it too.
 */
export async function chooseLanguage(next: Lang) {
  if (next === lang.value) return;
  setLang(next);
  // A donor's link session has no `/me`: its choice stays on the device.
  if (!session.value || session.value.user.role === 'donor') return;
  const d = t.value;
  await write({ method: 'PATCH', path: '/me', body: { locale: next }, kind: 'me', form: 'language', label: d.me.languageSaved(d.language.names[next]) });
}
