import type { ApiAnswer, ApiItem } from '../../../api/types.ts';
import { request, type Problem } from '../../../lib/api.ts';
import { download } from '../../../lib/download.ts';

/** A row of the tallies: a period and a point, donor, category, bag type or organisation. */
export type Tally = ApiItem<'/reports/tallies'>;

/** `GET /reports/tallies?…` (from, to, by, period): the answer as it came (the rows or a problem). */
export const getReportTallies = (query: string) => request<ApiAnswer<'/reports/tallies'> | Problem>('GET', `/reports/tallies?${query}`);
/** The same tallies as a CSV in the Finnish format (semicolons, decimal commas), saved as a file. */
export const downloadReportTallies = (query: string) => download(`/reports/tallies?${query}&locale=fi`, 'text/csv', 'kassi-tallies.csv');
