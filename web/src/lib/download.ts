import { session } from './session.ts';

/** Downloads a file the API gives only with the sign-in token (a CSV export): fetched, then saved from memory. */
export async function download(path: string, accept: string, fallbackName: string) {
  const res = await fetch(path, { headers: { authorization: `Bearer ${session.value?.token ?? ''}`, accept } });
  if (!res.ok) throw new Error(String(res.status));
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
