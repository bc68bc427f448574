import type { ApiAnswer, ApiRequest } from '../../../api/types.ts';
import type { Call } from '../../../lib/write.ts';

/** The body of `POST /intakes`: the donor, a line per crate weighed, and the refused kilos. */
export type NewIntake = ApiRequest<'/intakes'>;

/** `POST /intakes`: a delivery weighed in (lots on the shelf, refusals recorded). */
export const createIntake = (body: NewIntake): Call<ApiAnswer<'/intakes', 'post'>> => ({ path: '/intakes', body });
