import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, realpathSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One process at a time on an embedded data directory. PGlite has no locking of its own: two
 * processes on one directory silently corrupt it (a seed run beside `npm start` left the
 * server blind to the seeded rows and the directory broken after a restart). The lock is a
 * file `kassi.lock` in DATA_DIR, created exclusively, holding the holder's PID, role and the
 * path of its control socket (through which a running server takes one-shot tasks, see
 * control-socket.ts). A lock whose PID is dead is taken over, and so is a copied one: the lock
 * names the folder and the machine it was taken on, so a copy of DATA_DIR (a backup, a move to
 * another folder or machine, running or not) is not held by the process that held the original.
 */
export type LockRole = 'api' | 'seed' | 'migrate' | 'backup' | 'restore' | 'move';
export interface LockHolder {
  pid: number;
  role: LockRole;
  socket: string;
  /** The folder and machine the lock was taken on (absent in locks of older versions). */
  dir?: string;
  host?: string;
}

export interface DataDirLock {
  /** Where the holder serves its control socket. */
  socket: string;
  release(): void;
}

export class DataDirLockedError extends Error {
  constructor(readonly holder: LockHolder, dir: string) {
    super(`DATA_DIR ${dir} is in use by another Kassi process (pid ${holder.pid}, ${holder.role}): embedded mode allows one process per DATA_DIR; stop that one first, or set DATABASE_URL`);
  }
}

const LOCK_FILE = 'kassi.lock';
/** A lock file this young and still empty is being written by its creator. */
const BEING_WRITTEN_MS = 2_000;
/** A takeover that takes longer than this was abandoned by a process that died doing it. */
const TAKEOVER_ABANDONED_MS = 10_000;
/** Paths of the locks this process holds: a second open from the same process is refused too. */
const held = new Set<string>();

const lockPath = (dir: string) => join(resolve(dir), LOCK_FILE);

/** A Unix socket in DATA_DIR when its path fits (about 100 bytes), else one in the temp folder. */
function controlSocketPath(dir: string) {
  const name = `kassi-${createHash('sha256').update(resolve(dir)).digest('hex').slice(0, 16)}`;
  if (process.platform === 'win32') return `\\\\.\\pipe\\${name}`;
  const inDir = join(resolve(dir), 'kassi.sock');
  return inDir.length < 100 ? inDir : join(tmpdir(), `${name}.sock`);
}

/** The folder itself, whatever link or relative path names it (as given when it does not exist). */
function folder(dir: string) {
  try {
    return realpathSync(dir);
  } catch {
    return resolve(dir);
  }
}

/** Whether the holder named in DATA_DIR's lock is a live process holding this very folder. */
function holds(holder: LockHolder, dir: string) {
  if (holder.host !== undefined && holder.host !== hostname()) return false;
  if (holder.dir !== undefined && holder.dir !== folder(dir)) return false;
  return holder.pid !== process.pid && isAlive(holder.pid);
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const readText = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
};

function parse(text: string): LockHolder | undefined {
  try {
    const v = JSON.parse(text) as LockHolder;
    return Number.isInteger(v.pid) && v.pid > 0 ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The live process holding DATA_DIR (not this one), or undefined when it is free or its holder died. */
export function liveHolder(dir: string): LockHolder | undefined {
  const text = readText(lockPath(dir));
  const holder = text === undefined ? undefined : parse(text);
  return holder && holds(holder, dir) ? holder : undefined;
}

/** Removes a stale lock, unless another process replaced it meanwhile (a mkdir serialises takers). */
async function removeStale(path: string, staleText: string) {
  const mutex = `${path}.takeover`;
  try {
    mkdirSync(mutex);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const age = Date.now() - (statSync(mutex, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
    if (age > TAKEOVER_ABANDONED_MS) rmSync(mutex, { recursive: true, force: true });
    await sleep(50);
    return;
  }
  try {
    if (readText(path) === staleText) unlinkSync(path);
  } finally {
    rmSync(mutex, { recursive: true, force: true });
  }
}

/**
 * Takes DATA_DIR for this process, or throws DataDirLockedError naming the live holder. A
 * one-shot holder (a seed or migrate run) is waited for up to `waitMs`; a server is not.
 */
export async function acquireDataDirLock(dir: string, role: LockRole, waitMs = 60_000): Promise<DataDirLock> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const path = lockPath(dir);
  const mine: LockHolder = { pid: process.pid, role, socket: controlSocketPath(dir), dir: folder(dir), host: hostname() };
  if (held.has(path)) throw new DataDirLockedError(mine, dir);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(path, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const text = readText(path);
    if (text === undefined) continue;
    const holder = parse(text);
    if (holder && holds(holder, dir)) {
      if (holder.role === 'api' || Date.now() > deadline) throw new DataDirLockedError(holder, dir);
      await sleep(100);
    } else if (!holder && Date.now() - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0) < BEING_WRITTEN_MS) {
      await sleep(50);
    } else {
      await removeStale(path, text);
    }
  }
  held.add(path);
  const release = () => {
    process.off('exit', release);
    if (!held.delete(path)) return;
    if (parse(readText(path) ?? '')?.pid === process.pid) rmSync(path, { force: true });
  };
  // A crash still frees the directory for the next start (a SIGKILL leaves a stale lock instead).
  process.on('exit', release);
  return { socket: mine.socket, release };
}
