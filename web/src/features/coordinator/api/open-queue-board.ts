import { request } from '../../../lib/api.ts';

/**
 * `POST /admin/queues/session`, sent at once and never through the outbox (a cookie for this
 * browser, of no use later): true when the queue dashboard at `/admin/queues` may be opened.
 */
export const openQueueSession = async () => (await request('POST', '/admin/queues/session')).status === 204;
