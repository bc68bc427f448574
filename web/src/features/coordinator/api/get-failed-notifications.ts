import type { ApiItem } from '../../../api/types.ts';
import { getAll } from '../../../lib/api.ts';

/** A message that could not be sent, as `GET /notifications?status=failed` gives it. */
export type Failed = ApiItem<'/notifications'>;

/** `GET /notifications?status=failed`, every page, or the server's problem. */
export const getFailedNotifications = () => getAll<Failed>('/notifications?status=failed');
