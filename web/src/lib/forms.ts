import { useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { Problem } from './api.ts';
import { enqueue, flush, newKey, settled } from './outbox.ts';
import { fieldErrors } from './problems.ts';

/**
 * A form's write through the outbox, waiting for the server's answer when online: `ok` with
 * the body, a `problem` (Finnish `detail`, `errors` per field), or `queued` offline.
 */
export type Written<T> = { ok: true; body: T } | { ok: false; problem: Problem } | { queued: true };

export async function write<T>(path: string, body: unknown, label: string, kind: string, method: 'POST' | 'PATCH' = 'POST'): Promise<Written<T>> {
  const key = newKey();
  await enqueue({ key, method, path, body, kind, label });
  await flush();
  const answer = settled.value[key];
  if (!answer) return { queued: true };
  return answer.ok ? { ok: true, body: answer.body as T } : { ok: false, problem: answer.body as Problem };
}

/**
 * What a form shows after a write: a notice ("saved", "queued" or the server's `detail`), the
 * server's messages by field (`body.` dropped from the path), and whether the server took it.
 * A rule the server refuses without a field path (a 422 `code`) is put on the field `byCode`
 * names for it, so the person sees it where they would fix it.
 */
export function outcome(res: Written<unknown>, texts: { saved: string; queued: string }, byCode: Record<string, string> = {}) {
  if ('queued' in res) return { saved: false, notice: { ok: true, text: texts.queued }, errors: {} as Record<string, string> };
  if (res.ok) return { saved: true, notice: { ok: true, text: texts.saved }, errors: {} as Record<string, string> };
  const errors = fieldErrors(res.problem);
  const field = byCode[res.problem.code];
  if (field && !errors[field]) errors[field] = res.problem.detail;
  return { saved: false, notice: { ok: false, text: res.problem.detail }, errors };
}

export type FormNotice = { ok: boolean; text: string };

/**
 * A form's state: its values, the server's messages by field and the notice after a save.
 * `input(name)` is the handler of a text input or select; `settle` shows a write's outcome
 * and says whether the server took it.
 */
export function useForm<F extends Record<string, unknown>>(initial: F) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  return {
    form, setForm, errors, notice, setNotice,
    input: (name: keyof F) => (e: Event) => setForm((f) => ({ ...f, [name]: (e.target as HTMLInputElement | HTMLSelectElement).value })),
    settle(res: Written<unknown>, byCode: Record<string, string> = {}) {
      const o = outcome(res, t.value.outbox, byCode);
      setErrors(o.errors);
      setNotice(o.notice);
      return o.saved;
    },
    reset(next: F) {
      setForm(next);
      setErrors({});
      setNotice(null);
    },
  };
}
