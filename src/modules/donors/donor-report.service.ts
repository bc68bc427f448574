import type { Executor } from '../../db/client.ts';
import { addDays, localTimeOnDate } from '../../domain/dates.ts';
import { pickupDays } from '../../domain/donors.ts';
import { gramsToKg } from '../../domain/weight.ts';
import { collectedAtDonor, donorsByName, offersBetween, schedulesOfDonors, skipsBetween } from './donors.repo.ts';

interface Row {
  donorId: string; donorName: string; offers: number; gOffered: number; gAccepted: number; gCollected: number; gDeclined: number; gOpen: number;
  gDeclinedByReason: Record<string, number>; scheduledPickups: number; skips: number;
}

/**
 * The coordinator's view of what donors said in `from`..`to` (local days): offers made in it
 * (kilos offered, accepted, collected at the one-off pickup, declined by reason, still open) and
 * the scheduled pickups of the period with how many of them the donor skipped — a shop that
 * often has nothing has a schedule worth changing. Sums in grams, answered in kilograms.
 */
export async function donorReport(db: Executor, from: string, to: string) {
  const start = localTimeOnDate(from, '00:00');
  const end = localTimeOnDate(addDays(to, 1), '00:00');
  const offerRows = await offersBetween(db, start, end);
  const skips = await skipsBetween(db, from, to);
  const donors = await donorsByName(db);
  const schedules = donors.length === 0 ? [] : await schedulesOfDonors(db, donors.map((d) => d.id));
  const accepted = offerRows.filter((o) => o.outcome?.kind === 'accepted');
  const dates = accepted.map((o) => o.outcome!.date!).sort();
  const collected = dates.length === 0 ? new Map<string, number>()
    : await collectedAtDonor(db, [...new Set(accepted.map((o) => o.offer.donorId))], dates[0], dates[dates.length - 1]);
  const rows = new Map<string, Row>(donors.map((d) => [d.id, {
    donorId: d.id, donorName: d.name, offers: 0, gOffered: 0, gAccepted: 0, gCollected: 0, gDeclined: 0, gOpen: 0, gDeclinedByReason: {}, scheduledPickups: 0, skips: 0,
  }]));
  for (const { offer, outcome } of offerRows) {
    const r = rows.get(offer.donorId)!;
    r.offers += 1;
    r.gOffered += offer.grams;
    if (!outcome) r.gOpen += offer.grams;
    else if (outcome.kind === 'accepted') {
      r.gAccepted += offer.grams;
      r.gCollected += collected.get(`${outcome.date}/offer-${offer.id}`) ?? 0;
    } else {
      r.gDeclined += offer.grams;
      r.gDeclinedByReason[outcome.reason!] = (r.gDeclinedByReason[outcome.reason!] ?? 0) + offer.grams;
    }
  }
  for (const d of donors) rows.get(d.id)!.scheduledPickups = pickupDays(schedules.filter((s) => s.donorId === d.id), from, to).length;
  for (const s of skips) {
    const r = rows.get(s.donorId);
    if (r) r.skips += 1;
  }
  return {
    from, to,
    items: [...rows.values()].filter((r) => r.offers > 0 || r.scheduledPickups > 0 || r.skips > 0).map((r) => ({
      donorId: r.donorId, donorName: r.donorName, offers: r.offers, kgOffered: gramsToKg(r.gOffered), kgAccepted: gramsToKg(r.gAccepted),
      kgCollected: gramsToKg(r.gCollected), kgDeclined: gramsToKg(r.gDeclined), kgOpen: gramsToKg(r.gOpen),
      kgDeclinedByReason: Object.fromEntries(Object.entries(r.gDeclinedByReason).map(([k, g]) => [k, gramsToKg(g)])),
      scheduledPickups: r.scheduledPickups, skips: r.skips,
    })),
  };
}
