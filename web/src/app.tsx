import { useEffect, useState } from 'preact/hooks';
import type { ComponentType } from 'preact';
import { OutboxStatus } from './components/outbox-status.tsx';
import { SignIn } from './components/sign-in.tsx';
import { lang, t } from './i18n/index.ts';
import { request } from './lib/api.ts';
import { chooseLanguage } from './lib/language.ts';
import { navigate, route } from './lib/router.ts';
import { needsSignIn, session, setSession } from './lib/session.ts';
import { SCREENS } from './roles.ts';

function Header() {
  const d = t.value;
  const signOut = async () => {
    // Revoke the token on the server; signed out on this device even if offline.
    await request('POST', '/auth/logout').catch(() => undefined);
    setSession(null);
    navigate('');
  };
  return (
    <header class="bar">
      <a href="/app/" class="brand" onClick={(e) => { e.preventDefault(); navigate(''); }}>{d.appName}</a>
      <button type="button" class="link" lang={lang.value === 'fi' ? 'en' : 'fi'} onClick={() => void chooseLanguage(lang.value === 'fi' ? 'en' : 'fi')}>{d.language.switchTo}</button>
      {session.value && session.value.user.role !== 'donor' && <button type="button" class="link" onClick={signOut}>{d.signOut}</button>}
    </header>
  );
}

function Start() {
  const d = t.value;
  const user = session.value!.user;
  // A point lead's recall notices come first, loaded with their own chunk.
  const [Notices, setNotices] = useState<ComponentType | null>(null);
  useEffect(() => {
    if (user.role === 'point_lead') void import('./features/point/recalls.tsx').then((m) => setNotices(() => m.OpenRecallNotices)).catch(() => undefined);
  }, [user.role]);
  return (
    <section>
      <h1>{d.start.title}</h1>
      <p class="muted">{user.name} · {d.roles[user.role]}</p>
      {Notices && <Notices />}
      <nav class="menu">
        {SCREENS[user.role].map((s) => (
          <a key={s.id} href={`/app/${s.id}`} class="tile" onClick={(e) => { e.preventDefault(); navigate(s.id); }}>{s.label(d)}</a>
        ))}
      </nav>
    </section>
  );
}

function Lazy({ id }: { id: string }) {
  const screen = SCREENS[session.value!.user.role].find((s) => s.id === id);
  const [C, setC] = useState<ComponentType | null>(null);
  useEffect(() => {
    setC(null);
    if (screen) void screen.load().then((m) => setC(() => m.default));
  }, [id]);
  if (!screen) return <Start />;
  return C ? <C /> : <p class="muted">…</p>;
}

/** The donor's own page (`/app/lahjoittaja#t=<token>`): opened from its link, with no sign-in, in its own chunk. */
const DONOR_PAGE = 'lahjoittaja';
function DonorPage() {
  const [C, setC] = useState<ComponentType | null>(null);
  useEffect(() => { void import('./features/donor/donor-page.tsx').then((m) => setC(() => m.default)); }, []);
  return C ? <C /> : <p class="muted">…</p>;
}

export function App() {
  const signedIn = session.value !== null && !needsSignIn.value;
  if (route.value.screen === DONOR_PAGE || session.value?.user.role === 'donor') {
    return <><Header /><main>{session.value && !needsSignIn.value && <OutboxStatus screen={DONOR_PAGE} />}<DonorPage /></main></>;
  }
  return (
    <>
      <Header />
      <main>
        {session.value && <OutboxStatus screen={route.value.screen} />}
        {!signedIn ? <SignIn /> : route.value.screen ? <Lazy id={route.value.screen} /> : <Start />}
      </main>
    </>
  );
}
