import type { ApiAnswer } from '../../../api/types.ts';
import { NetworkError, request } from '../../../lib/api.ts';
import { onSignedIn } from '../../../lib/outbox.ts';
import { setSession } from '../../../lib/session.ts';

/**
 * Trades a link's token for a donor session (`POST /auth/donor-link`) and keeps it as the app's
 * session (role `donor`), so the donor's writes go through the outbox like everyone's. Answers
 * `invalid` for a wrong or revoked link (the server says no more than 401), `offline` when the
 * server could not be reached.
 */
export async function openLink(token: string): Promise<'ok' | 'invalid' | 'offline'> {
  try {
    const res = await request<ApiAnswer<'/auth/donor-link', 'post'>>('POST', '/auth/donor-link', { body: { token }, token: '' });
    if (res.status !== 200) return res.status >= 500 || res.status === 429 ? 'offline' : 'invalid';
    const me = await request<ApiAnswer<'/donor/me'>>('GET', '/donor/me', { token: res.body.token });
    if (me.status !== 200) return 'invalid';
    setSession({ token: res.body.token, expiresAt: res.body.expiresAt, user: { id: `donor:${me.body.donorId}`, email: '', name: me.body.donorName, role: 'donor' } });
    await onSignedIn();
    return 'ok';
  } catch (err) {
    if (err instanceof NetworkError) return 'offline';
    throw err;
  }
}
