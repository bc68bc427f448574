import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /notifications/:id/resend`: a message that could not be sent, sent again. */
export const resendNotification = (id: string): Call<ApiAnswer<'/notifications/{id}/resend', 'post'>> => ({ path: `/notifications/${id}/resend`, body: {} });
