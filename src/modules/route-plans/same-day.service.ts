import type { Executor } from '../../db/client.ts';
import type { TemperatureClass } from '../../domain/categories.ts';
import type { LocalDate } from '../../domain/dates.ts';

/**
 * What a donor or a coordinator changed about *today* (Helsinki) that today's published plan may
 * have to follow. The donor module calls {@link onSameDayChange} in the transaction that records
 * the change, only when the change's `date` is today; tomorrow and later days are planned from
 * the skips and accepted offers directly (route-plans.repo loadPlanningInput).
 *
 * Task ids are the planner's: a scheduled pickup is `pickup-<scheduleId>`, an accepted offer's
 * pickup is `offer-<offerId>` (see route-plans.tasks).
 */
export type SameDayChange =
  | {
    kind: 'offer_accepted';
    offerId: string;
    donorId: string;
    /** The depot that serves the donor: whose plan of `date` is concerned. */
    depotId: string;
    date: LocalDate;
    taskId: string;
    /** The pickup window the coordinator accepted (instants). */
    windowStart: Date;
    windowEnd: Date;
    /** The donor's estimate, in grams. */
    grams: number;
    temperatureClass: TemperatureClass;
    /** Chilled and frozen offers ride refrigerated or within the cold-ride limit. */
    requiresRefrigeration: boolean;
  }
  | {
    kind: 'pickup_skipped' | 'skip_cancelled';
    skipId: string;
    donorId: string;
    depotId: string;
    date: LocalDate;
    scheduleId: string;
    taskId: string;
  };

/**
 * Hook for same-day changes to a published plan (issue 20, item 4). Until that is built it does
 * nothing: today's published routes keep their stops, and the coordinator re-plans by hand.
 * It runs inside the caller's transaction, so it may read and write with `tx` and queue work
 * with `enqueueInTx(tx, …)`; it must not throw for a day without a published plan.
 */
export async function onSameDayChange(tx: Executor, change: SameDayChange, now: Date): Promise<void> {
  void tx; void change; void now;
}
