import { chmodSync, lstatSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The embedded database's folder is private to the OS user running Kassi: its files (the
 * write-ahead log included) hold password hashes, emails and phone numbers. DATA_DIR is
 * created 0700 and this process creates files with umask 077. PGlite sets some modes itself
 * (its new cluster's files 0666, the relation cache files 0644), so the server narrows the tree
 * after opening it, every few minutes and on closing (`narrowDataDir`). A DATA_DIR that other
 * users can read, write or enter is refused with the command that fixes it; inside a private
 * DATA_DIR, entries left open are narrowed (nobody else could reach them through the folder).
 */
export class DataDirNotPrivateError extends Error {
  constructor(readonly dir: string, readonly mode: number) {
    super(`DATA_DIR ${dir} can be read or written by other users of this machine (mode ${octal(mode)}); it holds password hashes, emails and phone numbers. `
      + `Make it private and start again: chmod -R go-rwx ${shellQuote(resolve(dir))}`);
  }
}

/** Group and other permission bits: none may be set on DATA_DIR. */
const OPEN_TO_OTHERS = 0o077;

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;
const shellQuote = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replaceAll("'", "'\\''")}'`);

/** From now on this process creates files 0600 and folders 0700 (POSIX only). */
export function privateUmask() {
  if (process.platform === 'win32') return;
  process.umask(process.umask() | OPEN_TO_OTHERS);
}

/**
 * Creates DATA_DIR 0700 when missing, refuses it when others may use it, and narrows any
 * entry inside it that still grants group or other bits. Returns how many were narrowed.
 */
export function ensurePrivateDataDir(dir: string): number {
  if (process.platform === 'win32') return 0;
  privateUmask();
  const stat = statSync(dir, { throwIfNoEntry: false });
  if (!stat) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    chmodSync(dir, 0o700);
    return 0;
  }
  if (stat.mode & OPEN_TO_OTHERS) throw new DataDirNotPrivateError(dir, stat.mode);
  return narrowDataDir(dir);
}

/** Removes group and other bits from every file and folder under `dir` (links are left alone). */
export function narrowDataDir(dir: string): number {
  if (process.platform === 'win32') return 0;
  let narrowed = 0;
  for (const name of gone(() => readdirSync(dir)) ?? []) {
    const path = join(dir, name);
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (!st || st.isSymbolicLink()) continue;
    if (st.mode & OPEN_TO_OTHERS && gone(() => chmodSync(path, st.mode & 0o7700)) !== null) narrowed += 1;
    if (st.isDirectory()) narrowed += narrowDataDir(path);
  }
  return narrowed;
}

/** Runs `fs` and answers null when its path vanished meanwhile (a running holder removes files). */
function gone<T>(fs: () => T): T | null {
  try {
    return fs();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Every entry under `dir` (itself included) that grants group or other bits: for tests and checks. */
export function openEntries(dir: string): { path: string; mode: string }[] {
  const out: { path: string; mode: string }[] = [];
  const walk = (path: string) => {
    const st = lstatSync(path);
    if (st.isSymbolicLink()) return;
    if (st.mode & OPEN_TO_OTHERS) out.push({ path, mode: octal(st.mode) });
    if (st.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}
