import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import { NetworkError, request, type Problem } from '../lib/api.ts';
import { onSignedIn } from '../lib/outbox.ts';
import { setSession, type Session } from '../lib/session.ts';

/** Email and password; the server's own (Finnish) message when it refuses. */
export function SignIn() {
  const d = t.value;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(null);
    try {
      const res = await request<Session | Problem>('POST', '/auth/login', { body: { email: form.get('email'), password: form.get('password') }, token: '' });
      if (res.status === 200) {
        setSession(res.body as Session);
        // Lets the app's links open printable pages (route sheet, reports): an HttpOnly cookie.
        void request('POST', '/auth/page-session').catch(() => undefined);
        await onSignedIn();
      } else setError((res.body as Problem).detail);
    } catch (err) {
      setError(err instanceof NetworkError ? d.signIn.offline : d.errors.unknown);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="card" onSubmit={submit}>
      <h1>{d.signIn.title}</h1>
      <label>{d.signIn.email}<input name="email" type="email" autocomplete="username" required /></label>
      <label>{d.signIn.password}<input name="password" type="password" autocomplete="current-password" required /></label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" class="primary" disabled={busy}>{d.signIn.submit}</button>
    </form>
  );
}
