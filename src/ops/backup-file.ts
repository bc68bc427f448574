import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync, fstatSync, writeSync, fsyncSync, renameSync } from 'node:fs';
import type { Readable } from 'node:stream';

/**
 * A Kassi backup is one file: a plain tar (ustar) of two members, `manifest.json` first and then
 * the payload, which is PGlite's data directory as a gzipped tar (embedded mode) or a
 * `pg_dump --format=custom` archive (PostgreSQL). Any tar tool opens it (`tar xf FILE`, then
 * `pg_restore` the dump as PostgreSQL users know); `npm run restore` first checks the payload
 * against the manifest's sha256, so a damaged file is refused before anything is written.
 */
export interface Manifest {
  kassiBackup: 1;
  kind: 'pglite' | 'postgres';
  /** The newest migration applied to the database backed up, e.g. `0026_backup_runs`. */
  schemaVersion: string;
  createdAt: string;
  payload: typeof PAYLOAD[keyof typeof PAYLOAD];
  bytes: number;
  /** sha256 of the payload, hex. */
  sha256: string;
}

export const PAYLOAD = { pglite: 'kassi.pglite.tar.gz', postgres: 'kassi.pgdump' } as const;
const BLOCK = 512;

/** Thrown for a file that is not a Kassi backup or whose payload does not match its checksum. */
export class BackupFileError extends Error {}

function header(name: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(BLOCK);
  const put = (text: string, at: number, len: number) => h.write(text.slice(0, len), at, len, 'ascii');
  const octal = (n: number, len: number) => n.toString(8).padStart(len - 1, '0');
  put(name, 0, 100);
  put('0000600\0', 100, 8);
  put('0000000\0', 108, 8);
  put('0000000\0', 116, 8);
  put(`${octal(size, 12)}\0`, 124, 12);
  put(`${octal(Math.floor(mtime.getTime() / 1000), 12)}\0`, 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  put('kassi', 265, 32);
  put('kassi', 297, 32);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/**
 * Writes the backup to `path` (through `path.partial`, renamed when complete and synced, so a
 * half-written backup never carries the final name). The payload comes from `payload` (a stream
 * of `bytes` bytes whose sha256 is in the manifest). Answers the whole file's sha256 (what
 * `sha256sum FILE` prints) and size.
 */
export async function writeBackupFile(path: string, manifest: Manifest, payload: Readable): Promise<{ sha256: string; bytes: number }> {
  const partial = `${path}.partial`;
  const fd = openSync(partial, 'wx', 0o600);
  const hash = createHash('sha256');
  let written = 0;
  const write = (buf: Buffer) => {
    hash.update(buf);
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off);
    written += buf.length;
  };
  try {
    const created = new Date(manifest.createdAt);
    const json = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    write(header('manifest.json', json.length, created));
    write(json);
    write(padding(json.length));
    write(header(manifest.payload, manifest.bytes, created));
    let got = 0;
    for await (const chunk of payload) {
      got += (chunk as Buffer).length;
      write(chunk as Buffer);
    }
    if (got !== manifest.bytes) throw new Error(`backup payload was ${got} bytes, expected ${manifest.bytes}`);
    write(padding(got));
    write(Buffer.alloc(2 * BLOCK));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, path);
  return { sha256: hash.digest('hex'), bytes: written };
}

const field = (h: Buffer, at: number, len: number) => h.subarray(at, at + len).toString('ascii').replace(/\0.*$/s, '').trim();

/**
 * Reads a backup's manifest and where its payload lies, and checks the payload's sha256
 * against the manifest (reading it once). Throws BackupFileError for anything else.
 */
export async function openBackupFile(path: string): Promise<{ manifest: Manifest; offset: number; stream(): Readable }> {
  const fd = openSync(path, 'r');
  let manifest: Manifest;
  let offset: number;
  try {
    const size = fstatSync(fd).size;
    const read = (at: number, len: number) => {
      const buf = Buffer.alloc(len);
      const n = readSync(fd, buf, 0, len, at);
      return buf.subarray(0, n);
    };
    const h1 = read(0, BLOCK);
    if (h1.length < BLOCK || field(h1, 257, 6) !== 'ustar' || field(h1, 0, 100) !== 'manifest.json') throw new BackupFileError(`${path} is not a Kassi backup (no manifest.json at its start)`);
    const jsonSize = parseInt(field(h1, 124, 12), 8);
    try {
      manifest = JSON.parse(read(BLOCK, jsonSize).toString('utf8')) as Manifest;
    } catch {
      throw new BackupFileError(`${path} is damaged: its manifest is not readable`);
    }
    if (manifest.kassiBackup !== 1 || !['pglite', 'postgres'].includes(manifest.kind)) throw new BackupFileError(`${path} is not a Kassi backup this version reads`);
    const at = BLOCK + jsonSize + padding(jsonSize).length;
    const h2 = read(at, BLOCK);
    if (h2.length < BLOCK || field(h2, 0, 100) !== manifest.payload || parseInt(field(h2, 124, 12), 8) !== manifest.bytes) {
      throw new BackupFileError(`${path} is damaged: its contents do not match its manifest`);
    }
    offset = at + BLOCK;
    if (offset + manifest.bytes > size) throw new BackupFileError(`${path} is damaged: it is shorter than its manifest says (cut off?)`);
  } finally {
    closeSync(fd);
  }
  const stream = () => createReadStream(path, { start: offset, end: offset + manifest.bytes - 1 });
  if (manifest.bytes > 0) {
    const hash = createHash('sha256');
    for await (const chunk of stream()) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== manifest.sha256) {
      throw new BackupFileError(`${path} is damaged: its contents do not match the checksum in its manifest (sha256 ${actual}, expected ${manifest.sha256}); nothing was restored`);
    }
  }
  return { manifest, offset, stream };
}

/** sha256 of a whole file, hex (what `sha256sum` prints). */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
