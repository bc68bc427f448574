import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { post } from '../../helpers/fixtures.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;
type Bag = { id: string; status?: string; contents: { lotId: string }[] };
type RecalledBag = { bagId: string; packingRunId: string; lotIds: string[]; status: string; reservationId?: string };

/**
 * A recall follows what went into each bag, not only the packing run: a run spreads a lot
 * evenly over its bags, so a lot of a few grams reaches only some of them. The bags that
 * hold none of the recalled lot stay out of the recall; those that hold it are in it,
 * whichever run packed them and whatever has become of them since.
 */
describe('a recall finds the bags whose contents hold the lot', () => {
  let w: W;
  const ids: Record<string, string> = {};
  let mixed: { id: string; bags: Bag[] };
  let only: { id: string; bags: Bag[] };
  let reservationId: string;
  let reservedBagIds: string[];

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    const { chilled } = w.net.units;
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'smoked_fish', kg: 4, date: '2027-04-01', product: 'Graavilohifilee', allergens: ['fish'], batch: 'L7' }),
        line(chilled.id, { category: 'dairy', kg: 20, date: '2027-04-05', product: 'Maito', allergens: ['milk'], batch: 'M1' }),
      ],
    });
    [ids.fish, ids.milk] = intake.lots.map((l: { id: string }) => l.id);
    // 3 g of the fish over five bags: three bags get a gram each, two get none of it.
    mixed = await w.ok('/packing-runs', {
      depotId: w.net.depot.id, bagType: 'food', bagCount: 5, lots: [{ lotId: ids.fish, kg: 0.003 }, { lotId: ids.milk, kg: 15 }],
    });
    only = await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: ids.fish, kg: 3 }] });
    const reservation = await post(w.ctx, w.net.auth, '/reservations', { pointId: w.net.point.id, date: '2027-03-30', bagType: 'food', bags: 3 });
    reservationId = reservation.id;
    const reserved = await w.ctx.http().get(`/bags?reservationId=${reservationId}`).set(w.net.auth);
    reservedBagIds = reserved.body.items.map((b: { id: string }) => b.id);
    expect(reservedBagIds).toHaveLength(3);
  });
  afterAll(() => w?.ctx.close());

  const holding = (bags: Bag[], lotId: string) => bags.filter((b) => b.contents.some((c) => c.lotId === lotId)).map((b) => b.id);
  const recall = async (query: string) => {
    const res = await w.ctx.http().get(`/recalls?${query}`).set(w.net.auth);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { bags: RecalledBag[]; reservations: { reservationId: string; bagsFromLots: number }[] };
  };

  it('packs the fish into only some bags of the mixed run (the scenario holds)', () => {
    expect(holding(mixed.bags, ids.fish)).toHaveLength(3);
    expect(holding(mixed.bags, ids.milk)).toHaveLength(5);
  });

  it.each([
    ['batch', 'batch=L7'],
    ['product', 'product=lohifilee'],
    ['lot', () => `lotId=${ids.fish}`],
  ])('by %s: exactly the bags holding the fish, from both runs, reserved or not', async (_by, query) => {
    const body = await recall(typeof query === 'string' ? query : query());
    const fishBags = [...holding(mixed.bags, ids.fish), ...holding(only.bags, ids.fish)].sort();
    expect(body.bags.map((b) => b.bagId).sort()).toEqual(fishBags);
    for (const b of body.bags) {
      expect(b.lotIds).toEqual([ids.fish]);
      expect(b.status).toBe(reservedBagIds.includes(b.bagId) ? 'reserved' : 'in_stock');
    }
    const reservedFish = reservedBagIds.filter((id) => fishBags.includes(id)).length;
    expect(body.reservations).toEqual(reservedFish === 0 ? [] : [expect.objectContaining({ reservationId, bagsFromLots: reservedFish })]);
  });

  it('leaves out the bags of the same run that hold none of it', async () => {
    const body = await recall('batch=L7');
    const without = mixed.bags.filter((b) => !b.contents.some((c) => c.lotId === ids.fish)).map((b) => b.id);
    expect(without).toHaveLength(2);
    expect(body.bags.filter((b) => without.includes(b.bagId))).toEqual([]);
    const csv = await w.ctx.http().get('/recalls?batch=L7').set(w.net.auth).set('accept', 'text/csv');
    expect(csv.text.trim().split('\n').filter((l) => l.startsWith('bag,'))).toHaveLength(4);
  });

  it('recalls every bag of the mixed run for the milk that went into each of them', async () => {
    const body = await recall('batch=M1');
    expect(body.bags.map((b) => b.bagId).sort()).toEqual(mixed.bags.map((b) => b.id).sort());
    expect(body.bags.every((b) => b.lotIds.length === 1 && b.lotIds[0] === ids.milk)).toBe(true);
  });
});
