import { and, asc, eq, exists, gte, inArray, isNotNull, isNull, lt, notExists, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import {
  bagContents, bags, lots, packingRunLots, packingRuns, recallAcknowledgements, recallBags, recallLots, recallPoints, recalls, reservations, sites, users,
} from '../../db/schema/index.ts';

export type RecallRow = typeof recalls.$inferSelect;

/** A site's kind, by id (undefined: no such site). */
export async function siteKind(ex: Executor, id: string) {
  const [row] = await ex.select({ kind: sites.kind }).from(sites).where(eq(sites.id, id));
  return row?.kind;
}

/**
 * Lots of a donor and/or a batch (trimmed, any case), only those with a product name when
 * `withProduct`, received in [receivedFrom, receivedTo), oldest first.
 */
export const lotsMatching = (ex: Executor, f: { donorId?: string; batch?: string; withProduct: boolean; receivedFrom?: Date; receivedTo?: Date }) =>
  ex.select().from(lots).where(and(
    f.donorId ? eq(lots.donorId, f.donorId) : undefined,
    f.batch ? sql`lower(trim(${lots.batch})) = lower(${f.batch})` : undefined,
    f.withProduct ? isNotNull(lots.product) : undefined,
    f.receivedFrom ? gte(lots.receivedAt, f.receivedFrom) : undefined,
    f.receivedTo ? lt(lots.receivedAt, f.receivedTo) : undefined,
  )).orderBy(asc(lots.receivedAt), asc(lots.id));

/** Whether a lot exists. */
export const lotExists = async (ex: Executor, id: string) => (await ex.select({ id: lots.id }).from(lots).where(eq(lots.id, id))).length > 0;

/** The packing runs that took from these lots, one row per run and lot, oldest run first. */
export const runsOfLots = (ex: Executor, lotIds: string[]) =>
  ex.select({
    packingRunId: packingRunLots.packingRunId, lotId: packingRunLots.lotId, grams: packingRunLots.grams,
    depotId: packingRuns.depotId, bagType: packingRuns.bagType, bagCount: packingRuns.bagCount, packedAt: packingRuns.packedAt,
  })
    .from(packingRunLots).innerJoin(packingRuns, eq(packingRuns.id, packingRunLots.packingRunId))
    .where(inArray(packingRunLots.lotId, lotIds))
    .orderBy(asc(packingRuns.packedAt), asc(packingRuns.id));

/** A bag's recorded contents, narrowed by `lotFilter`: for `exists`/`notExists` in a query over bags. */
const contentsOf = (ex: Executor, lotFilter?: SQL) => ex.select({ one: sql`1` }).from(bagContents).where(and(eq(bagContents.bagId, bags.id), lotFilter));

/** The ids of the runs that took from these lots, as a subquery. */
const runIdsOfLots = (ex: Executor, lotIds: string[]) => ex.select({ id: packingRunLots.packingRunId }).from(packingRunLots).where(inArray(packingRunLots.lotId, lotIds));

/**
 * The bags whose recorded contents hold one of these lots, or, with no recorded contents (packed
 * before bags recorded them), that one of these runs packed (`runs`: run ids, or a subquery of them).
 */
const bagsReaching = (ex: Executor, lotIds: string[], runs: string[] | ReturnType<typeof runIdsOfLots>) =>
  or(exists(contentsOf(ex, inArray(bagContents.lotId, lotIds))), and(inArray(bags.packingRunId, runs), notExists(contentsOf(ex))));

/** The bags holding these lots (a bag without recorded contents: by its run, one of `runIds`), with their reservation, by packing time. */
export const bagsOfLotsWithReservation = (ex: Executor, lotIds: string[], runIds: string[]) =>
  ex.select({ bag: bags, reservation: reservations })
    .from(bags).leftJoin(reservations, eq(reservations.id, bags.reservationId))
    .where(bagsReaching(ex, lotIds, runIds))
    .orderBy(asc(bags.packedAt), asc(bags.id));

/** Which of these lots each of these bags holds, by recorded contents. */
export const contentsOfBagsFromLots = (ex: Executor, bagIds: string[], lotIds: string[]) =>
  ex.select({ bagId: bagContents.bagId, lotId: bagContents.lotId }).from(bagContents)
    .where(and(inArray(bagContents.bagId, bagIds), inArray(bagContents.lotId, lotIds)))
    .orderBy(asc(bagContents.lotId));

/** These sites, by name. */
export const sitesByName = (ex: Executor, ids: string[]) => ex.select().from(sites).where(inArray(sites.id, ids)).orderBy(asc(sites.name));

/** Records a recall; returns its row. */
export async function insertRecall(ex: Executor, values: typeof recalls.$inferInsert): Promise<RecallRow> {
  const [row] = await ex.insert(recalls).values(values).returning();
  return row;
}

/** Records the lots a recall matched. */
export async function insertRecallLots(ex: Executor, recallId: string, lotIds: string[]) {
  await ex.insert(recallLots).values(lotIds.map((lotId) => ({ recallId, lotId })));
}

/** These lots, locked for the rest of the transaction in id order. */
export const lockLotsInIdOrder = (ex: Executor, lotIds: string[]) =>
  ex.select().from(lots).where(inArray(lots.id, lotIds)).orderBy(asc(lots.id)).for('update');

/** Marks with this recall those of these lots no recall took yet (the first recall keeps them). */
export async function markLotsRecalled(ex: Executor, lotIds: string[], recallId: string) {
  await ex.update(lots).set({ recallId }).where(and(inArray(lots.id, lotIds), isNull(lots.recallId)));
}

/** Sets these lots' cached stock to nothing (their ledger entries are the caller's). */
export async function emptyLots(ex: Executor, lotIds: string[]) {
  await ex.update(lots).set({ stockG: 0 }).where(inArray(lots.id, lotIds));
}

/**
 * The bags holding these lots (a bag without recorded contents: by a run that took from them),
 * with their reservation's point and date, locked (the bags only) in id order.
 */
export const lockBagsOfLots = (ex: Executor, lotIds: string[]) =>
  ex.select({ bag: bags, pointId: reservations.pointId, date: reservations.date }).from(bags)
    .leftJoin(reservations, eq(reservations.id, bags.reservationId))
    .where(bagsReaching(ex, lotIds, runIdsOfLots(ex, lotIds)))
    .orderBy(asc(bags.id)).for('update', { of: bags });

/** Records the bags a recall reached, each with its status before. */
export async function insertRecallBags(ex: Executor, rows: (typeof recallBags.$inferInsert)[]) {
  await ex.insert(recallBags).values(rows);
}

/** Moves these bags to `recalled`. */
export async function markBagsRecalled(ex: Executor, bagIds: string[], at: Date) {
  await ex.update(bags).set({ status: 'recalled', statusAt: at }).where(inArray(bags.id, bagIds));
}

/** The names of these sites, by id. */
export const siteNames = async (ex: Executor, ids: string[]) =>
  new Map((await ex.select({ id: sites.id, name: sites.name }).from(sites).where(inArray(sites.id, ids))).map((s) => [s.id, s.name]));

/** Records the points a recall must hear from. */
export async function insertRecallPoints(ex: Executor, recallId: string, pointIds: string[]) {
  await ex.insert(recallPoints).values(pointIds.map((pointId) => ({ recallId, pointId })));
}

/** A recall by id. */
export async function findRecall(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}): Promise<RecallRow | undefined> {
  const q = ex.select().from(recalls).where(eq(recalls.id, id));
  return (await (opts.forUpdate ? q.for('update') : q))[0];
}

