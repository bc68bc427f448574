import type { ApiAnswer } from '../../../api/types.ts';
import { cachedGet } from '../../../lib/api.ts';

/** `GET /stock`: the depot's kilos by category and unit, and the lots close to their date. */
export type Stock = ApiAnswer<'/stock'>;

/** `GET /stock`, kept on the device. */
export const getStock = () => cachedGet<Stock>('/stock');
