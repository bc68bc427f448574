import { session } from '../../../lib/session.ts';

/** The printable route sheet (`sheetUrl`) as HTML: it needs the sign-in token, so it is fetched, not linked. */
export const getRouteSheet = async (sheetUrl: string) =>
  (await fetch(sheetUrl, { headers: { authorization: `Bearer ${session.value?.token ?? ''}` } })).text();
