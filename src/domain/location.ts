/**
 * Where a site is, as people give it: an address (found by a geocoder), a pair of coordinates
 * pasted from somewhere ("61,69, 27,27" with Finnish decimal commas, "61.69 27.27"), or a map
 * app's shared link (Google Maps, OpenStreetMap, a `geo:` URI). Pure, so the app parses a
 * pasted location with the same rule as the server.
 */

export interface LatLon {
  lat: number;
  lon: number;
}

const inRange = (p: LatLon) => Number.isFinite(p.lat) && Number.isFinite(p.lon) && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180;
const num = (s: string) => Number(s.replace(',', '.'));
const point = (lat: string, lon: string): LatLon | null => {
  const p = { lat: num(lat), lon: num(lon) };
  return inRange(p) ? p : null;
};

/** A decimal number with a point or a Finnish comma. */
const D = String.raw`-?\d{1,3}(?:\.\d+)?`;
const DFI = String.raw`-?\d{1,3}(?:[.,]\d+)?`;

/**
 * Coordinates in a map link, most exact first: Google's place pin (`!3d<lat>!4d<lon>`), a
 * query or OpenStreetMap marker (`?q=`, `query=`, `ll=`, `destination=`, `mlat=…&mlon=…`), a
 * `geo:` URI, then the map's view (Google's `@<lat>,<lon>,15z`, OpenStreetMap's `#map=15/<lat>/<lon>`).
 */
const LINK_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`!3d(${D})!4d(${D})`),
  new RegExp(String.raw`[?&](?:q|query|ll|destination|daddr|center)=(${D}),\s*(${D})(?:[&#]|$)`),
  new RegExp(String.raw`[?&]mlat=(${D})&mlon=(${D})`),
  new RegExp(String.raw`^geo:(${D}),(${D})`),
  new RegExp(String.raw`@(${D}),(${D})`),
  new RegExp(String.raw`#map=\d+(?:\.\d+)?/(${D})/(${D})`),
];

/** Two numbers, latitude first, apart by a comma, semicolon or blanks; a degree sign may follow each. */
const PAIR = new RegExp(String.raw`^(${DFI})\s*°?\s*(?:[,;]\s*|\s+)(${DFI})\s*°?$`);

/**
 * The coordinates in what a user pasted or typed: latitude first, as map apps and Finnish
 * habit write them, or a map link. Null when the text holds no coordinates in range (a
 * latitude within ±90°, a longitude within ±180°).
 *
 * @example parseLocation('61,69, 27,27') // { lat: 61.69, lon: 27.27 }
 * @example parseLocation('https://www.openstreetmap.org/#map=17/61.68861/27.27222') // { lat: 61.68861, lon: 27.27222 }
 */
export function parseLocation(text: string): LatLon | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^(https?:\/\/|geo:)/i.test(t)) {
    let link = t;
    try {
      link = decodeURIComponent(t);
    } catch {
      // A link with a stray % is read as it is.
    }
    for (const pattern of LINK_PATTERNS) {
      const m = pattern.exec(link);
      if (m) return point(m[1], m[2]);
    }
    return null;
  }
  // "61,69" is one number with a Finnish decimal comma, not two.
  if (/^-?\d+,\d+$/.test(t)) return null;
  const m = PAIR.exec(t);
  return m ? point(m[1], m[2]) : null;
}

/**
 * What a geocoder is asked for a site: its address and municipality, the municipality only
 * once when the address already names it ("Porrassalmenkatu 20, 50100 Mikkeli").
 */
export function geocodeQuery(address: string, municipality: string): string {
  const a = address.trim();
  const m = municipality.trim();
  if (m === '') return a;
  const escaped = m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s,])${escaped}($|[\\s,])`, 'iu').test(a) ? a : `${a}, ${m}`;
}

/**
 * The place in a Nominatim `search` answer (`format=jsonv2`: an array of places whose `lat`
 * and `lon` are decimal strings): the first with coordinates in range, or null when it
 * found nothing.
 */
export function firstNominatimPlace(answer: unknown): (LatLon & { displayName?: string }) | null {
  if (!Array.isArray(answer)) return null;
  for (const place of answer as { lat?: unknown; lon?: unknown; display_name?: unknown }[]) {
    if (!place || typeof place !== 'object') continue;
    const p = { lat: Number(place.lat), lon: Number(place.lon) };
    if (typeof place.lat !== 'string' && typeof place.lat !== 'number') continue;
    if (typeof place.lon !== 'string' && typeof place.lon !== 'number') continue;
    if (!inRange(p)) continue;
    return { ...p, ...(typeof place.display_name === 'string' ? { displayName: place.display_name } : {}) };
  }
  return null;
}
