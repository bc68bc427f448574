import { and, asc, eq, gte, inArray, lte, ne, sql, sum } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { bagEvents, bags, distributionDays, reservationCaps, reservations } from '../../db/schema/index.ts';
import type { BagStatus } from '../../domain/reservations.ts';

export type ReservationRow = typeof reservations.$inferSelect;

/**
 * Serialises the cap check of one point and bag type: the sum of the point's reservations for
 * a day cannot grow between reading it and adding to it. Taken by every reservation of a
 * capped point, before anything else it locks.
 */
export async function lockCap(ex: Executor, pointId: string, bagType: string) {
  await ex.execute(sql`select pg_advisory_xact_lock(hashtext('kassi.reserve.cap'), hashtext(${`${pointId}/${bagType}`}))`);
}

/**
 * Serialises the waiting pick of one depot's bags of one bag type (see `holdBags`). Always
 * taken after `lockCap`, never the other way round, so the two cannot deadlock. Both are
 * transaction-scoped: released at commit or rollback.
 */
export async function lockStock(ex: Executor, depotId: string, bagType: string) {
  await ex.execute(sql`select pg_advisory_xact_lock(hashtext('kassi.reserve.stock'), hashtext(${`${depotId}/${bagType}`}))`);
}

/**
 * Moves up to `count` available bags to `reserved` for a reservation and writes their bag
 * events, in one statement; returns how many it took. Each bag row is locked before it is
 * changed and re-checked against `status = 'in_stock'` after the lock (PostgreSQL re-reads
 * the newest row version), so a bag can never go to two reservations. Two modes:
 *
 * - `skipLocked` (the fast path, no advisory lock): takes free bags that nobody else has
 *   locked right now. Many of these run in parallel and commit together. It can come up
 *   short while others hold bags they may yet release, so a short result is NOT a refusal:
 *   the caller rolls it back (to a savepoint, which also releases the row locks) and takes
 *   the waiting path.
 * - waiting (the caller holds `lockStock`): plain `FOR UPDATE` waits for a locked bag and
 *   takes it if its holder released it. Every waiting pick of this depot and type holds the
 *   lock, and fast-path holders never wait for anything after their pick, so the wait ends.
 *   Under READ COMMITTED the statement sees every bag committed before it started; a pick of
 *   0 therefore means that at that moment no bag was free — the refusal (409) is exact, never
 *   spurious, and the number it reports is what was available.
 *
 * Bags expiring first are held first (FEFO), and only bags that may still be handed out on the
 * delivery day. The order is exactly that of `bags_hand_out_idx` (depot, bag type, status,
 * hand-out date; nulls last), so the scan stops after `count`
 * rows: with `FOR UPDATE` the sort cannot be a top-N sort, so any extra sort key would sort
 * the depot's whole stock on every request.
 */
export async function holdBags(ex: Executor, input: {
  reservationId: string; depotId: string; bagType: string; temperatureClass?: string | null; date: string; count: number; now: Date;
  actorId: string | null; skipLocked: boolean;
}): Promise<number> {
  const { reservationId, depotId, bagType, date, count, now, actorId } = input;
  // With a class, the scan follows bags_hand_out_class_idx (the class is one more equality).
  const cls = input.temperatureClass ? sql`and temperature_class = ${input.temperatureClass}` : sql``;
  const rows = await ex.execute(sql`
    with picked as (
      select id from ${bags}
      where depot_id = ${depotId} and bag_type = ${bagType} ${cls} and status = 'in_stock'
        and (hand_out_by is null or hand_out_by >= ${date})
      order by hand_out_by asc nulls last
      limit ${count}
      for update ${input.skipLocked ? sql`skip locked` : sql``}
    ), moved as (
      update ${bags} b set status = 'reserved', reservation_id = ${reservationId}, status_at = ${now}
      from picked where b.id = picked.id
      returning b.id
    )
    insert into ${bagEvents} (bag_id, from_status, to_status, reservation_id, at, created_by)
    select id, 'in_stock', 'reserved', ${reservationId}, ${now}, ${actorId} from moved
    returning bag_id`);
  return (rows as unknown as { rows: unknown[] }).rows.length;
}

