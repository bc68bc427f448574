import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `POST /organisations`: a new organisation. */
export const createOrganisation = (body: ApiRequest<'/organisations'>): Call<ApiAnswer<'/organisations', 'post'>> => ({ path: '/organisations', body });
