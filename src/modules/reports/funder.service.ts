import type { Database, Executor } from '../../db/client.ts';
import { servedFigures, type ServedFigures } from '../../domain/network-report.ts';
import { isRegisteredPoint } from '../../domain/organisations.ts';
import { toCsv, type CsvLocale } from '../../i18n/csv.ts';
import { distributionSumsByPoint } from '../distributions/distributions.repo.ts';
import { fiPeriod } from '../../i18n/format.ts';
import { catalogues } from '../../i18n/messages.ts';
import { deliveriesByPoint, organisationsByIds, summaryTotals } from './reports.repo.ts';
import type { FunderQuery, FunderReport } from './reports.schemas.ts';
import { volunteerFigures } from './volunteers.ts';
import { gramsToKg } from '../../domain/weight.ts';

const served = ({ gDelivered, ...rest }: ServedFigures) => ({ ...rest, kgOut: gramsToKg(gDelivered) });

/**
 * `GET /reports/funder`: kilos in from the ledger (through the tallies, which equal it), bags
 * and kilos delivered from the bag records (per point), households and persons from the
 * points' current distribution records, and the volunteer figures from shift attendance;
 * in total and per organisation. Every figure is a plain sum of records, nothing estimated.
 */
export async function funderReport(database: Database, ex: Executor, q: Pick<FunderQuery, 'from' | 'to'>): Promise<FunderReport> {
  const totals = await summaryTotals(database, ex, q);
  const figures = servedFigures(await deliveriesByPoint(database, ex, q), await distributionSumsByPoint(ex, q.from, q.to));
  const ids = figures.byOrganisation.flatMap((o) => (o.organisationId ? [o.organisationId] : []));
  const orgs = new Map((ids.length ? await organisationsByIds(ex, ids) : []).map((o) => [o.id, o]));
  const byOrganisation = figures.byOrganisation
    .map(({ organisationId, ...row }) => ({
      ...(organisationId ? { organisationId, name: orgs.get(organisationId)?.name } : {}),
      // Points of an organisation without a food-aid registration (or of none) are flagged.
      foodAidRegistered: isRegisteredPoint({ organisation: organisationId ? orgs.get(organisationId) : null }),
      ...served(row),
    }))
    .sort((a, b) => (a.name === undefined ? 1 : b.name === undefined ? -1 : a.name.localeCompare(b.name, 'fi')));
  return {
    from: q.from,
    to: q.to,
    kgIn: gramsToKg(totals.gIn),
    kgDiscarded: gramsToKg(totals.gDiscarded),
    bagsPacked: totals.bagsPacked,
    ...served(figures.total),
    organisationsActive: figures.organisationsActive,
    ...(await volunteerFigures(ex, q)),
    byOrganisation,
  };
}

/** The served columns of the CSV and the page, in order, with the report field each shows. */
export const SERVED_COLUMNS = ['pointsActive', 'bagsDelivered', 'kgOut', 'households', 'persons', 'children', 'seniors', 'bagsHandedOut', 'distributions'] as const;
const NETWORK_COLUMNS = ['kgIn', 'kgDiscarded', 'bagsPacked', 'organisationsActive', 'volunteersActive', 'volunteerHours', 'newVolunteers'] as const;

/**
 * The funder's report as CSV: one row per organisation and a last row for the whole network,
 * which alone carries the network-wide figures (kilos in, organisations, volunteers). Headers
 * come from the message catalogue in the CSV's language.
 */
export function funderCsv(r: FunderReport, locale: CsvLocale): string {
  const m = catalogues[locale].report;
  const header = [m.period, m.organisation, m.foodAidRegistered, ...SERVED_COLUMNS.map((c) => m[c]), ...NETWORK_COLUMNS.map((c) => m[c])];
  const period = locale === 'fi' ? fiPeriod(r.from, r.to) : `${r.from}–${r.to}`;
  const rows = r.byOrganisation.map((o) => [
    period, o.name ?? m.noOrganisation, o.foodAidRegistered ? m.registeredYes : m.registeredNo, ...SERVED_COLUMNS.map((c) => o[c]), ...NETWORK_COLUMNS.map(() => null),
  ]);
  rows.push([period, m.network, null, ...SERVED_COLUMNS.map((c) => r[c]), ...NETWORK_COLUMNS.map((c) => r[c])]);
  return toCsv([header, ...rows], locale);
}
