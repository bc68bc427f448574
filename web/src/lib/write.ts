import { useRef, useState } from 'preact/hooks';
import type { Problem } from './api.ts';
import { enqueue, flush, newKey, settled, type NewWrite } from './outbox.ts';

/**
 * The answer to a write: `ok` with the server's body, a `problem` it refused (Finnish `detail`,
 * `errors` per field; the write now waits in "needs attention"), or `queued` when it could not
 * be sent now (offline, server down) and waits in the outbox. `key` is its Idempotency-Key.
 */
export type Written<T> = ({ ok: true; body: T } | { ok: false; problem: Problem } | { queued: true }) & { key: string };

/**
 * A write to the API as a feature's `api/` file makes it (one file per call): its method (POST
 * unless told), path and body; `T` is the server's answer to it (a type only, never sent).
 *
 *   export const signUp = (shiftId: string): Call<SignUp> => ({ path: `/shifts/${shiftId}/signups`, body: {} });
 */
export interface Call<T = unknown> { method?: NewWrite['method']; path: string; body: unknown; answer?: T }

/**
 * One write as a screen asks for it: the call, `kind` the screen that makes it (where "Muokkaa
 * ja lähetä uudelleen" reopens it), `label` what "needs attention" calls it, `draft` the form's
 * values to reopen it with, `replaces` the refused write it corrects.
 */
export type WriteOf<T = unknown> = Call<T> & Omit<NewWrite, 'key' | 'method' | 'path' | 'body' | 'replaces'> & {
  replaces?: string | null;
  /** The Idempotency-Key, when the screen made it at the press to keep beside what it shows (the driver's stops). */
  key?: string;
};

/**
 * The one way a write leaves a screen. Its Idempotency-Key is made now, at the press; it is
 * queued in the outbox (lib/outbox.ts) and sent at once when the network is there. A write the
 * server takes clears the same form's refused tries from "needs attention"; one it refuses
 * lands there with its `draft`; one that could not go waits in the outbox and answers `queued`.
 *
 *   const res = await write({ ...discardLot(lot.id, body), kind: 'stock', label });
 *   if ('queued' in res) …; else if (res.ok) …; else show(res.problem.detail);
 */
export async function write<T = unknown>({ method = 'POST', replaces, answer: _, key = newKey(), ...w }: WriteOf<T>): Promise<Written<T>> {
  await enqueue({ key, method, ...w, replaces: replaces ?? undefined });
  await flush();
  const answer = settled.value[key];
  if (!answer) return { queued: true, key };
  return answer.ok ? { ok: true, body: answer.body as T, key } : { ok: false, problem: answer.body as Problem, key };
}

/**
 * A button's writes, one press at a time: `press(run)` runs `run` (which writes and shows the
 * outcome) unless the last press is still under way, so a second tap never makes a second
 * write; `busy` is true meanwhile (to disable the button).
 */
export function usePress() {
  const pressed = useRef(false);
  const [busy, setBusy] = useState(false);
  const press = async (run: () => Promise<void>) => {
    if (pressed.current) return;
    pressed.current = true;
    setBusy(true);
    try {
      await run();
    } finally {
      pressed.current = false;
      setBusy(false);
    }
  };
  return { busy, press };
}

/** Sends what waits in the outbox now (when the network is back), and resolves when it has tried. */
export const sendWaiting = () => flush();

/** The server's refusal of a write; null when it took it or the write waits to be sent. */
export const refusalOf = (res: Written<unknown>): Problem | null => ('ok' in res && !res.ok ? res.problem : null);