/**
 * Moves every bag of the given reservations that is in `from` to `to`, writing a bag event
 * each; `clearReservation` unlinks them (a released bag belongs to no reservation).
 */
export async function moveReservationBags(ex: Executor, input: {
  reservationIds: string[]; from: BagStatus; to: BagStatus; now: Date; actorId: string | null; reason?: string | null; clearReservation?: boolean;
}): Promise<number> {
  if (input.reservationIds.length === 0) return 0;
  const ids = sql.join(input.reservationIds.map((id) => sql`${id}::uuid`), sql`, `);
  const rows = await ex.execute(sql`
    with moved as (
      update ${bags} b set status = ${input.to}, status_at = ${input.now}
        ${input.clearReservation ? sql`, reservation_id = null` : sql``}
      from (select id, reservation_id from ${bags} where reservation_id in (${ids}) and status = ${input.from} for update) old
      where b.id = old.id
      returning b.id, old.reservation_id
    )
    insert into ${bagEvents} (bag_id, from_status, to_status, reservation_id, reason, at, created_by)
    select id, ${input.from}, ${input.to}, reservation_id, ${input.reason ?? null}, ${input.now}, ${input.actorId} from moved
    returning bag_id`);
  return (rows as unknown as { rows: unknown[] }).rows.length;
}

/** Sets individual bags to states, with events; every bag must currently be in `from`. */
export async function settleBags(ex: Executor, input: {
  outcomes: { id: string; to: BagStatus; reason: string | null }[]; from: BagStatus; reservationId: string; now: Date; actorId: string | null;
}): Promise<void> {
  for (const to of ['delivered', 'in_stock', 'discarded'] as const) {
    const group = input.outcomes.filter((o) => o.to === to);
    if (group.length === 0) continue;
    await ex.update(bags).set({ status: to, statusAt: input.now, ...(to === 'in_stock' ? { reservationId: null } : {}) })
      .where(and(inArray(bags.id, group.map((g) => g.id)), eq(bags.status, input.from)));
    await ex.insert(bagEvents).values(group.map((g) => ({
      bagId: g.id, fromStatus: input.from, toStatus: to, reservationId: input.reservationId, reason: g.reason, at: input.now, createdBy: input.actorId,
    })));
  }
}

export const bagsOfReservation = (ex: Executor, reservationId: string, status: BagStatus) =>
  ex.select({ id: bags.id, handOutBy: bags.handOutBy, temperatureClass: bags.temperatureClass }).from(bags)
    .where(and(eq(bags.reservationId, reservationId), eq(bags.status, status))).for('update');

