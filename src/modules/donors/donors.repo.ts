import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import {
  donorLinks, offerOutcomes, offers, pickupSchedules, pickupSkips, routePlans, routeStops, routes, sites,
  type OfferOutcomeRow, type OfferRow,
} from '../../db/schema/index.ts';

export const schedulesOfDonor = (db: Executor, donorId: string) =>
  db.select().from(pickupSchedules).where(eq(pickupSchedules.donorId, donorId)).orderBy(asc(pickupSchedules.createdAt), asc(pickupSchedules.id));

/** Live (not undone) skips of a donor in a window of days. */
export const liveSkips = (db: Executor, donorId: string, from: string, to: string) =>
  db.select().from(pickupSkips).where(and(eq(pickupSkips.donorId, donorId), gte(pickupSkips.date, from), lte(pickupSkips.date, to), isNull(pickupSkips.cancelledAt)));

export async function findLiveSkip(db: Executor, scheduleId: string, date: string) {
  const [row] = await db.select().from(pickupSkips).where(and(eq(pickupSkips.scheduleId, scheduleId), eq(pickupSkips.date, date), isNull(pickupSkips.cancelledAt)));
  return row;
}

/** The skipped pickups of a day among these schedules: their planner task ids (`pickup-<scheduleId>`). */
export async function skippedTaskIds(db: Executor, scheduleIds: string[], date: string): Promise<Set<string>> {
  if (scheduleIds.length === 0) return new Set();
  const rows = await db.select({ scheduleId: pickupSkips.scheduleId }).from(pickupSkips)
    .where(and(inArray(pickupSkips.scheduleId, scheduleIds), eq(pickupSkips.date, date), isNull(pickupSkips.cancelledAt)));
  return new Set(rows.map((r) => `pickup-${r.scheduleId}`));
}

/**
 * What the drivers recorded at a donor's stops on published plans, by day and task: the newest
 * version's done stop of each (a same-day version carries the outcome over).
 */
export async function collectedAtDonor(db: Executor, donorIds: string[], from: string, to: string) {
  if (donorIds.length === 0) return new Map<string, number>();
  const rows = await db.select({ date: routePlans.date, taskId: routeStops.taskId, version: routePlans.version, g: routeStops.gCollected, depotId: routePlans.depotId })
    .from(routeStops).innerJoin(routes, eq(routes.id, routeStops.routeId)).innerJoin(routePlans, eq(routePlans.id, routes.planId))
    .where(and(
      inArray(routeStops.siteId, donorIds), eq(routeStops.kind, 'pickup'), eq(routeStops.status, 'done'), eq(routePlans.status, 'published'),
      gte(routePlans.date, from), lte(routePlans.date, to),
    ));
  const best = new Map<string, { version: number; g: number }>();
  for (const r of rows) {
    const key = `${r.date}/${r.taskId}`;
    if ((best.get(key)?.version ?? -1) < r.version) best.set(key, { version: r.version, g: r.g ?? 0 });
  }
  return new Map([...best].map(([k, v]) => [k, v.g]));
}

export type OfferWithOutcome = { offer: OfferRow; outcome: OfferOutcomeRow | null; donorName: string };

/** Offers newest first. */
export const OFFER_ORDER = sortKey<OfferWithOutcome>(
  [{ column: toMs(offers.createdAt), part: 'instant', desc: true }, { column: offers.id, part: 'uuid', desc: true }],
  (r) => [r.offer.createdAt, r.offer.id],
);

export async function listOffers(db: Executor, f: PageWindow & { status?: 'open' | 'accepted' | 'declined'; donorId?: string; from?: Date; to?: Date }): Promise<OfferWithOutcome[]> {
  const status = f.status === 'open' ? isNull(offerOutcomes.id) : f.status ? eq(offerOutcomes.kind, f.status) : undefined;
  const rows = await db.select({ offer: offers, outcome: offerOutcomes, donorName: sites.name }).from(offers)
    .leftJoin(offerOutcomes, eq(offerOutcomes.offerId, offers.id))
    .innerJoin(sites, eq(sites.id, offers.donorId))
    .where(and(status, f.donorId ? eq(offers.donorId, f.donorId) : undefined, pastKey(OFFER_ORDER, f.after)))
    .orderBy(...orderOf(OFFER_ORDER)).limit(f.limit);
  return rows;
}

export async function findOffer(db: Executor, id: string, opts: { lock?: boolean } = {}): Promise<OfferWithOutcome | undefined> {
  if (opts.lock) await db.select({ id: offers.id }).from(offers).where(eq(offers.id, id)).for('update');
  const [row] = await db.select({ offer: offers, outcome: offerOutcomes, donorName: sites.name }).from(offers)
    .leftJoin(offerOutcomes, eq(offerOutcomes.offerId, offers.id))
    .innerJoin(sites, eq(sites.id, offers.donorId))
    .where(eq(offers.id, id));
  return row;
}

/** Accepted offers collected on a day by a depot: the planner's one-off pickups. */
export const acceptedOffersOn = (db: Executor, depotId: string, date: string) =>
  db.select({ offer: offers, outcome: offerOutcomes }).from(offerOutcomes)
    .innerJoin(offers, eq(offers.id, offerOutcomes.offerId))
    .where(and(eq(offerOutcomes.kind, 'accepted'), eq(offerOutcomes.depotId, depotId), eq(offerOutcomes.date, date)))
    .orderBy(asc(offers.id));

/** A donor's links that can take a message (live, with a phone or an email). */
export const messageableLinks = (db: Executor, donorId: string) =>
  db.select().from(donorLinks)
    .where(and(eq(donorLinks.siteId, donorId), isNull(donorLinks.revokedAt), sql`(${donorLinks.phone} is not null or ${donorLinks.email} is not null)`))
    .orderBy(asc(donorLinks.createdAt));

/** Offers and outcomes created in an instant window (the donor report), with the donor's name. */
export const offersBetween = (db: Executor, from: Date, to: Date) =>
  db.select({ offer: offers, outcome: offerOutcomes, donorName: sites.name }).from(offers)
    .leftJoin(offerOutcomes, eq(offerOutcomes.offerId, offers.id))
    .innerJoin(sites, eq(sites.id, offers.donorId))
    .where(and(gte(offers.createdAt, from), sql`${offers.createdAt} < ${to.toISOString()}::timestamptz`));

/** Every live skip of a day window, with its donor (the donor report). */
export const skipsBetween = (db: Executor, from: string, to: string) =>
  db.select().from(pickupSkips).where(and(gte(pickupSkips.date, from), lte(pickupSkips.date, to), isNull(pickupSkips.cancelledAt)));
