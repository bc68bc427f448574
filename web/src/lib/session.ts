import { signal } from '@preact/signals';
import type { ApiAnswer } from '../api/types.ts';

/** What `POST /auth/login` answers: the token, when it expires, and the user. */
type SignedIn = ApiAnswer<'/auth/login', 'post'>;
/** `donor` is no user: a session opened from a donor's link (features/donor), which reaches only the donor's own page. */
export type Role = SignedIn['user']['role'] | 'donor';
/** The signed-in user, as sign-in gives them (a donor's link session: the donor's name and no email). */
export type User = Pick<SignedIn['user'], 'id' | 'email' | 'name' | 'pointId'> & { role: Role };
export type Session = Omit<SignedIn, 'user'> & { user: User };

const KEY = 'kassi.session';
const read = (): Session | null => {
  try {
    const s = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && new Date(s.expiresAt).getTime() > Date.now() ? s : null;
  } catch {
    return null;
  }
};

/** The signed-in user; kept on the device so a reload (also offline) stays signed in. */
export const session = signal<Session | null>(read());
/** Set when the server said 401 while writes wait: the app asks to sign in again, keeping them. */
export const needsSignIn = signal(false);

/** What the device keeps after signing out: only the chosen language. */
const KEPT_AFTER_SIGN_OUT = ['kassi.lang'];

/**
 * Signed out, the device forgets what it kept for offline use (rosters, sites with their
 * contacts' phones, the driver's route): every `kassi.` item but the language. Writes still
 * waiting in the outbox stay, so nothing typed is lost; they are sent after the next sign-in.
 */
function forgetKeptData() {
  const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '');
  for (const k of keys) if (k.startsWith('kassi.') && !KEPT_AFTER_SIGN_OUT.includes(k)) localStorage.removeItem(k);
}

export function setSession(s: Session | null) {
  session.value = s;
  needsSignIn.value = false;
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else forgetKeptData();
}
