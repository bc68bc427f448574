import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../../src/domain/dates.ts';
import { massBalance, type LedgerEntry } from '../../../src/domain/tallies.ts';
import { addDepot, ledgerFacts, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;

const KINDS = [
  { category: 'dairy', temperatureClass: 'chilled', dateKind: 'use_by', unit: 'chilled' },
  { category: 'bread', temperatureClass: 'ambient', dateKind: 'best_before', unit: 'ambient' },
  { category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'none', unit: 'ambient' },
] as const;

const grams = fc.integer({ min: 1, max: 40_000 });
const op = fc.oneof(
  fc.record({ op: fc.constant('intake' as const), lines: fc.array(fc.record({ kind: fc.integer({ min: 0, max: 2 }), g: grams, days: fc.integer({ min: 0, max: 4 }) }), { minLength: 1, maxLength: 3 }) }),
  fc.record({ op: fc.constant('discard' as const), lot: fc.nat(), g: grams }),
  fc.record({ op: fc.constant('adjust' as const), lot: fc.nat(), g: fc.integer({ min: -5_000, max: 5_000 }).filter((g) => g !== 0) }),
  fc.record({ op: fc.constant('pack' as const), bagType: fc.constantFrom('food', 'bread'), bagCount: fc.integer({ min: 1, max: 4 }), allowPartial: fc.boolean() }),
  fc.record({ op: fc.constant('packNamed' as const), lot: fc.nat(), g: grams, bagCount: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('freeze' as const), lot: fc.nat() }),
);

describe('mass balance over random operation sequences', () => {
  let w: W;
  beforeAll(async () => {
    w = await startWarehouse('2027-05-03T07:00:00+03:00');
  });
  afterAll(() => w?.ctx.close());

  it('intake = packed + discarded + adjustments + stock change, to the gram, for any period', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), fc.double({ min: 0, max: 1, noNaN: true }), async (ops, split) => {
      run += 1;
      const site = await addDepot(w.ctx, w.net.auth, `Property depot ${run}`);
      const lots: { id: string; category: string }[] = [];
      const model = { intake: 0, packed: 0, discarded: 0, adjusted: 0 };
      const startedAt = w.clock.now();
      for (const o of ops) {
        w.clock.advanceMinutes(37);
        const today = localDate(w.clock.now());
        const pickLot = (n: number) => lots[n % Math.max(lots.length, 1)];
        let res;
        switch (o.op) {
          case 'intake': {
            res = await w.post('/intakes', {
              donorId: site.donor.id,
              lines: o.lines.map(({ kind, g, days }) => {
                const k = KINDS[kind];
                return {
                  category: k.category, temperatureClass: k.temperatureClass, dateKind: k.dateKind, kg: g / 1000,
                  date: k.dateKind === 'none' ? null : addDays(today, days), storageUnitId: site.units[k.unit].id,
                };
              }),
            });
            if (res.status === 201) {
              lots.push(...res.body.lots);
              model.intake += Math.round(res.body.totalKg * 1000);
            }
            break;
          }
          case 'discard':
            if (lots.length === 0) continue;
            res = await w.post(`/lots/${pickLot(o.lot).id}/discards`, { kg: o.g / 1000, reason: 'spoiled' });
            if (res.status === 201) model.discarded += o.g;
            break;
          case 'adjust':
            if (lots.length === 0) continue;
            res = await w.post(`/lots/${pickLot(o.lot).id}/adjustments`, { kg: o.g / 1000, reason: 'recount' });
            if (res.status === 201) model.adjusted += o.g;
            break;
          case 'pack':
            res = await w.post('/packing-runs', { depotId: site.depot.id, bagType: o.bagType, bagCount: o.bagCount, allowPartial: o.allowPartial });
            if (res.status === 201) model.packed += Math.round(res.body.totalKg * 1000);
            break;
          case 'packNamed':
            if (lots.length === 0) continue;
            res = await w.post('/packing-runs', { depotId: site.depot.id, bagType: 'food', bagCount: o.bagCount, lots: [{ lotId: pickLot(o.lot).id, kg: o.g / 1000 }] });
            if (res.status === 201) model.packed += Math.round(res.body.totalKg * 1000);
            break;
          case 'freeze':
            if (lots.length === 0) continue;
            res = await w.post(`/lots/${pickLot(o.lot).id}/freeze`, { storageUnitId: site.units.frozen.id });
            break;
        }
        // Refusals are fine (short stock, rules); a server error never is.
        expect([201, 409, 422]).toContain(res.status);
      }

      const f = await ledgerFacts(w.ctx, site.depot.id);
      expect({ intake: f.intake, packed: f.packed, discarded: f.discarded, adjusted: f.adjusted }).toEqual(model);
      expect(f.stock).toBe(model.intake - model.packed - model.discarded + model.adjusted);
      expect(f.ledger_sum).toBe(f.stock);
      expect(f.bag_grams).toBe(f.packed);
      expect(f.drifting_lots).toBe(0);
      expect(f.negative_lots).toBe(0);
      const stock = await w.get(`/stock?depotId=${site.depot.id}`);
      expect(Math.round(stock.body.totalKg * 1000)).toBe(f.stock);

      // Any period splits the ledger into two periods that each balance exactly.
      const { database } = w.ctx.deps;
      const rows = await database.rows<{ lot_id: string; kind: LedgerEntry['kind']; grams: string; at: Date | string; donor_id: string; category: string }>(
        database.db, sql`select e.lot_id, e.kind, e.grams, e.at, l.donor_id, l.category from ledger_entries e join lots l on l.id = e.lot_id where e.depot_id = ${site.depot.id}`);
      const entries: LedgerEntry[] = rows.map((r) => ({
        lotId: r.lot_id, kind: r.kind, grams: Number(r.grams), at: new Date(r.at), depotId: site.depot.id, donorId: r.donor_id, category: r.category as LedgerEntry['category'],
      }));
      const end = new Date(w.clock.now().getTime() + 1);
      const middle = new Date(startedAt.getTime() + Math.floor((end.getTime() - startedAt.getTime()) * split));
      for (const [from, to] of [[startedAt, middle], [middle, end], [startedAt, end]]) {
        expect(massBalance(entries, from, to).differenceG).toBe(0);
      }
      expect(massBalance(entries, startedAt, end).stockEndG).toBe(f.stock);
    }), { numRuns: 25 });
  });
});
