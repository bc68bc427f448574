import type { ApiItem } from '../../../api/types.ts';
import { cachedGetAll } from '../../../lib/api.ts';

/** `GET /sites?kind=donor`: the donors a phoned-in offer may be recorded for, kept on the device. */
export const getDonors = () => cachedGetAll<ApiItem<'/sites'>>('/sites?kind=donor');
