import type { ApiRequest } from '../../../api/types.ts';
import { write } from '../../../lib/forms.ts';

/** "Ei noudettavaa tällä kertaa" (through the outbox). */
export const skipPickup = (body: ApiRequest<'/donor/skips'>, label: string) => write('/donor/skips', body, label, 'lahjoittaja');
/** Undoes a skip (through the outbox). */
export const cancelSkip = (skipId: string, label: string) => write(`/donor/skips/${skipId}/cancel`, undefined, label, 'lahjoittaja');
