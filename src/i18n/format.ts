/**
 * How Kassi writes numbers, dates, times and counts for people, in one place: the message
 * catalogues, the notifications, the route sheet and the printable reports all take their
 * formats from here, so a date never reads `2026-11-01` on one page and `1.11.2026` on the
 * next. Finnish follows `Intl` in `fi-FI`, times in Europe/Helsinki: `1.12.2026`, `klo 8.30`,
 * decimal comma, `1 kassi` / `2 kassia`.
 *
 * No I/O, no clock: pure functions over their arguments.
 */
import { TIME_ZONE, type LocalDate } from '../domain/dates.ts';

const FI = 'fi-FI';
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const WALL_CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

// A local date is a calendar day, not an instant: read at noon UTC and written in UTC, it is
// the same day whatever the server's zone.
const dayFormat = new Intl.DateTimeFormat(FI, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
const weekdayDayFormat = new Intl.DateTimeFormat(FI, { weekday: 'short', day: 'numeric', month: 'numeric', year: 'numeric', timeZone: 'UTC' });
const instantDayFormat = new Intl.DateTimeFormat(FI, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: TIME_ZONE });
const instantTimeFormat = new Intl.DateTimeFormat(FI, { hour: 'numeric', minute: '2-digit', timeZone: TIME_ZONE });
const wallTimeFormat = new Intl.DateTimeFormat(FI, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
const monthFormats = {
  fi: new Intl.DateTimeFormat(FI, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const noon = (d: LocalDate) => new Date(`${d}T12:00:00Z`);
const plurals = { fi: new Intl.PluralRules(FI), en: new Intl.PluralRules('en') };

/**
 * A local date the Finnish way; anything that is not a `YYYY-MM-DD` date is given back as it
 * came (a refusal that quotes a wrong date quotes it as typed).
 *
 * @example fiDate('2026-12-01') // '1.12.2026'; fiDate('2026-13-45') // '2026-13-45'
 */
export function fiDate(d: LocalDate): string {
  const at = LOCAL_DATE.test(d) ? noon(d) : null;
  return at && !Number.isNaN(at.getTime()) ? dayFormat.format(at) : d;
}

/**
 * A local date with its short weekday, for a day a person plans by.
 *
 * @example fiWeekdayDate('2026-11-03') // 'ti 3.11.2026'
 */
export const fiWeekdayDate = (d: LocalDate): string => weekdayDayFormat.format(noon(d));

/**
 * A period of local dates, the shared parts written once.
 *
 * @example fiPeriod('2026-11-01', '2026-11-30') // '1.–30.11.2026'; fiPeriod('2026-11-01', '2026-11-01') // '1.11.2026'
 */
export const fiPeriod = (from: LocalDate, to: LocalDate): string => dayFormat.formatRange(noon(from), noon(to));

/**
 * A month `YYYY-MM` by its name, for a report's column (Finnish, or English on an English page).
 *
 * @example monthName('2026-11', 'fi') // 'marraskuu 2026'; monthName('2026-11', 'en') // 'November 2026'
 */
export const monthName = (month: string, lang: 'fi' | 'en'): string => monthFormats[lang].format(new Date(`${month}-15T12:00:00Z`));

/**
 * The Helsinki wall-clock time of an instant, without the leading zero Finnish does not write.
 *
 * @example fiTime('2026-11-03T06:00:00Z') // '8.00'; fiTime(new Date('2026-07-01T05:30:00Z')) // '8.30'
 */
export const fiTime = (instant: Date | string): string => instantTimeFormat.format(new Date(instant));

/**
 * A wall-clock time `HH:mm` (a schedule's window, the planning cut-off) the Finnish way.
 *
 * @example fiClock('08:00') // '8.00'; fiClock('18:30') // '18.30'
 */
export function fiClock(hhmm: string): string {
  const match = WALL_CLOCK.exec(hhmm);
  return match ? wallTimeFormat.format(new Date(Date.UTC(2000, 0, 1, Number(match[1]), Number(match[2])))) : hhmm;
}

/**
 * An instant as a Finnish date and time in Helsinki.
 *
 * @example fiDateTime('2026-11-03T06:00:00Z') // '3.11.2026 klo 8.00'
 */
export const fiDateTime = (instant: Date | string): string => `${instantDayFormat.format(new Date(instant))} klo ${fiTime(instant)}`;

/**
 * A number for a printed page: decimal comma, thousands grouped, at most `decimals` decimals.
 *
 * @example fiNumber(1234.5) // '1 234,5' (a narrow no-break space groups the thousands)
 */
export const fiNumber = (v: number, decimals = 1): string => v.toLocaleString(FI, { maximumFractionDigits: decimals });

/**
 * A measured value inside a sentence (kilos, degrees): the figure as given, with a decimal
 * comma and no grouping, so `7.5` reads `7,5` and the figure stays the one recorded.
 *
 * @example fiDecimal(7.5) // '7,5'; fiDecimal(-16.5) // '-16,5'
 */
export const fiDecimal = (v: number): string => String(v).replace('.', ',');

/**
 * A figure with its sign always written (a true minus sign), as temperature limits are.
 *
 * @example signed(6) // '+6'; signed(-18) // '−18'; signed(0) // '0'
 */
export const signed = (n: number): string => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)}`;

/**
 * A temperature limit in a sentence or on a label, so a food-safety constant reads as the
 * rule states it.
 *
 * @example celsius(6) // '+6 °C'; celsius(-18) // '−18 °C'
 */
export const celsius = (n: number): string => `${signed(n)} °C`;

/**
 * The word form that goes with a count in a language (`Intl.PluralRules`): Finnish takes the
 * singular after 1 and the partitive after any other number (`1 kassi`, `0 kassia`, `2 kassia`).
 * The catalogues give both forms; this picks one.
 *
 * @example plural('fi', 1, 'kassi', 'kassia') // 'kassi'; plural('fi', 2, 'kassi', 'kassia') // 'kassia'
 */
export const plural = (lang: 'fi' | 'en', n: number, one: string, other: string): string => (plurals[lang].select(n) === 'one' ? one : other);

/**
 * A count with its word: `count('fi', 1, 'kassi', 'kassia')` is `'1 kassi'`.
 *
 * @example count('fi', 3, 'kotitalous', 'kotitaloutta') // '3 kotitaloutta'
 */
export const count = (lang: 'fi' | 'en', n: number, one: string, other: string): string => `${n} ${plural(lang, n, one, other)}`;

/**
 * A site's address as one line: the street address and the town, the town once — an address
 * typed with its town already in it ("Kauppatie 3, Mäntyharju") is not followed by the town again.
 * `placeLine('Kauppatie 3', 'Mäntyharju')` → "Kauppatie 3, Mäntyharju".
 */
export function placeLine(address: string | null | undefined, municipality: string | null | undefined): string {
  const a = address?.trim() ?? '';
  const m = municipality?.trim() ?? '';
  if (!m) return a;
  if (!a) return m;
  const words = a.toLocaleLowerCase('fi').split(/[\s,]+/);
  return words.includes(m.toLocaleLowerCase('fi')) ? a : `${a}, ${m}`;
}

/**
 * A vehicle's name with its kind ("Pakettiauto 1 (kylmäauto)"), the kind left out when the name
 * already says it is refrigerated ("Pakettiauto 1 (kylmä)" stays as it is).
 */
export function vehicleLine(name: string, refrigerated: boolean, refrigeratedWord: string): string {
  return refrigerated && !/kylm|refrig|cold|pakaste|frozen/i.test(name) ? `${name} (${refrigeratedWord})` : name;
}
