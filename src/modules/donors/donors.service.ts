import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import type { PickupSkipRow } from '../../db/schema/index.ts';
import { addDays, daysBetween, localDate, localTimeOnDate } from '../../domain/dates.ts';
import { collectsOn, DONOR_PICKUP_DAYS, DONOR_PICKUP_MAX_DAYS, pickupDays, skipCutoff, skipVerdict } from '../../domain/donors.ts';
import { servingDepot } from '../../domain/serving-depot.ts';
import { AppError, assertDateWindow, badRequest, conflict, notFound } from '../../errors.ts';
import type { Text } from '../../i18n/messages.ts';
import { fiDateTime } from '../../i18n/format.ts';
import { onPlannedDayChange, type SameDayOutcome } from '../route-plans/same-day.service.ts';
import { schedulesByIds } from '../route-plans/route-plans.repo.ts';
import { findSite, listDepotLocations } from '../sites/sites.repo.ts';
import { gramsToKg } from '../../domain/weight.ts';
import { cancelSkipRow, collectedAtDonor, findLiveSkip, insertSkipIfNew, liveSkips, lockSkipOfDonor, schedulesOfDonor } from './donors.repo.ts';
import type { donorPickupSchema, skipBody, skipSchema } from './donors.schemas.ts';

export interface DonorPolicy {
  skipCutoffMinutes: number;
  osrmUrl?: string;
}

/** The depot whose plans collect from a donor (its own, the only, or the nearest depot). */
export async function depotOfDonor(db: Executor, donorId: string): Promise<string> {
  const site = await findSite(db, donorId);
  if (!site || site.kind !== 'donor') throw notFound('donor');
  const served = servingDepot(site, await listDepotLocations(db));
  if (!served) throw notFound('depot');
  return served.depotId;
}

/**
 * A donor's pickups of `from`..`to` (default: today and the 13 days after): each with its window,
 * whether it is skipped, the cut-off until which it may be, and for a past one the kilos the driver
 * recorded.
 */
export async function donorPickups(db: Executor, donorId: string, q: { from?: string; to?: string }, policy: DonorPolicy, now: Date)
  : Promise<z.infer<typeof donorPickupSchema>[]> {
  const from = q.from ?? localDate(now);
  const to = q.to ?? addDays(from, DONOR_PICKUP_DAYS - 1);
  assertDateWindow(from, to);
  if (daysBetween(from, to) >= DONOR_PICKUP_MAX_DAYS) {
    const text: Text = (m) => m.check.betweenDates(from, addDays(from, DONOR_PICKUP_MAX_DAYS - 1));
    throw badRequest('range_too_long', text, { errors: [{ path: 'querystring.to', message: text }] });
  }
  const schedules = await schedulesOfDonor(db, donorId);
  const skips = new Map((await liveSkips(db, donorId, from, to)).map((s) => [`${s.date}/${s.scheduleId}`, s]));
  const collected = await collectedAtDonor(db, [donorId], from, to);
  return pickupDays(schedules, from, to).map(({ date, schedule: s }) => {
    const skip = skips.get(`${date}/${s.id}`);
    const cutoff = skipCutoff(localTimeOnDate(date, s.windowStart), policy.skipCutoffMinutes);
    const g = collected.get(`${date}/pickup-${s.id}`);
    return {
      date, scheduleId: s.id, windowStart: s.windowStart, windowEnd: s.windowEnd, skipped: Boolean(skip), skipId: skip?.id,
      cutoff: cutoff.toISOString(), canSkip: skipVerdict(now, { date, windowStart: s.windowStart }, policy.skipCutoffMinutes) === 'ok',
      kgCollected: g === undefined ? undefined : gramsToKg(g),
    };
  });
}

export const toSkipDto = (s: PickupSkipRow): z.infer<typeof skipSchema> => ({
  id: s.id, donorId: s.donorId, scheduleId: s.scheduleId, date: s.date, createdAt: s.createdAt.toISOString(), cancelledAt: s.cancelledAt?.toISOString(),
});

