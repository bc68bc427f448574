import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** `PATCH /organisations/:id`: an organisation edited (null clears a field). */
export const updateOrganisation = (id: string, body: ApiRequest<'/organisations/{id}', 'patch'>): Call<ApiAnswer<'/organisations/{id}', 'patch'>> =>
  ({ method: 'PATCH', path: `/organisations/${id}`, body });
