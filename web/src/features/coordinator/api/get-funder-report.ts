import { download } from '../../../lib/download.ts';

/** `GET /reports/funder?from=&to=` as a CSV in the Finnish format, saved as a file (its printable page is a link). */
export const downloadFunderReport = (query: string) => download(`/reports/funder?${query}&locale=fi`, 'text/csv', 'kassi-funder.csv');
