import type { ApiAnswer, ApiItem } from '../../../api/types.ts';
import { request, type Problem } from '../../../lib/api.ts';

/** The points' distributions to households of a period, by point or organisation. */
export type Distributions = ApiItem<'/reports/distributions'>;

/** `GET /reports/distributions?…` (from, to, by, period): the answer as it came (the rows or a problem). */
export const getReportDistributions = (query: string) => request<ApiAnswer<'/reports/distributions'> | Problem>('GET', `/reports/distributions?${query}`);
