import { getAll, type Problem } from '../../../lib/api.ts';
import type { StaffShift } from '../staff.ts';

/** `GET /shifts?from=&to=` (only those short of people when `shortOnly`), every page; throws the server's `detail` when it refuses. */
export async function getShifts(from: string, to: string, shortOnly: boolean): Promise<StaffShift[]> {
  const res = await getAll<StaffShift>(`/shifts?from=${from}&to=${to}${shortOnly ? '&short=true' : ''}`);
  if (res.status !== 200) throw new Error((res.body as Problem).detail);
  return (res.body as { items: StaffShift[] }).items;
}
