import type { Problem } from '../../lib/api.ts';
import type { WriteExtra } from '../../lib/forms.ts';
import { enqueue, flush, newKey, settled } from '../../lib/outbox.ts';

/**
 * One write of a warehouse screen through the outbox, its key made at the press: the server's
 * answer when it came at once, `queued` when it waits for the network. `extra.draft` is the
 * form's values, for "Muokkaa ja lähetä uudelleen" to reopen it as it was when refused.
 */
export async function send(path: string, body: unknown, kind: string, label: string, extra: WriteExtra = {}): Promise<{ ok: true; queued: boolean; body?: unknown } | { ok: false; problem: Problem }> {
  const key = newKey();
  await enqueue({ key, method: 'POST', path, body, kind, label, ...extra });
  await flush();
  const answer = settled.value[key];
  if (!answer) return { ok: true, queued: true };
  return answer.ok ? { ok: true, queued: false, body: answer.body } : { ok: false, problem: answer.body as Problem };
}
