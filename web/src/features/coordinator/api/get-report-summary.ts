import type { ApiAnswer } from '../../../api/types.ts';
import { request, type Problem } from '../../../lib/api.ts';

/** The period's summary with its mass-balance line. */
export type Summary = ApiAnswer<'/reports/summary'>;

/** `GET /reports/summary?from=&to=`: the answer as it came (the summary or a problem). */
export const getReportSummary = (query: string) => request<Summary | Problem>('GET', `/reports/summary?${query}`);
