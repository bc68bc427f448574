import type { Recall } from '../../../components/recall-bags.tsx';
import { cachedGet } from '../../../lib/api.ts';

/** `GET /recalls/started`: the recalls that reached the lead's point, newest first, kept on the device. */
export const getRecalls = () => cachedGet<{ items: Recall[] }>('/recalls/started').then((x) => x.items);
