import type { ApiItem } from '../../api/types.ts';

/** A shift as the API lists it; a coordinator's list has who signed up and each one's attendance with the records it corrected. */
export type StaffShift = ApiItem<'/shifts'>;

/** A person as `GET /users` gives them. */
export type RosterUser = ApiItem<'/users'>;

/** One attendance record: present (with minutes) or a no-show. */
export type AttendanceRecord = NonNullable<StaffShift['attendance']>[number]['history'][number];

export { fieldErrors } from '../../lib/problems.ts';

/** Minutes Helsinki is ahead of UTC at an instant. */
function helsinkiOffsetMin(at: number) {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Helsinki', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    .formatToParts(new Date(at));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return (Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute')) - Math.floor(at / 60_000) * 60_000) / 60_000;
}

/** A Helsinki wall-clock time (`2026-12-02`, `08:00`) → an ISO instant; undefined when either is missing. */
export function helsinkiInstant(date: string, time: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return undefined;
  const wall = Date.parse(`${date}T${time}:00Z`);
  let at = wall - helsinkiOffsetMin(wall) * 60_000;
  at = wall - helsinkiOffsetMin(at) * 60_000;
  return new Date(at).toISOString();
}

/** A Helsinki date `days` after `date` (the domain's). */
export { addDays } from '../../../../src/domain/dates.ts';
