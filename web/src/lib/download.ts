import { session } from './session.ts';

/**
 * The file name a `Content-Disposition` gives: the UTF-8 `filename*` (RFC 5987, which keeps
 * "Kylmiö" and the dash of "2026-11-07–2026-12-07"), else the plain `filename`, else null.
 */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const utf8 = /filename\*\s*=\s*UTF-8''([^;\s]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      // a malformed encoding: fall back to the plain name
    }
  }
  return /filename\s*=\s*"([^"]+)"/i.exec(disposition)?.[1] ?? /filename\s*=\s*([^;\s"]+)/i.exec(disposition)?.[1] ?? null;
}

/** Downloads a file the API gives only with the sign-in token (a CSV export): fetched, then saved from memory. */
export async function download(path: string, accept: string, fallbackName: string) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.value?.token ?? ''}`, accept } });
  if (!res.ok) throw new Error(String(res.status));
  // The server names the file by what it holds (the unit, the days); the fallback is for an answer without a name.
  const name = fileNameOf(res.headers.get('content-disposition')) ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
