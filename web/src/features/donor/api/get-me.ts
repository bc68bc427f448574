import type { ApiAnswer } from '../../../api/types.ts';
import { request } from '../../../lib/api.ts';
import { needsSignIn } from '../../../lib/session.ts';

export type DonorMe = ApiAnswer<'/donor/me'>;

/**
 * The donor this link speaks for, or null offline. A link revoked since the page was opened
 * answers 401: the page then says the link is no longer valid.
 */
export async function getMe(): Promise<DonorMe | null> {
  const res = await request<DonorMe>('GET', '/donor/me').catch(() => null);
  if (res?.status === 401) needsSignIn.value = true;
  return res?.status === 200 ? res.body : null;
}
