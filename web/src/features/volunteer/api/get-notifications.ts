import type { ApiAnswer, ApiItem } from '../../../api/types.ts';
import { request } from '../../../lib/api.ts';

/** One of my messages as `GET /me/notifications` gives it. */
export type Notice = ApiItem<'/me/notifications'>;
type Notices = ApiAnswer<'/me/notifications'>;

/** `GET /me/notifications`: my messages, newest first, and how many are unread (none when it fails). */
export const getNotifications = () => request<Notices>('GET', '/me/notifications').then((r): Notices => (r.status === 200 ? r.body : { items: [], unread: 0 }));
