import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';

/** My own details as `GET /me` gives them (phone, how messages come, hygiene passport). */
export type Me = ApiAnswer<'/me'>;

/** `GET /me`, kept on the device for when the network is not there. */
export const getMe = () => cachedGet<Me>('/me');
