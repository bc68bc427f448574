import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `PATCH /sites/:id`: a site edited (null clears a field). */
export const updateSite = (id: string, body: ApiRequest<'/sites/{id}', 'patch'>): Call<ApiAnswer<'/sites/{id}', 'patch'>> =>
  ({ method: 'PATCH', path: `/sites/${id}`, body });
