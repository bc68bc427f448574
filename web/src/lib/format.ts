/** Numbers and dates the Finnish way (decimal comma, 1.12.2026, klo 8.30), whatever the UI language. */
const LOCALE = 'fi-FI';
const ZONE = 'Europe/Helsinki';

const kgFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 3 });
const dateFormat = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'numeric', year: 'numeric', timeZone: ZONE });
const timeFormat = new Intl.DateTimeFormat(LOCALE, { hour: 'numeric', minute: '2-digit', timeZone: ZONE });
const weekdayFormat = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', timeZone: ZONE });
const kmFormat = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });

export const formatKg = (kg: number) => `${kgFormat.format(kg)} kg`;
/** `2026-12-01` (a local date) → `1.12.2026`. */
export const formatDate = (d: string) => dateFormat.format(new Date(`${d}T12:00:00Z`));
export const formatWeekdayDate = (d: string) => `${weekdayFormat.format(new Date(`${d}T12:00:00Z`))} ${formatDate(d)}`;
/** An instant's Helsinki time → `8.30` (no leading zero, a dot). */
export const formatTime = (at: Date | string) => timeFormat.format(new Date(at));
/** A distance to a tenth of a kilometre → `90,6` (the caller writes the unit). */
export const formatKm = (km: number) => kmFormat.format(km);
/** An instant → `1.12.2026 klo 8.30`. */
export const formatDateTime = (at: Date) => `${dateFormat.format(at)} klo ${timeFormat.format(at)}`;
/** What a person types on a Finnish keypad (`12,5`) → 12.5; NaN when it is not a number. */
/** A temperature limit with its sign, as the rules state it: `formatCelsius(-18)` is `−18 °C`, `formatCelsius(6)` is `+6 °C`. */
export const formatCelsius = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)} °C`;
export const parseDecimal = (s: string) => (/^-?\d+([.,]\d+)?$/.test(s.trim()) ? Number(s.trim().replace(',', '.')) : Number.NaN);
/** Today's date in Helsinki, `YYYY-MM-DD`. */
export const todayInHelsinki = (now = new Date()) => new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(now);
const plurals = { fi: new Intl.PluralRules('fi-FI'), en: new Intl.PluralRules('en') };
/**
 * A count with the word form its number takes (`Intl.PluralRules`), for the dictionaries:
 * Finnish has the singular after 1 and the partitive after any other number.
 * `count('fi', 1, 'kassi', 'kassia')` is `1 kassi`; `count('fi', 2, 'kassi', 'kassia')` is `2 kassia`.
 */
export const count = (lang: 'fi' | 'en', n: number, one: string, other: string) => `${n} ${plurals[lang].select(n) === 'one' ? one : other}`;
/** A local date `n` days later (or earlier): `addDays('2026-12-31', 1)` is `2027-01-01`. */
export { addDays } from '../../../src/domain/dates.ts';
const wall = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
/**
 * A Helsinki wall time as an instant, whatever the phone's own time zone:
 * `helsinkiInstant('2026-12-08', '11:00')` is `2026-12-08T09:00:00.000Z`.
 */
export function helsinkiInstant(date: string, time: string): string {
  const guess = Date.parse(`${date}T${time}:00Z`);
  const shown = Date.parse(`${wall.format(guess).replace(' ', 'T')}:00Z`);
  return new Date(guess - (shown - guess)).toISOString();
}
/** An instant's Helsinki date and time, `['2026-12-08', '11:00']` (for date and time inputs). */
export const helsinkiParts = (at: Date | string) => wall.format(new Date(at)).split(' ') as [string, string];

/** An address with its town once, and a vehicle's name with "kylmäauto" once: the server's own rules, so the sheet and the app agree. */
export { placeLine, vehicleLine } from '../../../src/i18n/format.ts';
