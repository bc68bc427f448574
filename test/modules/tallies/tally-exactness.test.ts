import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCARD_REASONS, REFUSAL_REASONS } from '../../../src/domain/categories.ts';
import { localDayRange, type LocalDate } from '../../../src/domain/dates.ts';
import { dailyTallies, type LedgerEntry } from '../../../src/domain/tallies.ts';
import { recountTallies, recountTallyDay } from '../../../src/modules/tallies/tallies.service.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { insertNetwork, lotPlanArb, writeHistory, type Network, type Written } from '../../helpers/history.ts';

interface StoredRow {
  day: string;
  dimension: string;
  key: string;
  g_in: string;
  g_discarded: string;
  discarded_by_reason: Record<string, number>;
  g_adjusted: string;
  g_refused: string;
  refused_by_reason: Record<string, number>;
  bags_packed: number;
  g_packed: string;
  bags_delivered: number;
  g_delivered: string;
  stock_end_g: string;
}

type Metrics = { gIn: number; gDiscarded: number; byReason: Record<string, number>; gAdjusted: number; gRefused: number; refusedByReason: Record<string, number>; bagsPacked: number; gPacked: number; bagsDelivered: number; gDelivered: number };

const isZero = (m: Metrics) =>
  m.gIn === 0 && m.gDiscarded === 0 && m.gAdjusted === 0 && m.gRefused === 0 && m.bagsPacked === 0 && m.gPacked === 0 && m.bagsDelivered === 0 && m.gDelivered === 0;

const reasons = (r: Record<string, number>, keys: readonly string[] = DISCARD_REASONS) => Object.fromEntries(keys.map((k) => [k, Number(r[k] ?? 0)]));