export async function findReservation(ex: Executor, id: string, opts: { forUpdate?: boolean } = {}) {
  const q = ex.select().from(reservations).where(eq(reservations.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** Locks reservations in id order (a fixed order, so two dispatches cannot deadlock). */
export const lockReservations = (ex: Executor, ids: string[]) =>
  ids.length === 0 ? Promise.resolve([] as ReservationRow[])
    : ex.select().from(reservations).where(inArray(reservations.id, ids)).orderBy(asc(reservations.id)).for('update');

export async function insertReservation(ex: Executor, row: typeof reservations.$inferInsert) {
  const [out] = await ex.insert(reservations).values(row).returning();
  return out;
}

export async function updateReservation(ex: Executor, id: string, set: Partial<typeof reservations.$inferInsert>) {
  const [out] = await ex.update(reservations).set(set).where(eq(reservations.id, id)).returning();
  return out;
}

/** `GET /reservations`: by delivery date, earliest first. */
/** Sets how many bags a reservation counts. */
export async function setReservationBags(ex: Executor, id: string, n: number) {
  await ex.update(reservations).set({ bags: n }).where(eq(reservations.id, id));
}

export const RESERVATION_ORDER = sortKey<ReservationRow>([{ column: reservations.date, part: 'date' }, { column: reservations.id, part: 'uuid' }], (r) => [r.date, r.id]);

export async function listReservations(ex: Executor, f: PageWindow & {
  pointId?: string; date?: string; from?: string; to?: string; status?: ReservationRow['status']; bagType?: string;
}) {
  return ex.select().from(reservations).where(and(
    f.pointId ? eq(reservations.pointId, f.pointId) : undefined,
    f.date ? eq(reservations.date, f.date) : undefined,
    f.from ? gte(reservations.date, f.from) : undefined,
    f.to ? lte(reservations.date, f.to) : undefined,
    f.status ? eq(reservations.status, f.status) : undefined,
    f.bagType ? eq(reservations.bagType, f.bagType) : undefined,
    pastKey(RESERVATION_ORDER, f.after),
  )).orderBy(...orderOf(RESERVATION_ORDER)).limit(f.limit);
}

/** Bags of a point's non-cancelled reservations of a type on a day (what counts against its cap). */
export async function bagsReservedForDay(ex: Executor, pointId: string, bagType: string, date: string): Promise<number> {
  const [row] = await ex.select({ n: sum(reservations.bags).mapWith(Number) }).from(reservations).where(and(
    eq(reservations.pointId, pointId), eq(reservations.bagType, bagType), eq(reservations.date, date), ne(reservations.status, 'cancelled'),
  ));
  return row.n ?? 0;
}

/** The same count for every bag type of the point that day, in one query (the caps list). */
export async function bagsReservedForDayByType(ex: Executor, pointId: string, date: string): Promise<Map<string, number>> {
  const rows = await ex.select({ bagType: reservations.bagType, n: sum(reservations.bags).mapWith(Number) }).from(reservations).where(and(
    eq(reservations.pointId, pointId), eq(reservations.date, date), ne(reservations.status, 'cancelled'),
  )).groupBy(reservations.bagType);
  return new Map(rows.map((r) => [r.bagType, r.n ?? 0]));
}

export async function findCap(ex: Executor, pointId: string, bagType: string) {
  const [row] = await ex.select().from(reservationCaps).where(and(eq(reservationCaps.pointId, pointId), eq(reservationCaps.bagType, bagType)));
  return row;
}

/** A point's caps by bag type (one cap a type). */
export const CAP_ORDER = sortKey<typeof reservationCaps.$inferSelect>([{ column: reservationCaps.bagType, part: 'text' }], (c) => [c.bagType]);

export const listCaps = (ex: Executor, pointId: string, w: PageWindow) =>
  ex.select().from(reservationCaps).where(and(eq(reservationCaps.pointId, pointId), pastKey(CAP_ORDER, w.after))).orderBy(...orderOf(CAP_ORDER)).limit(w.limit);

export async function upsertCap(ex: Executor, row: { pointId: string; bagType: string; bagsPerDay: number; updatedAt: Date }) {
  const [out] = await ex.insert(reservationCaps).values(row)
    .onConflictDoUpdate({ target: [reservationCaps.pointId, reservationCaps.bagType], set: { bagsPerDay: row.bagsPerDay, updatedAt: row.updatedAt } })
    .returning();
  return out;
}

export const pointWeekdays = async (ex: Executor, pointId: string) =>
  (await ex.selectDistinct({ weekday: distributionDays.weekday }).from(distributionDays).where(eq(distributionDays.pointId, pointId))).map((r) => r.weekday);

/** How many bags of each of these reservations are `held` and how many `recalled`, one row per reservation and status. */
export const countHeldAndRecalled = (ex: Executor, reservationIds: string[]) =>
  ex.select({ reservationId: bags.reservationId, status: bags.status, n: sql<number>`count(*)`.mapWith(Number) })
    .from(bags).where(and(inArray(bags.reservationId, reservationIds), inArray(bags.status, ['held', 'recalled']))).groupBy(bags.reservationId, bags.status);
