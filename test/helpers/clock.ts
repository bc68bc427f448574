import { localDate, localTimeOnDate } from '../../src/domain/dates.ts';

/**
 * The real clock, except while today's routes are planned: a plan of today starts from now,
 * so a test that plans today (the browser's today is the real one) plans it as at 05:00 that
 * morning, and its wide windows (06–20) are on the routes whatever the time of day it runs.
 */
export function morningPlanningClock() {
  let frozen: Date | null = null;
  return {
    now: () => frozen ?? new Date(),
    async atMorning<T>(plan: () => Promise<T>): Promise<T> {
      frozen = localTimeOnDate(localDate(new Date()), '05:00');
      try {
        return await plan();
      } finally {
        frozen = null;
      }
    },
  };
}