describe('tallies equal the ledger and the bag records to the gram', () => {
  let ctx: TestContext;
  let token: string;
  beforeAll(async () => {
    ctx = await startTestApp();
    token = (await ctx.userToken('coordinator')).token;
  });
  afterAll(() => ctx?.close());

  const stored = async (depotId: string) =>
    ctx.deps.database.rows<StoredRow>(ctx.deps.database.db, sql`select day::text as day, * from tallies where depot_id = ${depotId}::uuid`);

  async function assertExact(net: Network, w: Written) {
    const rows = await stored(net.depotId);
    const byId = new Map(rows.map((r) => [`${r.day}|${r.dimension}|${r.key}`, r]));

    // Point, donor, category and bag-type rows: the reference arithmetic of src/domain/tallies.ts.
    const expected = new Map<string, Metrics>();
    for (const t of dailyTallies(w.entries, w.bags, w.refusals)) {
      const m = { gIn: t.gIn, gDiscarded: t.gDiscarded, byReason: reasons(t.gDiscardedByReason), gAdjusted: t.gAdjusted, gRefused: t.gRefused, refusedByReason: reasons(t.gRefusedByReason, REFUSAL_REASONS), bagsPacked: t.bagsPacked, gPacked: t.gPacked, bagsDelivered: t.bagsDelivered, gDelivered: t.gDelivered };
      if (!isZero(m)) expected.set(`${t.day}|${t.dimension}|${t.key}`, m);
    }
    const actual = new Map<string, Metrics>();
    for (const r of rows) {
      if (r.dimension === 'depot') continue;
      const m = { gIn: Number(r.g_in), gDiscarded: Number(r.g_discarded), byReason: reasons(r.discarded_by_reason), gAdjusted: Number(r.g_adjusted), gRefused: Number(r.g_refused), refusedByReason: reasons(r.refused_by_reason, REFUSAL_REASONS), bagsPacked: r.bags_packed, gPacked: Number(r.g_packed), bagsDelivered: r.bags_delivered, gDelivered: Number(r.g_delivered) };
      if (!isZero(m)) actual.set(`${r.day}|${r.dimension}|${r.key}`, m);
    }
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));

    // Depot rows and stock at the end of every day something happened: straight sums.
    const sumOf = (entries: LedgerEntry[], pick: (e: LedgerEntry) => boolean) => entries.filter(pick).reduce((s, e) => s + e.grams, 0);
    const neg = (g: number) => (g === 0 ? 0 : -g);
    for (const day of w.days) {
      const { start, end } = localDayRange(day);
      const inDay = (t: Date) => t >= start && t < end;
      const depot = byId.get(`${day}|depot|${net.depotId}`);
      expect(depot, `depot row of ${day}`).toBeDefined();
      const dayEntries = w.entries.filter((e) => inDay(e.at));
      expect({
        gIn: Number(depot!.g_in), gRefused: Number(depot!.g_refused), gDiscarded: Number(depot!.g_discarded), gAdjusted: Number(depot!.g_adjusted), gPacked: Number(depot!.g_packed),
        bagsPacked: depot!.bags_packed, bagsDelivered: depot!.bags_delivered, gDelivered: Number(depot!.g_delivered), stockEndG: Number(depot!.stock_end_g),
      }).toEqual({
        gIn: sumOf(dayEntries, (e) => e.kind === 'intake'),
        gRefused: w.refusals.filter((f) => inDay(f.at)).reduce((s, f) => s + f.grams, 0),
        gDiscarded: neg(sumOf(dayEntries, (e) => e.kind === 'discard')),
        gAdjusted: sumOf(dayEntries, (e) => e.kind === 'adjust'),
        gPacked: neg(sumOf(dayEntries, (e) => e.kind === 'pack')),
        bagsPacked: w.bags.filter((b) => inDay(b.packedAt)).length,
        bagsDelivered: w.bags.filter((b) => b.deliveredAt && inDay(b.deliveredAt)).length,
        gDelivered: w.bags.filter((b) => b.deliveredAt && inDay(b.deliveredAt)).reduce((s, b) => s + b.weightG, 0),
        stockEndG: sumOf(w.entries, (e) => e.at < end),
      });
      for (const [dimension, keyOf] of [['donor', (e: LedgerEntry) => e.donorId], ['category', (e: LedgerEntry) => e.category]] as const) {
        for (const key of new Set(w.entries.map(keyOf))) {
          const stock = sumOf(w.entries, (e) => keyOf(e) === key && e.at < end);
          expect(Number(byId.get(`${day}|${dimension}|${key}`)?.stock_end_g ?? 0), `${dimension} ${key} stock at end of ${day}`).toBe(stock);
        }
      }
    }
  }

  async function assertSummary(net: Network, w: Written, from: LocalDate, to: LocalDate) {
    const res = await ctx.http().get('/reports/summary').query({ from, to, depotId: net.depotId }).set(bearer(token));
    expect(res.status).toBe(200);
    const start = localDayRange(from).start;
    const end = localDayRange(to).end;
    const grams = (pick: (e: LedgerEntry) => boolean) => w.entries.filter(pick).reduce((s, e) => s + e.grams, 0);
    const inRange = (e: LedgerEntry) => e.at >= start && e.at < end;
    expect(res.body.massBalanceDifferenceKg).toBe(0);
    expect(Math.round(res.body.kgIn * 1000)).toBe(grams((e) => inRange(e) && e.kind === 'intake'));
    expect(Math.round(res.body.kgInProducers * 1000)).toBe(grams((e) => inRange(e) && e.kind === 'intake' && e.donorId === net.producerId));
    expect(Math.round(res.body.kgPacked * 1000)).toBe(0 - grams((e) => inRange(e) && e.kind === 'pack'));
    expect(Math.round(res.body.stockKgStart * 1000)).toBe(grams((e) => e.at < start));
    expect(Math.round(res.body.stockKgEnd * 1000)).toBe(grams((e) => e.at < end));
    const delivered = w.bags.filter((b) => b.deliveredAt && b.deliveredAt >= start && b.deliveredAt < end);
    expect(res.body.bagsDelivered).toBe(delivered.length);
    expect(res.body.pointsServed).toBe(new Set(delivered.map((b) => b.pointId)).size);
  }

  it('for random histories across DST days and midnights, recounted day by day in any order or in bulk, and after late writes', async () => {
    const database = ctx.deps.database;
    await fc.assert(
      fc.asyncProperty(
        fc.array(lotPlanArb, { minLength: 1, maxLength: 6 }),
        fc.array(lotPlanArb, { maxLength: 3 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1_000_000 }),
        async (plans, latePlans, bulk, seed) => {
          const net = await insertNetwork(database.db);
          const first = await writeHistory(database.db, net, plans);
          const order = [...first.days].sort((a, b) => ((a.charCodeAt(9) * 31 + seed) % 7) - ((b.charCodeAt(9) * 31 + seed) % 7) || a.localeCompare(b));
          if (bulk) {
            const sorted = [...first.days].sort();
            await recountTallies(database, net.depotId, sorted[0], sorted.at(-1)!);
          } else {
            for (const day of order) await recountTallyDay(database, net.depotId, day);
          }
          await assertExact(net, first);

          // Late writes (a late intake, a correction): recount only the days they touch.
          const late = await writeHistory(database.db, net, latePlans);
          for (const day of late.days) await recountTallyDay(database, net.depotId, day);
          const all: Written = { entries: [...first.entries, ...late.entries], bags: [...first.bags, ...late.bags], refusals: [...first.refusals, ...late.refusals], days: new Set([...first.days, ...late.days]) };
          await assertExact(net, all);
          // Running it twice gives the same rows.
          const before = await stored(net.depotId);
          for (const day of all.days) await recountTallyDay(database, net.depotId, day);
          const sortRows = (rs: StoredRow[]) => rs.map(({ computed_at: _c, ...r }: StoredRow & { computed_at?: unknown }) => r).sort((a, b) => `${a.day}${a.dimension}${a.key}`.localeCompare(`${b.day}${b.dimension}${b.key}`));
          expect(sortRows(await stored(net.depotId))).toEqual(sortRows(before));

          const days = [...all.days].sort();
          await assertSummary(net, all, days[0], days.at(-1)!);
          await assertSummary(net, all, '2026-03-29', '2026-10-24');
          await assertSummary(net, all, '2026-10-25', '2026-10-25');
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
