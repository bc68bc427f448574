import type { Database, Executor } from '../../db/client.ts';
import { toCsv, type CsvLocale } from '../../i18n/csv.ts';
import { REFUSAL_REASONS, type BagType, type Category } from '../../domain/categories.ts';
import { fiDate } from '../../i18n/format.ts';
import { catalogues, type Messages } from '../../i18n/messages.ts';
import { summaryTotals, tallyPeriods, type PeriodRow, type TallySums } from './reports.repo.ts';
import type { Summary, SummaryQuery, TalliesQuery, TallyItem } from './reports.schemas.ts';
import { gramsToKg } from '../../domain/weight.ts';

function kgFields(s: TallySums) {
  return {
    kgIn: gramsToKg(s.gIn),
    kgDiscarded: gramsToKg(s.gDiscarded),
    kgDiscardedByReason: {
      spoiled: gramsToKg(s.gSpoiled), expired: gramsToKg(s.gExpired), temperature: gramsToKg(s.gTemperature), recall: gramsToKg(s.gRecall), other: gramsToKg(s.gOther),
    },
    kgAdjusted: gramsToKg(s.gAdjusted),
    bagsPacked: s.bagsPacked,
    kgPacked: gramsToKg(s.gPacked),
    bagsDelivered: s.bagsDelivered,
    kgDelivered: gramsToKg(s.gDelivered),
  };
}

export function toTallyItem(row: PeriodRow): TallyItem {
  return {
    period: row.period, key: row.key, ...(row.name !== null ? { name: row.name } : {}), ...kgFields(row),
    kgRefused: gramsToKg(row.gRefused),
    kgRefusedByReason: Object.fromEntries(REFUSAL_REASONS.map((r) => [r, gramsToKg(row.gRefusedByReason[r])])) as TallyItem['kgRefusedByReason'],
  };
}

/** `GET /reports/tallies`: the stored daily tallies rolled up by period and key. */
export async function tallyReport(database: Database, ex: Executor, q: TalliesQuery): Promise<TallyItem[]> {
  return (await tallyPeriods(database, ex, q)).map(toTallyItem);
}

/**
 * `GET /reports/summary`: totals read from the tallies, with the mass balance line
 * `in + adjusted − packed − discarded − (stock end − stock start)`, computed in grams so it
 * is exact; anything but 0 means the tallies and the ledger disagree.
 */
export async function summaryReport(database: Database, ex: Executor, q: SummaryQuery): Promise<Summary> {
  const t = await summaryTotals(database, ex, q);
  const differenceG = t.gIn + t.gAdjusted - t.gPacked - t.gDiscarded - (t.stockEndG - t.stockStartG);
  return {
    from: q.from,
    to: q.to,
    ...(q.depotId ? { depotId: q.depotId } : {}),
    ...kgFields(t),
    kgInProducers: gramsToKg(t.gInProducers),
    pointsServed: t.pointsServed,
    averageKgPerBag: t.bagsDelivered > 0 ? gramsToKg(Math.round(t.gDelivered / t.bagsDelivered)) : null,
    stockKgStart: gramsToKg(t.stockStartG),
    stockKgEnd: gramsToKg(t.stockEndG),
    kgRefused: gramsToKg(t.gRefused),
    massBalanceDifferenceKg: gramsToKg(differenceG),
  };
}

/** The tally CSV's columns in order; their headers come from the catalogue of the CSV's language. */
const CSV_COLUMNS = [
  'period', 'name', 'kgIn', 'kgDiscarded', 'kgDiscardedSpoiled', 'kgDiscardedExpired', 'kgDiscardedTemperature',
  'kgDiscardedRecall', 'kgDiscardedOther', 'kgAdjusted', 'bagsPacked', 'kgPacked', 'bagsDelivered', 'kgDelivered', 'kgRefused',
  'kgRefusedUseByPast', 'kgRefusedTooWarm', 'kgRefusedDamaged', 'kgRefusedSpoiled', 'kgRefusedOther', 'key',
] as const satisfies readonly (keyof Messages['report']['tallyColumns'])[];

/** A day period the Finnish way in a Finnish CSV (a spreadsheet reads `1.10.2026` as a date); weeks and months keep their keys. */
const periodCell = (period: string, locale: CsvLocale) => (locale === 'fi' ? fiDate(period) : period);

/**
 * The tally items as CSV, every figure of the JSON: `en` with the JSON's field names as headers,
 * `fi` with Finnish headers, semicolons, decimal commas and Finnish dates. The refusals by reason
 * follow `kgRefused` in the order of `REFUSAL_REASONS`. A row opens with its period and what it
 * is a row of, by name (a category or bag type by its word in the CSV's language; the row of
 * sites with no organisation as in the funder's report); the key (a site's or organisation's
 * id) comes last, for a reader who joins the file with another.
 */
export function talliesCsv(items: readonly TallyItem[], locale: CsvLocale, by?: TalliesQuery['by']): string {
  const headers = catalogues[locale].report.tallyColumns;
  const m = catalogues[locale];
  const unnamed = (i: TallyItem) => {
    if (by === 'organisation' && i.key === 'none') return m.report.noOrganisation;
    if (by === 'category') return m.terms.category[i.key as Category] ?? i.key;
    if (by === 'bagType') return m.terms.bagType[i.key as BagType] ?? i.key;
    return '';
  };
  const records = items.map((i) => [
    periodCell(i.period, locale), i.name ?? unnamed(i), i.kgIn, i.kgDiscarded, i.kgDiscardedByReason.spoiled, i.kgDiscardedByReason.expired,
    i.kgDiscardedByReason.temperature, i.kgDiscardedByReason.recall, i.kgDiscardedByReason.other, i.kgAdjusted,
    i.bagsPacked, i.kgPacked, i.bagsDelivered, i.kgDelivered, i.kgRefused, ...REFUSAL_REASONS.map((r) => i.kgRefusedByReason[r]), i.key,
  ]);
  return toCsv([CSV_COLUMNS.map((c) => headers[c]), ...records], locale);
}
