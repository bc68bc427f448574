import { addDays, localDate, planningCutoff } from '../../../../src/domain/dates.ts';
// The server's own rules: which days are the point's, and until when a day may still be reserved.
import { checkChangeWindow, isDistributionDay } from '../../../../src/domain/reservations.ts';
import { getDistributionDays } from './api/get-distribution-days.ts';

/**
 * The point's next distribution days (two weeks ahead) with each one's cut-off: 18:00 in
 * Helsinki on the evening before, when the night's route plan is made. Days whose cut-off has
 * passed are left out: the server would refuse them.
 */
export async function nextDistributionDays(now = new Date()) {
  const days = await getDistributionDays();
  const weekdays = days.items.map((x) => x.weekday);
  const today = localDate(now);
  const out: { date: string; cutoff: Date }[] = [];
  for (let i = 0; i <= 14; i += 1) {
    const date = addDays(today, i);
    if (isDistributionDay(date, weekdays) && checkChangeWindow({ date, now, coordinator: false }).ok) out.push({ date, cutoff: planningCutoff(date) });
  }
  return out;
}
