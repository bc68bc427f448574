import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /me/notifications/:id/read`: the message is marked read. */
export const markRead = (notificationId: string): Call<ApiAnswer<'/me/notifications/{id}/read', 'post'>> => ({ path: `/me/notifications/${notificationId}/read`, body: {} });
