import { signal } from '@preact/signals';
import { openDB, type IDBPDatabase } from 'idb';
import { NetworkError, request, type Problem } from './api.ts';
import { needsSignIn, session } from './session.ts';

/**
 * The only way a write leaves the app. A write gets its Idempotency-Key when the button is
 * pressed and keeps it until the server has answered; it waits in IndexedDB (surviving a
 * reload and a closed tab) and is sent in the order it was made. Network errors, 5xx, 408,
 * 429 and 409 idempotency_in_progress are retried; 401 keeps the write and asks to sign in;
 * any other 4xx is final and lands in "needs attention" with the server's message.
 */
export interface Write {
  key: string;
  seq: number;
  userId: string;
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
  /** Which screen made it, so "fix" can reopen it with the body (e.g. `intake`). */
  kind: string;
  label: string;
  createdAt: string;
  state: 'pending' | 'attention';
  problem?: Problem;
  /** The form's values when it was sent, so "Muokkaa ja lähetä uudelleen" reopens the form as it was. */
  draft?: unknown;
  /** Which form of the screen made it (e.g. `site`, `vehicle`), where a screen has several. */
  form?: string;
  /** What it is about, where one path serves several things (a day, a name): see `sameForm`. */
  subject?: string;
}

/** What a caller gives: the write, and the refused write it replaces when the form was reopened to fix it. */
export type NewWrite = Pick<Write, 'key' | 'method' | 'path' | 'body' | 'kind' | 'label' | 'draft' | 'form' | 'subject'> & { replaces?: string };

/**
 * Two writes of the same form about the same thing: a later answer (taken or refused) makes a
 * refused one of them moot, so it leaves "needs attention" (a corrected reservation for the
 * day clears the refused one; a second refusal replaces the first rather than piling up).
 */
export const sameForm = (a: Write, b: Write) => a.userId === b.userId && screenOf(a.kind) === screenOf(b.kind) && a.method === b.method
  && a.path === b.path && (a.form ?? '') === (b.form ?? '') && (a.subject ?? '') === (b.subject ?? '');

/** Kinds written by an earlier version of the app, by the screen that now makes them. */
const RENAMED: Record<string, string> = { distribution: 'households', attendance: 'shift-plan' };
/** The screen (`/app/<id>`) that made a write of `kind`, where "Muokkaa ja lähetä uudelleen" reopens it. */
export const screenOf = (kind: string) => RENAMED[kind] ?? kind;

const STORE = 'writes';
let dbp: Promise<IDBPDatabase> | null = null;
const db = () => (dbp ??= openDB('kassi', 1, { upgrade: (d) => d.createObjectStore(STORE, { keyPath: 'key' }) }));

export const pending = signal(0);
export const attention = signal<Write[]>([]);
/** Answers of writes sent since the app started, by key: screens show "saved" or the errors. */
export const settled = signal<Record<string, { ok: boolean; status: number; body: unknown }>>({});

async function all(): Promise<Write[]> {
  const uid = session.value?.user.id;
  return ((await (await db()).getAll(STORE)) as Write[]).filter((w) => w.userId === uid).sort((a, b) => a.seq - b.seq);
}

async function refresh() {
  const writes = await all();
  pending.value = writes.filter((w) => w.state === 'pending').length;
  attention.value = writes.filter((w) => w.state === 'attention');
}

export const newKey = () => crypto.randomUUID();

/** Queues a write (its key made by the caller when the button was pressed) and tries to send it. */
export async function enqueue({ replaces, ...w }: NewWrite): Promise<void> {
  const user = session.value?.user;
  if (!user) throw new Error('not signed in');
  const d = await db();
  if (await d.get(STORE, w.key)) return; // the same press twice: one write
  // The refused write this one corrects goes; one still waiting to be sent is never dropped.
  const old = replaces ? ((await d.get(STORE, replaces)) as Write | undefined) : undefined;
  if (old?.state === 'attention' && old.userId === user.id) await d.delete(STORE, old.key);
  await d.put(STORE, { ...w, seq: Date.now() + Math.random(), userId: user.id, createdAt: new Date().toISOString(), state: 'pending' } satisfies Write);
  await refresh();
  void flush();
}

export async function drop(key: string) {
  await (await db()).delete(STORE, key);
  await refresh();
}

const RETRY = new Set([408, 429]);
const isRetryable = (status: number, body: unknown) =>
  status >= 500 || RETRY.has(status) || (status === 409 && (body as Problem | null)?.code === 'idempotency_in_progress');

let running: Promise<void> | null = null;

/** Sends waiting writes in order until one cannot go now. Safe to call at any time. */
export function flush(): Promise<void> {
  running ??= (async () => {
    try {
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      // One tab sends at a time, so two open tabs never race on the same write.
      if (locks) await locks.request('kassi-outbox', () => sendAll());
      else await sendAll();
    } finally {
      running = null;
    }
  })();
  return running;
}

async function sendAll() {
  if (!session.value || needsSignIn.value) return;
  for (const w of await all()) {
    if (w.state !== 'pending') continue;
    let res;
    try {
      res = await request(w.method, w.path, { body: w.body, idempotencyKey: w.key });
    } catch (err) {
      if (err instanceof NetworkError) break;
      throw err;
    }
    if (res.status === 401) {
      needsSignIn.value = true;
      break;
    }
    if (isRetryable(res.status, res.body)) break;
    const d = await db();
    if (res.status < 400) await d.delete(STORE, w.key);
    else await d.put(STORE, { ...w, state: 'attention', problem: res.body as Problem } satisfies Write);
    for (const other of await all()) if (other.key !== w.key && other.state === 'attention' && sameForm(other, w)) await d.delete(STORE, other.key);
    settled.value = { ...settled.value, [w.key]: { ok: res.status < 400, status: res.status, body: res.body } };
    await refresh();
  }
  await refresh();
}

/** Starts sending: now, whenever the browser is back online, and every 20 s. */
export function startOutbox() {
  void refresh().then(flush);
  addEventListener('online', () => void flush());
  setInterval(() => void flush(), 20_000);
}

/** Re-reads the outbox for the user now signed in, and sends what waits. */
export const onSignedIn = () => refresh().then(flush);

export async function getWrite(key: string): Promise<Write | undefined> {
  return (await (await db()).get(STORE, key)) as Write | undefined;
}
