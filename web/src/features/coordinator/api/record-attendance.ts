import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /shifts/:id/attendance`: a volunteer present (with minutes) or a no-show; a later record corrects an earlier one. */
export const recordAttendance = (shiftId: string, body: ApiRequest<'/shifts/{id}/attendance'>): Call<ApiAnswer<'/shifts/{id}/attendance', 'post'>> =>
  ({ path: `/shifts/${shiftId}/attendance`, body });
