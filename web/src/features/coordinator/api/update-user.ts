import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `PATCH /users/:id`: a person edited (null clears a field). */
export const updateUser = (id: string, body: ApiRequest<'/users/{id}', 'patch'>): Call<ApiAnswer<'/users/{id}', 'patch'>> =>
  ({ method: 'PATCH', path: `/users/${id}`, body });
