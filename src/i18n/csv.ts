import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';

/** `?locale=` of every CSV export: `fi` is what a Finnish spreadsheet opens without an import dialog. */
export const csvLocale = z.enum(['en', 'fi']).default('en').describe('CSV style: `fi` writes semicolons, decimal commas and a byte-order mark');
export type CsvLocale = z.infer<typeof csvLocale>;
export type CsvCell = string | number | null | undefined;

export const CSV_TYPE = 'text/csv; charset=utf-8';

/** A text cell a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, tab, CR) gets a leading quote. */
const neutralise = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

/**
 * Rows as CSV, for every export of the API. `fi` is what a Finnish spreadsheet opens without
 * an import dialog: semicolons, decimal commas and a byte-order mark so å, ä and ö survive;
 * `en` is plain RFC 4180 with commas. Text is neutralised against formula injection; numbers
 * stay numbers (so −0.25 is not quoted) and are written as given (no thousands separators).
 *
 * @example toCsv([['name', 'kg'], ['=1+1', 1.5]], 'fi') // '\ufeffname;kg\r\n\'=1+1;1,5\r\n'
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], locale: CsvLocale): string {
  const cell = (v: CsvCell) => (typeof v === 'number' ? (locale === 'fi' ? String(v).replace('.', ',') : String(v)) : neutralise(v ?? ''));
  const csv = stringify(rows.map((r) => r.map(cell)), { delimiter: locale === 'fi' ? ';' : ',', record_delimiter: 'windows' });
  return locale === 'fi' ? `\ufeff${csv}` : csv;
}
