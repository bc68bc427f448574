import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n/index.ts';
import type { Problem } from './api.ts';
import { getWrite, newKey, screenOf, type Write } from './outbox.ts';
import { fieldErrors } from './problems.ts';
import { route } from './router.ts';
import { write, type Call, type Written } from './write.ts';

/**
 * The refused write a screen was opened to fix ("Muokkaa ja lähetä uudelleen" in "needs
 * attention" goes to `/app/<screen>?fix=<key>`): once the screen is `ready` (its lists loaded),
 * `apply` gets the write if this screen made it, to fill its form with the values sent and show
 * the server's messages; `apply` answers false when the write is another form's. The returned
 * ref holds the key of the write being fixed, for the next save to replace it.
 */
export function useFix(screen: string, ready: boolean, apply: (w: Write & { problem: Problem }) => boolean | void) {
  const fixing = useRef<string | null>(null);
  const seen = useRef<string | null>(null);
  const key = route.value.params.fix;
  useEffect(() => {
    if (!ready || !key || seen.current === key) return;
    seen.current = key;
    void getWrite(key).then((w) => {
      if (!w || w.state !== 'attention' || !w.problem || screenOf(w.kind) !== screen) return;
      if (apply(w as Write & { problem: Problem }) !== false) fixing.current = w.key;
    });
  }, [ready, key]);
  return fixing;
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
export function useForm<F extends Record<string, unknown>>(initial: F, of?: { screen: string; form?: string; ready?: boolean; byCode?: Record<string, string> }) {
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<FormNotice | null>(null);
  // Reopened from "needs attention": the values sent and the server's messages, until saved.
  const [fixing, setFixing] = useState<string | null>(null);
  // The refused write the form was reopened with (the screen may open the form's part for it).
  const [reopened, setReopened] = useState<Write | null>(null);
  // A create (POST) is about this filling of the form: its tries replace each other, not another new thing's.
  const session = useRef<string>(newKey());
  const fix = useFix(of?.screen ?? '', of !== undefined && of.ready !== false, (w) => {
    if ((w.form ?? '') !== (of?.form ?? '') || w.draft === undefined) return false;
    setForm(w.draft as F);
    session.current = w.subject ?? w.key;
    const o = outcome({ ok: false, problem: w.problem, key: w.key }, t.value.outbox, of?.byCode);
    setErrors(o.errors);
    setNotice(o.notice);
    setFixing(w.key);
    setReopened(w);
  });
  return {
    form, setForm, errors, notice, setNotice, fixing, reopened,
    input: (name: keyof F) => (e: Event) => setForm((f) => ({ ...f, [name]: (e.target as HTMLInputElement | HTMLSelectElement).value })),
    /**
     * The form's write (`of.screen` is its kind): its values go with it, so a refusal can be
     * reopened as it was; a write that corrects a refused one replaces it.
     */
    write<T>(call: Call<T>, label: string, opts: { draft?: F } = {}) {
      const subject = (call.method ?? 'POST') === 'POST' ? session.current : undefined;
      return write<T>({ ...call, label, kind: of?.screen ?? '', draft: opts.draft ?? form, form: of?.form, subject, replaces: fixing ?? fix.current });
    },
    settle(res: Written<unknown>, byCode: Record<string, string> = of?.byCode ?? {}) {
      const o = outcome(res, t.value.outbox, byCode);
      setErrors(o.errors);
      setNotice(o.notice);
      // A refused write stays in "needs attention"; the next save of this form replaces it.
      setFixing('ok' in res && !res.ok ? res.key : null);
      fix.current = null;
      if (o.saved) session.current = newKey();
      return o.saved;
    },
    reset(next: F) {
      setForm(next);
      setErrors({});
      setNotice(null);
      setFixing(null);
    },
  };
}
