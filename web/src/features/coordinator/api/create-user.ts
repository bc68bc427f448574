import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /users`: a new person (a point lead names their point). */
export const createUser = (body: ApiRequest<'/users'>): Call<ApiAnswer<'/users', 'post'>> => ({ path: '/users', body });
