import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /shifts/:id/signups/:userId/cancel`: I give my place on the shift back (before it starts). */
export const cancelSignup = (shiftId: string, userId: string): Call<ApiAnswer<'/shifts/{id}/signups/{userId}/cancel', 'post'>> =>
  ({ path: `/shifts/${shiftId}/signups/${userId}/cancel`, body: {} });
