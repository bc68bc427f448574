/** Whether the client asked for CSV (`Accept: text/csv`) rather than the JSON default. */
export const wantsCsv = (accept: string | undefined) => /\btext\/csv\b/i.test(accept ?? '');
