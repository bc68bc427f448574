/**
 * A site's contact as a driver uses it: a name to ask for and a number to call. People type
 * the number into the contact itself ("Päivi Häkkinen, 040 123 4567"); it is found there.
 */
import { findPhoneNumbersInText, parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type SiteContact = { contactName?: string; contact?: string; phone?: string };

/** What is left of a text once a number is cut out of it: no dangling commas, dashes or blanks. */
const rest = (text: string, start: number, end: number) =>
  `${text.slice(0, start)} ${text.slice(end)}`.replace(/\(\s*\)/g, '').replace(/\s+/g, ' ').replace(/^[\s,;:–-]+|[\s,;:–-]+$/g, '').trim();

/**
 * The contact with a callable `phone`: a site's own phone stays as it is; without one, the
 * first Finnish or international number found in `contactName` (then `contact`) becomes the
 * phone, written as the person wrote it, and is cut out of that text, so the name reads as a
 * name and the number is not shown twice. A text with no number is left alone.
 *
 * @example callableContact({ contactName: 'Päivi Häkkinen, 040 123 4567' })
 *   // { contactName: 'Päivi Häkkinen', phone: '040 123 4567' }
 */
export function callableContact(c: SiteContact): SiteContact {
  if (c.phone) return c;
  for (const field of ['contactName', 'contact'] as const) {
    const text = c[field];
    const found = text ? findPhoneNumbersInText(text, 'FI')[0] : undefined;
    if (!text || !found) continue;
    const left = rest(text, found.startsAt, found.endsAt);
    return { ...c, [field]: left === '' ? undefined : left, phone: text.slice(found.startsAt, found.endsAt) };
  }
  return c;
}

/**
 * A phone number the edge has already accepted (a Finnish number without its country code is
 * taken as Finnish), in the one form Kassi stores: E.164.
 *
 * @example toE164('040 123 4567') // '+358401234567'
 */
export const toE164 = (v: string) => parsePhoneNumberFromString(v, 'FI')!.number;

/** Who is asking to see a site's contact person and phone. */
export interface ContactReader {
  role: 'coordinator' | 'warehouse' | 'point_lead' | 'driver' | 'donor';
  /** A point lead's own point. */
  pointId?: string | null;
  /** Sites on the reader's routes from today on (drivers). */
  routeSiteIds?: ReadonlySet<string>;
}

/**
 * Whether a site's contact person, phone and contact note are shown to this reader: they are
 * a person's details, so only to those who call them in their work. The coordinator sees all;
 * the warehouse the donors (pickups, offers) and depots; a driver the sites on their routes
 * from today on and the depots; a point lead their own point and the depots. Other points'
 * leads never see each other's contacts.
 *
 * @example mayReadSiteContact({ role: 'point_lead', pointId: 'p1' }, { id: 'p2', kind: 'point' }) // false
 * @example mayReadSiteContact({ role: 'driver', routeSiteIds: new Set(['d1']) }, { id: 'd1', kind: 'donor' }) // true
 */
export function mayReadSiteContact(reader: ContactReader, site: { id: string; kind: 'depot' | 'donor' | 'point' }): boolean {
  switch (reader.role) {
    case 'coordinator': return true;
    case 'warehouse': return site.kind !== 'point';
    case 'driver': return site.kind === 'depot' || (reader.routeSiteIds?.has(site.id) ?? false);
    case 'point_lead': return site.kind === 'depot' || site.id === reader.pointId;
    default: return false;
  }
}

/** Kinds of number a volunteer or a site's contact can be called on (not premium-rate, pager, …). */
const CALLABLE_TYPES = new Set(['MOBILE', 'FIXED_LINE', 'FIXED_LINE_OR_MOBILE', 'UAN', 'VOIP', 'TOLL_FREE']);

/**
 * Whether `v` is a phone number as people give theirs: a valid number (Finnish unless it starts
 * with `+` or `00`) typed with its leading `0`, `+` or `00` (a number without it is a typo
 * more often than not), of a kind one calls: mobile, landline, a company's service number or
 * toll-free; never premium-rate.
 *
 * @example isCallablePhone('040 123 4567') // true
 * @example isCallablePhone('401234567') // false: the leading 0 is missing
 * @example isCallablePhone('0600 123 45') // false: premium rate
 */
export function isCallablePhone(v: string): boolean {
  const typed = v.trim();
  if (!/^(\+|0)/.test(typed)) return false;
  const n = parsePhoneNumberFromString(typed, 'FI');
  return n?.isValid() === true && CALLABLE_TYPES.has(n.getType() ?? '');
}
