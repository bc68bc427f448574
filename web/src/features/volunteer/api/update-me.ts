import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `PATCH /me`: my phone, how messages come, my language. */
export const updateMe = (body: ApiRequest<'/me', 'patch'>): Call<ApiAnswer<'/me', 'patch'>> => ({ method: 'PATCH', path: '/me', body });
