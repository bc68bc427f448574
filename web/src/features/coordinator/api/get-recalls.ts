import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet, request, type Problem } from '../../../lib/api.ts';

/** What `GET /recalls?…` (the read-only trace) says a recall would reach. */
export type Trace = ApiAnswer<'/recalls'>;

/** `GET /recalls/started`: the recalls started, newest first, kept on the device. */
export const getStartedRecalls = () => cachedGet<ApiAnswer<'/recalls/started'>>('/recalls/started').then((x) => x.items);

/** `GET /recalls?…`: what a recall of this query would reach, nothing changed; the answer as it came (a trace or a problem). */
export const traceRecall = (query: Record<string, string>) => request<Trace | Problem>('GET', `/recalls?${new URLSearchParams(query)}`);
