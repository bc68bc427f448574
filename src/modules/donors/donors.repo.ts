import { and, asc, desc, eq, gt, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import {
  auditEntries, donorLinks, donorMessages, donorSessions, idempotencyKeys, offerOutcomes, offers, pickupSchedules, pickupSkips, routePlans, routeStops, routes, sites,
  type DonorLinkRow, type OfferOutcomeRow, type OfferRow, type PickupSkipRow,
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

/** Records a donor's contact link; returns its row. */
export async function insertDonorLink(db: Executor, values: typeof donorLinks.$inferInsert): Promise<DonorLinkRow> {
  const [row] = await db.insert(donorLinks).values(values).returning();
  return row;
}

/** A donor's links, oldest first. */
export const linksOfSite = (db: Executor, siteId: string) =>
  db.select().from(donorLinks).where(eq(donorLinks.siteId, siteId)).orderBy(asc(donorLinks.createdAt), asc(donorLinks.id));

/** A link of this donor (undefined: none, or another donor's), locked for the rest of the transaction when asked. */
export async function findLinkOfSite(db: Executor, siteId: string, linkId: string, opts: { forUpdate?: boolean } = {}): Promise<DonorLinkRow | undefined> {
  const q = db.select().from(donorLinks).where(and(eq(donorLinks.id, linkId), eq(donorLinks.siteId, siteId)));
  const [link] = opts.forUpdate ? await q.for('update') : await q;
  return link;
}

/** Changes a link's row; returns it as it is now. */
export async function updateDonorLink(db: Executor, linkId: string, set: Partial<typeof donorLinks.$inferInsert>): Promise<DonorLinkRow> {
  const [row] = await db.update(donorLinks).set(set).where(eq(donorLinks.id, linkId)).returning();
  return row;
}

/** The live link (not revoked, of an active donor) whose token has this hash. */
export async function liveLinkByTokenHash(db: Executor, tokenHash: string) {
  const [link] = await db.select({ id: donorLinks.id, siteId: donorLinks.siteId }).from(donorLinks)
    .innerJoin(sites, eq(sites.id, donorLinks.siteId))
    .where(and(eq(donorLinks.tokenHash, tokenHash), isNull(donorLinks.revokedAt), eq(sites.kind, 'donor'), eq(sites.active, true)));
  return link;
}

/** Records a donor session (its token only as a hash). */
export async function insertDonorSession(db: Executor, values: typeof donorSessions.$inferInsert) {
  await db.insert(donorSessions).values(values);
}

/** A live session's link (for the donor's own details). */
export async function findLink(db: Executor, linkId: string) {
  const [row] = await db.select().from(donorLinks).where(eq(donorLinks.id, linkId));
  return row;
}

/** Sessions still live for a link (tests and the page's "signed in" state). */
export const liveSessions = (db: Executor, linkId: string, now: Date) =>
  db.select({ id: donorSessions.id }).from(donorSessions).where(and(eq(donorSessions.linkId, linkId), gt(donorSessions.expiresAt, now)));

/** The sessions a link opened, newest first. */
export const sessionsOfLink = (db: Executor, linkId: string) =>
  db.select({ createdAt: donorSessions.createdAt, expiresAt: donorSessions.expiresAt }).from(donorSessions)
    .where(eq(donorSessions.linkId, linkId)).orderBy(desc(donorSessions.createdAt));

/** The messages sent (or to be sent) to a link, newest first. */
export const messagesOfLink = (db: Executor, linkId: string) =>
  db.select().from(donorMessages).where(eq(donorMessages.linkId, linkId)).orderBy(desc(donorMessages.createdAt));

/** The offers made through a link, newest first, with their outcome and the donor's name. */
export const offersOfLink = (db: Executor, linkId: string): Promise<OfferWithOutcome[]> =>
  db.select({ offer: offers, outcome: offerOutcomes, donorName: sites.name }).from(offers)
    .leftJoin(offerOutcomes, eq(offerOutcomes.offerId, offers.id)).innerJoin(sites, eq(sites.id, offers.donorId))
    .where(eq(offers.linkId, linkId)).orderBy(desc(offers.createdAt), desc(offers.id));

/** The skips made through a link, newest first. */
export const skipsOfLink = (db: Executor, linkId: string) =>
  db.select().from(pickupSkips).where(eq(pickupSkips.linkId, linkId)).orderBy(desc(pickupSkips.createdAt));

/** What the audit trail records of a link, newest first. */
export const auditOfLink = (db: Executor, linkId: string) =>
  db.select({ at: auditEntries.at, actorId: auditEntries.actorId, action: auditEntries.action, changed: auditEntries.changed })
    .from(auditEntries).where(and(eq(auditEntries.entity, 'donor_link'), eq(auditEntries.entityId, linkId))).orderBy(desc(auditEntries.at));

/** Empties the errors kept of a link's messages (they may repeat its address). */
export async function clearMessageErrors(db: Executor, linkId: string) {
  await db.update(donorMessages).set({ lastError: null }).where(eq(donorMessages.linkId, linkId));
}

/** Marks a link's messages not yet sent as having no channel, so they never go. */
export async function stopPendingMessages(db: Executor, linkId: string) {
  await db.update(donorMessages).set({ status: 'no_channel' }).where(and(eq(donorMessages.linkId, linkId), eq(donorMessages.status, 'pending')));
}

/** Empties the stored answers (idempotency keys) about this link: they repeat its contact. */
export async function purgeStoredAnswersOfLink(db: Executor, linkId: string, now: Date) {
  await db.update(idempotencyKeys).set({ responseBody: null, answerPurgedAt: now })
    .where(and(sql`${idempotencyKeys.responseBody}->>'id' = ${linkId}`, isNull(idempotencyKeys.answerPurgedAt)));
}

/** Every donor's id and name, by name. */
export const donorsByName = (db: Executor) =>
  db.select({ id: sites.id, name: sites.name }).from(sites).where(eq(sites.kind, 'donor')).orderBy(asc(sites.name), asc(sites.id));

/** The pickup schedules of these donors. */
export const schedulesOfDonors = (db: Executor, donorIds: string[]) => db.select().from(pickupSchedules).where(inArray(pickupSchedules.donorId, donorIds));

/** Records a skip unless a live one of the same pickup is there (a unique index); returns it, or undefined when it was there. */
export async function insertSkipIfNew(db: Executor, values: typeof pickupSkips.$inferInsert): Promise<PickupSkipRow | undefined> {
  const [skip] = await db.insert(pickupSkips).values(values).onConflictDoNothing().returning();
  return skip;
}

/** A skip of this donor, locked for the rest of the transaction (undefined: none, or another donor's). */
export async function lockSkipOfDonor(db: Executor, skipId: string, donorId: string): Promise<PickupSkipRow | undefined> {
  const [skip] = await db.select().from(pickupSkips).where(and(eq(pickupSkips.id, skipId), eq(pickupSkips.donorId, donorId))).for('update');
  return skip;
}

/** Marks a skip cancelled; returns it as it is now. */
export async function cancelSkipRow(db: Executor, skipId: string, now: Date): Promise<PickupSkipRow> {
  const [row] = await db.update(pickupSkips).set({ cancelledAt: now }).where(eq(pickupSkips.id, skipId)).returning();
  return row;
}

/** Records an offer; returns its row. */
export async function insertOffer(db: Executor, values: typeof offers.$inferInsert): Promise<OfferRow> {
  const [row] = await db.insert(offers).values(values).returning();
  return row;
}

/** Records an offer's outcome (accepted or declined); returns its row. */
export async function insertOutcome(db: Executor, values: typeof offerOutcomes.$inferInsert): Promise<OfferOutcomeRow> {
  const [row] = await db.insert(offerOutcomes).values(values).returning();
  return row;
}

/** Records a message to a donor's link; returns its row. */
export async function insertDonorMessage(db: Executor, values: typeof donorMessages.$inferInsert) {
  const [row] = await db.insert(donorMessages).values(values).returning();
  return row;
}

/** A message with the link it goes to. */
export async function messageWithLink(db: Executor, id: string) {
  const [found] = await db.select({ m: donorMessages, link: donorLinks }).from(donorMessages)
    .innerJoin(donorLinks, eq(donorLinks.id, donorMessages.linkId)).where(eq(donorMessages.id, id));
  return found;
}

/** Changes a message's row (its status, attempts, error). */
export async function updateDonorMessage(db: Executor, id: string, set: Partial<typeof donorMessages.$inferInsert>) {
  await db.update(donorMessages).set(set).where(eq(donorMessages.id, id));
}
