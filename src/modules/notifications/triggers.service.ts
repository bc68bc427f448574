import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Database, Executor } from '../../db/client.ts';
import { TIME_ZONE, addDays, localDate, localDayRange, planningCutoff, weekdayOf } from '../../domain/dates.ts';
import { cutoffReminderAt, isDue, shiftReminderAt } from '../../domain/notifications.ts';
import { SHIFT_ROLES, eligibilityProblem, shortBy } from '../../domain/shifts.ts';
import { notify } from './notifications.service.ts';
import {
  findAlert, onShiftAt, openAlertsSince, pointsWithoutReservation, shiftsStartingBetween, signedUpUsers, usersWithRoles,
} from './triggers.repo.ts';

const hhmm = (d: Date) => format(d, 'HH:mm', { in: tz(TIME_ZONE) });
/** How far back the alert sweep looks for open alerts nobody was told of. */
const ALERT_SWEEP_MS = 24 * 3600_000;

/**
 * Tells each driver of a just-published plan about their route: `route_changed` when they
 * also drove a route of the version it replaces, `route_published` otherwise. Keyed by the
 * route, so publishing the same version again tells nobody twice.
 */
export async function notifyRoutesPublished(
  tx: Executor, input: { date: string; routes: { id: string; driverId: string; start: Date; stops: number }[]; previousDriverIds: string[]; now: Date },
) {
  for (const r of input.routes) {
    const changed = input.previousDriverIds.includes(r.driverId);
    await notify(tx, [r.driverId], {
      kind: changed ? 'route_changed' : 'route_published', key: `route-published:${r.id}`,
      params: { date: input.date, start: hhmm(r.start), stops: r.stops }, data: { routeId: r.id },
    }, input.now);
  }
}

/**
 * Tells the coordinators and the warehouse volunteers on shift at the unit's depot about a
 * temperature alert (an excursion, a missed reading), at once, day or night.
 */
export async function notifyAlert(tx: Executor, alertId: string, now: Date) {
  const found = await findAlert(tx, alertId);
  if (!found || found.alert.closedAt) return 0;
  const { alert, unit, celsius } = found;
  const coordinators = await usersWithRoles(tx, ['coordinator']);
  const onShift = unit ? await onShiftAt(tx, unit.depotId, now) : [];
  const recipients = [...coordinators, ...onShift].map((u) => u.id);
  // A route's alert has no unit: it names its vehicle (`bags_unsettled`) or its stop (`ride_too_long`).
  const about = alert.detailParams as { vehicleName?: string; siteName?: string } | null;
  const unitName = unit?.name ?? about?.siteName ?? about?.vehicleName ?? '';
  const base = { key: `alert:${alert.id}`, urgent: true, data: { alertId: alert.id } };
  if (alert.kind === 'excursion' && celsius !== null) {
    return notify(tx, recipients, { ...base, kind: 'alert_excursion', params: { unitName, celsius, detail: alert.detail } }, now);
  }
  if (alert.kind === 'reading_missed' || alert.kind === 'missed_reading') {
    return notify(tx, recipients, { ...base, kind: 'alert_missed_reading', params: { unitName, detail: alert.detail } }, now);
  }
  return notify(tx, recipients, { ...base, kind: 'alert_other', params: { unitName, detail: alert.detail } }, now);
}

/**
 * The scheduled messages, checked every minute against the clock: the point leads whose point
 * has no reservation for tomorrow's distribution (from 15:00, before the 18:00 cut-off), the
 * volunteers of tomorrow's shifts and, for a shift still short of people, the volunteers who
 * could take it (both from 17:00 the day before), and any open alert nobody was told of yet
 * (missed readings are raised by the own-check schedule). Each message has its key, so
 * running this again, or late, sends nothing twice.
 */
export async function sendScheduledMessages(database: Database, now: Date) {
  return database.db.transaction(async (tx) => {
    const counts = { cutoff: 0, shiftTomorrow: 0, shiftShort: 0, alerts: 0 };
    const tomorrow = addDays(localDate(now), 1);

    if (isDue(now, cutoffReminderAt(tomorrow), planningCutoff(tomorrow))) {
      for (const point of await pointsWithoutReservation(tx, weekdayOf(tomorrow), tomorrow)) {
        const leads = await usersWithRoles(tx, ['point_lead'], point.id);
        counts.cutoff += await notify(tx, leads.map((u) => u.id), {
          kind: 'cutoff_reminder', key: `cutoff-reminder:${point.id}:${tomorrow}`,
          params: { pointName: point.name, date: tomorrow, cutoff: hhmm(planningCutoff(tomorrow)) }, data: { pointId: point.id, date: tomorrow },
        }, now);
      }
    }

    const day = localDayRange(tomorrow);
    // A published route's driving shift is announced by the route's own message.
    const due = (await shiftsStartingBetween(tx, day.start, day.end))
      .filter(({ shift }) => !shift.routeId && isDue(now, shiftReminderAt(shift.start), shift.start));
    const signups = await signedUpUsers(tx, due.map((d) => d.shift.id));
    for (const { shift, siteName } of due) {
      const people = signups.filter((s) => s.shiftId === shift.id).map((s) => s.userId);
      const params = { kind: shift.kind, siteName, date: tomorrow, start: hhmm(shift.start), end: hhmm(shift.end) };
      counts.shiftTomorrow += await notify(tx, people, { kind: 'shift_tomorrow', key: `shift-tomorrow:${shift.id}`, params, data: { shiftId: shift.id } }, now);
      const short = shortBy(shift.needed, people.length);
      if (short === 0) continue;
      const eligible = (await usersWithRoles(tx, [...SHIFT_ROLES[shift.kind]]))
        .filter((u) => !people.includes(u.id) && eligibilityProblem(shift, u) === null);
      counts.shiftShort += await notify(tx, eligible.map((u) => u.id), {
        kind: 'shift_short', key: `shift-short:${shift.id}`, params: { ...params, short }, data: { shiftId: shift.id },
      }, now);
    }

    for (const { id } of await openAlertsSince(tx, new Date(now.getTime() - ALERT_SWEEP_MS))) counts.alerts += await notifyAlert(tx, id, now);
    return counts;
  });
}
