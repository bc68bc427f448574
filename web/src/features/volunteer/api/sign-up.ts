import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /shifts/:id/signups`: I take a place on the shift. */
export const signUp = (shiftId: string): Call<ApiAnswer<'/shifts/{id}/signups', 'post'>> => ({ path: `/shifts/${shiftId}/signups`, body: {} });
