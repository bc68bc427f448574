import { signal } from '@preact/signals';

export type Role = 'coordinator' | 'warehouse' | 'point_lead' | 'driver';
export interface User { id: string; email: string; name: string; role: Role; pointId?: string | null }
export interface Session { token: string; expiresAt: string; user: User }

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

export function setSession(s: Session | null) {
  session.value = s;
  needsSignIn.value = false;
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
}