/** 409 with the cut-off when a pickup can no longer be skipped or restored. */
function assertSkippable(now: Date, date: string, windowStart: string, cutoffMinutes: number) {
  const verdict = skipVerdict(now, { date, windowStart }, cutoffMinutes);
  if (verdict === 'ok') return;
  const cutoff = skipCutoff(localTimeOnDate(date, windowStart), cutoffMinutes);
  const text = fiDateTime(cutoff);
  throw verdict === 'past'
    ? conflict('pickup_past', (m) => m.donor.skipPast(text), { cutoff: cutoff.toISOString() })
    : conflict('skip_after_cutoff', (m) => m.donor.skipAfterCutoff(text), { cutoff: cutoff.toISOString() });
}

/**
 * "Ei noudettavaa tällä kertaa": the donor's pickup of that day is not to be driven. Before the
 * cut-off only (409 with it after, or for a past pickup). Saying it again answers the same skip.
 * A skip of today's pickup takes the stop off today's published route at once.
 */
export async function skipPickup(tx: Executor, donorId: string, body: z.infer<typeof skipBody>, by: { linkId?: string; userId?: string }, policy: DonorPolicy, now: Date)
  : Promise<{ skip: PickupSkipRow; created: boolean; sameDay?: SameDayOutcome }> {
  const [schedule] = await schedulesByIds(tx, [body.scheduleId]);
  if (!schedule || schedule.donorId !== donorId) throw notFound('schedule');
  if (!collectsOn(schedule, body.date)) {
    const text: Text = (m) => m.donor.notAPickupDay(body.date);
    throw new AppError('not_a_pickup_day', 422, text, { errors: [{ path: 'body.date', message: text }] });
  }
  assertSkippable(now, body.date, schedule.windowStart, policy.skipCutoffMinutes);
  const existing = await findLiveSkip(tx, schedule.id, body.date);
  if (existing) return { skip: existing, created: false };
  const skip = await insertSkipIfNew(tx, {
    donorId, scheduleId: schedule.id, date: body.date, linkId: by.linkId ?? null, createdBy: by.userId ?? null, createdAt: now,
  });
  if (!skip) return { skip: (await findLiveSkip(tx, schedule.id, body.date))!, created: false };
  // Today's published route, or a later day's plan already made (a skip the evening before).
  const planned = await onPlannedDayChange(tx, {
    kind: 'pickup_skipped', skipId: skip.id, donorId, depotId: await depotOfDonor(tx, donorId), date: body.date, scheduleId: schedule.id, taskId: `pickup-${schedule.id}`,
  }, now, { osrmUrl: policy.osrmUrl });
  const sameDay = body.date === localDate(now) || planned.status !== 'no_plan' ? planned : undefined;
  return { skip, created: true, sameDay };
}

/** Undoes a skip, before the same cut-off; today's published route gets the pickup back if a van can take it. */
export async function cancelSkip(tx: Executor, donorId: string, skipId: string, policy: DonorPolicy, now: Date)
  : Promise<{ skip: PickupSkipRow; sameDay?: SameDayOutcome }> {
  const skip = await lockSkipOfDonor(tx, skipId, donorId);
  if (!skip) throw notFound('skip');
  if (skip.cancelledAt) return { skip };
  const [schedule] = await schedulesByIds(tx, [skip.scheduleId]);
  assertSkippable(now, skip.date, schedule.windowStart, policy.skipCutoffMinutes);
  const row = await cancelSkipRow(tx, skip.id, now);
  const planned = await onPlannedDayChange(tx, {
    kind: 'skip_cancelled', skipId: skip.id, donorId, depotId: await depotOfDonor(tx, donorId), date: skip.date, scheduleId: schedule.id, taskId: `pickup-${schedule.id}`,
  }, now, { osrmUrl: policy.osrmUrl });
  const sameDay = skip.date === localDate(now) || planned.status !== 'no_plan' ? planned : undefined;
  return { skip: row, sameDay };
}

