import type { ApiAnswer } from '../../../api/types.ts';
import { request, type Problem } from '../../../lib/api.ts';
import { download } from '../../../lib/download.ts';

export type Certificate = ApiAnswer<'/donor/certificate'>;
/** The donor's certificate of a period, as figures. */
export const getCertificate = (from: string, to: string) => request<Certificate | Problem>('GET', `/donor/certificate?from=${from}&to=${to}`);
/** The same certificate as its printable page, saved as a file (a link cannot carry the donor's token). */
export const downloadCertificate = (from: string, to: string) => download(`/donor/certificate?from=${from}&to=${to}`, 'text/html', `todistus-${from}-${to}.html`);
