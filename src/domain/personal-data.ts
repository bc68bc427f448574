/**
 * Detectors for personal data in free text. Distribution notes are counts only: a note that
 * carries a Finnish personal identity code, a phone number or an email address is refused, so
 * nothing that identifies a client is ever stored beside the counts.
 */

/**
 * The text as the detectors read it: Unicode compatibility forms folded (NFKC: full-width
 * digits `０４０` become `040`, a non-breaking space a space), every dash (en dash, em dash,
 * minus sign, …) a hyphen, and the spelled-out at sign (`(at)`, `[at]`, `{at}`, ` at `
 * between two words with a dot after them) an `@`. Someone who wants to slip a number or an
 * address past a filter types it like this; a volunteer counting bags never does.
 *
 * @example normaliseForDetection('puh ０４０–１２３') // 'puh 040-123'
 * @example normaliseForDetection('matti(at)example.fi') // 'matti@example.fi'
 */
export function normaliseForDetection(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Pd}\u2212\u2010\u2011]/gu, '-')
    .replace(/\s*[([{]\s*at\s*[)\]}]\s*/gi, '@')
    .replace(/\s*[([{]\s*(?:dot|piste)\s*[)\]}]\s*/gi, '.');
}

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
  for (const m of normaliseForDetection(text).matchAll(HETU_PATTERN)) {
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
 * A run of digits written with dots, slashes or brackets between them (`040.123.4567`,
 * `(040) 123/4567`). It is a phone number when it starts like one (`0` or `+`) and has at least
 * {@link MIN_SEPARATED_PHONE_DIGITS} digits: a date written the Finnish way has at most eight
 * (`01.12.2026`), the shortest Finnish numbers people give with an area code have nine.
 */
const SEPARATED_DIGITS = /(?<![\d])[+(]?\d[\d .()[\]/-]*\d(?![\d])/g;
const MIN_SEPARATED_PHONE_DIGITS = 9;

/**
 * Whether `text` contains what looks like a phone number: `+` or `00` and a country code
 * followed by 7 to 13 digits, or a national number starting with 0 of 7 to 12 digits, with
 * spaces or dashes between digits; or, after {@link normaliseForDetection}, nine or more digits
 * from a `0` or `+` with dots, slashes or brackets between them. Dates written the Finnish way
 * (`1.12.2026`, `01.12.2026`) and ordinary counts do not match.
 *
 * @example containsPhoneNumber('soita 040 123 4567') // true
 * @example containsPhoneNumber('puh 040.123.4567') // true
 * @example containsPhoneNumber('jaettiin 1.12. klo 12–14, 35 kassia') // false
 */
export function containsPhoneNumber(text: string): boolean {
  const t = normaliseForDetection(text);
  if (PHONE_PATTERNS.some((p) => p.test(t))) return true;
  return [...t.matchAll(SEPARATED_DIGITS)].some(([run]) => {
    const start = run.replace(/^[(\s]+/, '');
    const digits = run.replace(/\D/g, '');
    return /[.()[\]/]/.test(run) && (start.startsWith('0') || start.startsWith('+')) && digits.length >= MIN_SEPARATED_PHONE_DIGITS;
  });
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
  return EMAIL_PATTERN.test(normaliseForDetection(text));
}

/**
 * Stored answers that hold contact details (a user's or a site contact's email, phone or name:
 * the answers of the coordinator's user and site writes) are emptied after this many days.
 * Those writes are made at the desk and retried within minutes; a phone's outbox sends within
 * a sign-in's default lifetime (`TOKEN_TTL_HOURS`, 7 days), so a week keeps every retry exact.
 * After it a retry is still never a second write: it answers 409 `idempotency_answer_purged`.
 */
export const ANSWER_WITH_CONTACTS_DAYS = 7;
