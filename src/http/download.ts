/**
 * Downloads named by what they hold ("omavalvonta-Kylmiö-2-2026-11-07–2026-12-07.csv"), never by
 * an id: the name's parts (words of the catalogue, a unit's or donor's name, the days) joined by
 * dashes, and the `Content-Disposition` that carries it (RFC 6266: the name itself in
 * `filename*` as RFC 5987 UTF-8, and an ASCII `filename` for clients that read only that).
 */

/** Characters no file system takes in a name, control characters, and runs of white space. */
const UNSAFE = /[\\/:*?"<>|\p{Cc}]+/gu;

/** One part of a name: spaces become dashes, what a file system refuses goes. */
const part = (s: string) => s.normalize('NFC').replace(UNSAFE, ' ').trim().replace(/\s+/g, '-');

/** A download's file name: its non-empty parts joined by dashes, with the extension. */
export function downloadName(parts: (string | null | undefined)[], extension: string): string {
  const name = parts.filter((p): p is string => !!p && !!part(p)).map(part).join('-').replace(/-{2,}/g, '-');
  return `${name || 'kassi'}.${extension}`;
}

/** The days of a download's window, "2026-11-07–2026-12-07" (one day alone, or nothing without either). */
export const dayRange = (from?: string | null, to?: string | null) => (from && to ? (from === to ? from : `${from}–${to}`) : from ?? to ?? undefined);

/** The ASCII stand-in of a name: letters without their accents (ä → a), the en dash as a hyphen, anything else outside ASCII as `_`. */
export const asciiName = (name: string) => name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[–—]/g, '-').replace(/[^\x20-\x7e]/g, '_');

/** RFC 5987's encoding of a value: UTF-8, percent-encoded beyond the characters it allows. */
const rfc5987 = (s: string) => encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The `Content-Disposition` of a download named `name` (`inline` for a page to read and print). */
export const contentDisposition = (name: string, kind: 'attachment' | 'inline' = 'attachment') => {
  const ascii = asciiName(name);
  return ascii === name ? `${kind}; filename="${name}"` : `${kind}; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
};
