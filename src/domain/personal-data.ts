/**
 * Detectors for personal data in free text. Distribution notes are counts only: a note that
 * carries a Finnish personal identity code, a phone number or an email address is refused, so
 * nothing that identifies a client is ever stored beside the counts.
 */

/** Check characters of the henkilötunnus, indexed by `DDMMYYNNN mod 31` (DVV's specification). */
const HETU_CHECK = '0123456789ABCDEFHJKLMNPRSTUVWXY';
/**
 * `DDMMYY`, the century sign (`+` 1800s; `-`, `Y`, `X`, `W`, `V`, `U` 1900s; `A`–`F` 2000s),
 * the individual number `NNN` and the check character. Signs may be typed in lower case and
 * with spaces around them, and people who do not know the sign type a space instead
 * (`131052 308T`): the check character does not depend on the century, so these still count.
 */
const HETU_PATTERN = /(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})(?: *[-+ABCDEFUVWXY] *| +)(\d{3})([0-9A-Y])(?![0-9A-Za-z])/gi;

/**
 * Whether `text` contains something that is a valid henkilötunnus: the pattern, a real day
 * and month, and the right check character. A random string of the same shape fails the
 * checksum 30 times in 31, so counts like `120-130` or order numbers pass.
 *
 * @example containsPersonalIdentityCode('asiakas 131052-308T') // true (DVV's example code)
 * @example containsPersonalIdentityCode('asiakas 131052 308T') // true: a space for the sign
 * @example containsPersonalIdentityCode('131052-308A') // false: wrong check character
 */
export function containsPersonalIdentityCode(text: string): boolean {
  for (const m of text.matchAll(HETU_PATTERN)) {
    const [, dd, mm, yy, nnn, check] = m;
    const day = Number(dd);
    const month = Number(mm);
    if (day < 1 || day > 31 || month < 1 || month > 12) continue;
    if (HETU_CHECK[Number(`${dd}${mm}${yy}${nnn}`) % 31] === check.toUpperCase()) return true;
  }
  return false;
}

/** International (`+358 40 123 4567`, `00358…`) or national (`040 123 4567`, `015-321 456`) numbers. */
const PHONE_PATTERNS = [
  /(?<![\d+])(?:\+|00)[1-9]\d{0,2}(?:[ -]?\d){6,12}(?!\d)/,
  /(?<![\d+])0\d(?:[ -]?\d){5,10}(?!\d)/,
];

/**
 * Whether `text` contains what looks like a phone number: `+` or `00` and a country code
 * followed by 7 to 13 digits, or a national number starting with 0 of 7 to 12 digits, with
 * spaces or dashes between digits. Dates written the Finnish way (`1.12.2026`) and ordinary
 * counts do not match.
 *
 * @example containsPhoneNumber('soita 040 123 4567') // true
 * @example containsPhoneNumber('jaettiin 1.12. klo 12–14, 35 kassia') // false
 */
export function containsPhoneNumber(text: string): boolean {
  return PHONE_PATTERNS.some((p) => p.test(text));
}

/**
 * A `local@domain.tld` address as people type it: no spaces, at least one dot in the domain
 * and a top-level domain of two or more letters, so `klo 12@14` or `2 kg @ 3 €` pass.
 */
const EMAIL_PATTERN = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}(?![a-z])/i;

/**
 * Whether `text` contains what looks like an email address.
 *
 * @example containsEmailAddress('asiakas: matti.virtanen@example.fi') // true
 * @example containsEmailAddress('jako klo 12@14, 30 kassia') // false
 */
export function containsEmailAddress(text: string): boolean {
  return EMAIL_PATTERN.test(text);
}
