import type { Problem } from '../../lib/api.ts';
import type { WriteExtra } from '../../lib/forms.ts';
import { write } from '../../lib/write.ts';

/**
 * One write of a warehouse screen (lib/write.ts): the server's answer when it came at once,
 * `queued` when it waits for the network. `extra.draft` is the form's values, for "Muokkaa ja
 * lähetä uudelleen" to reopen it as it was when refused.
 */
export async function send(path: string, body: unknown, kind: string, label: string, extra: WriteExtra = {}): Promise<{ ok: true; queued: boolean; body?: unknown } | { ok: false; problem: Problem }> {
  const res = await write({ path, body, kind, label, ...extra });
  if ('queued' in res) return { ok: true, queued: true };
  return res.ok ? { ok: true, queued: false, body: res.body } : { ok: false, problem: res.problem };
}