/** The points a recall must hear from, with their names, by name. */
export const pointsOfRecall = (ex: Executor, recallId: string) =>
  ex.select({ pointId: recallPoints.pointId, name: sites.name }).from(recallPoints)
    .innerJoin(sites, eq(sites.id, recallPoints.pointId)).where(eq(recallPoints.recallId, recallId)).orderBy(asc(sites.name));

/** The lots a recall took, oldest first, each with the grams its `recall` discards took off. */
export const lotsOfRecall = (ex: Executor, recallId: string) =>
  ex.select({ lot: lots, kg: sql<number>`(select coalesce(-sum(e.grams), 0) from ledger_entries e
      where e.lot_id = ${lots.id} and e.kind = 'discard' and e.reason = 'recall')`.mapWith(Number) })
    .from(recallLots).innerJoin(lots, eq(lots.id, recallLots.lotId)).where(eq(recallLots.recallId, recallId)).orderBy(asc(lots.receivedAt), asc(lots.id));

/** The bags a recall reached, by id, with their point's name and delivery date. */
export const bagsOfRecall = (ex: Executor, recallId: string) =>
  ex.select({ rb: recallBags, pointName: sites.name, date: reservations.date }).from(recallBags)
    .leftJoin(sites, eq(sites.id, recallBags.pointId)).leftJoin(reservations, eq(reservations.id, recallBags.reservationId))
    .where(eq(recallBags.recallId, recallId)).orderBy(asc(recallBags.bagId));

/** A recall's acknowledgements, with who wrote each. */
export const acknowledgementsOfRecall = (ex: Executor, recallId: string) =>
  ex.select({ ack: recallAcknowledgements, by: users.name }).from(recallAcknowledgements)
    .leftJoin(users, eq(users.id, recallAcknowledgements.createdBy)).where(eq(recallAcknowledgements.recallId, recallId));

/** The ids of the latest 100 recalls that reached a point, newest first. */
export const recallIdsOfPoint = (ex: Executor, pointId: string) =>
  ex.select({ id: recalls.id }).from(recalls).innerJoin(recallPoints, eq(recallPoints.recallId, recalls.id))
    .where(eq(recallPoints.pointId, pointId)).orderBy(sql`${recalls.at} desc`, asc(recalls.id)).limit(100);

/** The ids of the latest 100 recalls, newest first. */
export const latestRecallIds = (ex: Executor) => ex.select({ id: recalls.id }).from(recalls).orderBy(sql`${recalls.at} desc`, asc(recalls.id)).limit(100);

/** Whether a recall must hear from this point. */
export async function recallReachedPoint(ex: Executor, recallId: string, pointId: string) {
  const [row] = await ex.select().from(recallPoints).where(and(eq(recallPoints.recallId, recallId), eq(recallPoints.pointId, pointId)));
  return row !== undefined;
}

/** Whether this point has acknowledged a recall. */
export async function acknowledgedBy(ex: Executor, recallId: string, pointId: string) {
  const [row] = await ex.select().from(recallAcknowledgements).where(and(eq(recallAcknowledgements.recallId, recallId), eq(recallAcknowledgements.pointId, pointId)));
  return row !== undefined;
}

/** Records a point's acknowledgement of a recall. */
export async function insertAcknowledgement(ex: Executor, values: typeof recallAcknowledgements.$inferInsert) {
  await ex.insert(recallAcknowledgements).values(values);
}
