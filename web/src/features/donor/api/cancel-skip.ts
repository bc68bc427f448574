import type { ApiAnswer } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /donor/skips/:id/cancel`: a skip undone. */
export const cancelSkip = (skipId: string): Call<ApiAnswer<'/donor/skips/{id}/cancel', 'post'>> => ({ path: `/donor/skips/${skipId}/cancel`, body: undefined });
