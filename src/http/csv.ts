import { stringify } from 'csv-stringify/sync';

export type CsvLocale = 'en' | 'fi';
export type CsvCell = string | number | null | undefined;

/**
 * Rows as CSV. `fi` is what a Finnish spreadsheet opens without an import dialog:
 * semicolons, decimal commas and a byte-order mark so å, ä and ö survive; `en` is plain
 * RFC 4180 with commas. Numbers are written as given (no thousands separators).
 */
export function toCsv(rows: readonly (readonly CsvCell[])[], locale: CsvLocale): string {
  const cell = (v: CsvCell) => (v === null || v === undefined ? '' : typeof v === 'number' && locale === 'fi' ? String(v).replace('.', ',') : String(v));
  const csv = stringify(rows.map((r) => r.map(cell)), { delimiter: locale === 'fi' ? ';' : ',', record_delimiter: 'windows' });
  return locale === 'fi' ? `\ufeff${csv}` : csv;
}
