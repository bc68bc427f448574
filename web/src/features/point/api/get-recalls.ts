import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';

/** `GET /recalls/started`: the recalls that reached the lead's point, newest first, kept on the device. */
export const getRecalls = () => cachedGet<ApiAnswer<'/recalls/started'>>('/recalls/started').then((x) => x.items);
