import { unavailable } from '../../errors.ts';
import { firstNominatimPlace, type LatLon } from '../../domain/location.ts';

/**
 * How long a lookup may take. A coordinator waits for it at the desk, and Nominatim answers
 * a single search in well under a second; five seconds covers a slow public instance without
 * leaving the form hanging.
 */
export const GEOCODER_TIMEOUT_MS = 5000;

/** Nominatim's usage policy asks every client to name itself in its User-Agent. */
export const GEOCODER_USER_AGENT = 'Kassi/0.1 (food-aid network logistics; site addresses entered by a coordinator)';

/**
 * The coordinates of a Finnish address from a Nominatim search API
 * (`GET {baseUrl}/search?q=…&format=jsonv2&limit=1&countrycodes=fi`), or null when it finds
 * nothing. An unreachable geocoder, a timeout or an error answer throws 503
 * `geocoder_unavailable`.
 */
export async function geocode(baseUrl: string, query: string, opts: { timeoutMs?: number } = {}): Promise<LatLon | null> {
  const url = new URL(`${baseUrl.replace(/\/+$/, '')}/search`);
  url.search = new URLSearchParams({ q: query, format: 'jsonv2', limit: '1', countrycodes: 'fi' }).toString();
  let res: Response;
  let body: unknown;
  try {
    res = await fetch(url, { headers: { 'User-Agent': GEOCODER_USER_AGENT, Accept: 'application/json' }, signal: AbortSignal.timeout(opts.timeoutMs ?? GEOCODER_TIMEOUT_MS) });
    body = res.ok ? await res.json() : undefined;
  } catch {
    throw unavailable('geocoder_unavailable', (m) => m.geocoderUnavailable());
  }
  if (!res.ok) throw unavailable('geocoder_unavailable', (m) => m.geocoderUnavailable(res.status));
  const place = firstNominatimPlace(body);
  return place ? { lat: place.lat, lon: place.lon } : null;
}
