import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../src/db/client.ts';
import { bags, distributionDays, intakes, ledgerEntries, lots, packingRunLots, packingRuns, sites } from '../../src/db/schema/index.ts';
import { addDays, localDate, localTimeOnDate, planningCutoff, weekdayOf } from '../../src/domain/dates.ts';
import { bearer, type TestContext } from './app.ts';
import { seedNetwork } from './fixtures.ts';

/**
 * The test clock: a Monday 11:00 in Helsinki, two to three weeks ahead of the real date (login
 * tokens expire by the injected clock but are checked against the wall clock, so the test
 * clock must not lie in the past). The fixture point distributes on Tuesdays (cut-off: the
 * Monday at 18:00), the other point on Wednesdays.
 */
const realToday = localDate(new Date());
export const MONDAY = addDays(realToday, 14 + ((8 - isoDay(realToday)) % 7));
export const SUNDAY = addDays(MONDAY, -1);
export const TUESDAY = addDays(MONDAY, 1);
export const WEDNESDAY = addDays(MONDAY, 2);
export const NEXT_TUESDAY = addDays(MONDAY, 8);
export const NEXT_WEDNESDAY = addDays(MONDAY, 9);
export const MONDAY_MORNING = localTimeOnDate(MONDAY, '11:00');
/** 18:00 Helsinki on the Monday: Tuesday's planning cut-off. */
export const TUESDAY_CUTOFF = planningCutoff(TUESDAY);

function isoDay(date: string): number {
  return ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].indexOf(weekdayOf(date)) + 1;
}

export function testClock(start = MONDAY_MORNING) {
  let current = start;
  return { now: () => current, set: (d: Date | string) => { current = new Date(d); } };
}

export interface StockOptions {
  depotId: string;
  bagType?: string;
  count: number;
  earliestUseBy?: string | null;
  /** The bags' hand-out date; default: their earliest use-by (as for bags of use-by food alone). */
  handOutBy?: string | null;
  weightG?: number;
  packedAt?: Date;
  /** The run's and its bags' class (the database's default: chilled). */
  temperatureClass?: 'ambient' | 'chilled' | 'frozen';
  /** Lots the run took from (traceability); rows in packing_run_lots. */
  lots?: { lotId: string; grams: number }[];
}

/**
 * Puts bags in stock the way a packing run leaves them (a run, its bags `in_stock`), written
 * directly so these tests do not depend on the packing module.
 */
export async function stockBags(db: Executor, o: StockOptions): Promise<{ runId: string; bagIds: string[] }> {
  const runId = randomUUID();
  const packedAt = o.packedAt ?? new Date(MONDAY_MORNING.getTime() - 86_400_000);
  const bagType = o.bagType ?? 'food';
  const cls = o.temperatureClass ? { temperatureClass: o.temperatureClass } : {};
  await db.insert(packingRuns).values({ id: runId, depotId: o.depotId, bagType, bagCount: o.count, packedAt, ...cls });
  if (o.lots?.length) await db.insert(packingRunLots).values(o.lots.map((l) => ({ packingRunId: runId, lotId: l.lotId, grams: l.grams })));
  if (o.count === 0) return { runId, bagIds: [] };
  const rows = await db.insert(bags).values(Array.from({ length: o.count }, () => ({
    packingRunId: runId, depotId: o.depotId, bagType, weightG: o.weightG ?? 5000, earliestUseBy: o.earliestUseBy ?? null,
    handOutBy: o.handOutBy === undefined ? o.earliestUseBy ?? null : o.handOutBy,
    status: 'in_stock' as const, packedAt, statusAt: packedAt, ...cls,
  }))).returning({ id: bags.id });
  return { runId, bagIds: rows.map((r) => r.id) };
}

/** One intake with one lot, as the intake module would record it (with its ledger entry). */
export async function insertLot(db: Executor, o: { donorId: string; depotId: string; storageUnitId: string; grams: number; receivedAt: Date; category?: string; date?: string | null }) {
  const intakeId = randomUUID();
  await db.insert(intakes).values({ id: intakeId, donorId: o.donorId, depotId: o.depotId, receivedAt: o.receivedAt });
  const [lot] = await db.insert(lots).values({
    intakeId, donorId: o.donorId, depotId: o.depotId, category: o.category ?? 'dairy', temperatureClass: 'chilled',
    dateKind: o.date ? 'use_by' : 'none', date: o.date ?? null, storageUnitId: o.storageUnitId, receivedG: o.grams, stockG: o.grams, receivedAt: o.receivedAt,
  }).returning();
  await db.insert(ledgerEntries).values({ lotId: lot.id, depotId: o.depotId, kind: 'intake', grams: o.grams, at: o.receivedAt });
  return lot;
}

/** Takes grams out of a lot for a packing run (a `pack` ledger entry), keeping its cached stock. */
export async function packFromLot(db: Executor, lotId: string, depotId: string, runId: string, grams: number, at: Date) {
  await db.insert(ledgerEntries).values({ lotId, depotId, kind: 'pack', grams: -grams, at, packingRunId: runId });
  await db.update(lots).set({ stockG: sql`${lots.stockG} - ${grams}` }).where(eq(lots.id, lotId));
}

/** A depot and a point it serves, distributing on every weekday given; written directly. */
export async function insertDepotAndPoint(db: Executor, weekdays: string[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']) {
  const [depot] = await db.insert(sites).values({ kind: 'depot', name: `Depot ${randomUUID().slice(0, 6)}`, municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }).returning();
  const [point] = await db.insert(sites).values({ kind: 'point', name: `Point ${randomUUID().slice(0, 6)}`, municipality: 'Mikkeli', lat: 61.6, lon: 27.3, depotId: depot.id }).returning();
  await db.insert(distributionDays).values(weekdays.map((weekday) => ({ pointId: point.id, weekday, start: '12:00', end: '14:00' })));
  return { depotId: depot.id, pointId: point.id };
}

export async function bagStatusCounts(db: Executor, depotId: string, bagType = 'food'): Promise<Record<string, number>> {
  const rows = await db.select({ status: bags.status, n: sql<number>`count(*)::int` }).from(bags)
    .where(and(eq(bags.depotId, depotId), eq(bags.bagType, bagType))).groupBy(bags.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** The fixture network plus a lead for each point. */
export async function seedReservationNetwork(ctx: TestContext) {
  const net = await seedNetwork(ctx);
  const lead = await ctx.userToken('point_lead', { pointId: net.point.id });
  const otherLead = await ctx.userToken('point_lead', { pointId: net.otherPoint.id });
  return { ...net, lead: bearer(lead.token), otherLead: bearer(otherLead.token), leadId: lead.id };
}
