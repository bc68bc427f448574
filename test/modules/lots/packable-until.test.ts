import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;
type Lot = { id: string; packableUntil: string | null };

/**
 * The lot list goes by the same date as /alerts and /stock: a lot frozen from chilled expires
 * at the end of its frozen shelf life (`frozenOn + FROZEN_SHELF_DAYS`), not on the use-by it
 * came with; every lot shows that date as `packableUntil`.
 */
describe('lots: packable until', () => {
  let w: W;
  const ids: Record<string, string> = {};
  const expiring = async (before: string, limit = 50) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await w.get(`/lots?expiringBefore=${before}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...res.body.items.map((l: Lot) => l.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen.sort();
  };
  const named = (...keys: string[]) => keys.map((k) => ids[k]).sort();

  beforeAll(async () => {
    // FROZEN_SHELF_DAYS is a network setting: 30 days here, so the figure is the policy's, not a constant's.
    w = await startWarehouse('2027-03-23T08:00:00+02:00', { FROZEN_SHELF_DAYS: '30' });
    const { chilled, frozen, ambient } = w.net.units;
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        // Donor-frozen meat whose use-by (21.3.) is past: frozen in time, packable until 21.3. + 30 days.
        line(frozen.id, { category: 'meat', kg: 5, temperatureClass: 'frozen', date: '2027-03-21', frozenOn: '2027-03-21' }),
        line(chilled.id, { category: 'dairy', kg: 6, date: '2027-03-25' }),
        line(chilled.id, { category: 'dairy', kg: 4, date: '2027-03-26' }),
        line(frozen.id, { category: 'frozen', kg: 8, temperatureClass: 'frozen', dateKind: 'best_before', date: '2027-04-10' }),
        line(ambient.id, { category: 'dry_goods', kg: 10, temperatureClass: 'ambient', dateKind: 'none', date: null }),
        line(ambient.id, { category: 'bread', kg: 3, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-24' }),
        // Frozen by the donor a month ago: its shelf life ends tomorrow.
        line(frozen.id, { category: 'meat', kg: 2, temperatureClass: 'frozen', date: '2027-02-25', frozenOn: '2027-02-22' }),
      ],
    });
    ['meat', 'dairy', 'milk', 'peas', 'pasta', 'bread', 'oldMeat'].forEach((k, i) => (ids[k] = intake.lots[i].id));
    // The first dairy is frozen here today, two days before its use-by: packable until 23.3. + 30 days.
    await w.ok(`/lots/${ids.dairy}/freeze`, { storageUnitId: frozen.id });
  });
  afterAll(() => w?.ctx.close());

  it('shows packableUntil on every lot: the frozen shelf life for food frozen from chilled, else its date', async () => {
    const until = async (k: string) => ((await w.get(`/lots/${ids[k]}`)).body as Lot).packableUntil;
    expect(await until('meat')).toBe('2027-04-20');
    expect(await until('dairy')).toBe('2027-04-22');
    expect(await until('milk')).toBe('2027-03-26');
    expect(await until('peas')).toBe('2027-04-10'); // frozen by nature: its own best-before
    expect(await until('pasta')).toBeNull();
    expect(await until('oldMeat')).toBe('2027-03-24');
    const listed = (await w.get('/lots?limit=100')).body.items as Lot[];
    expect(listed.find((l) => l.id === ids.meat)?.packableUntil).toBe('2027-04-20');
  });

  it('lists as expiring before a day the lots whose packableUntil is before it, not those with an old date frozen in time', async () => {
    expect(await expiring('2027-03-24')).toEqual([]);
    expect(await expiring('2027-03-25')).toEqual(named('bread', 'oldMeat'));
    expect(await expiring('2027-03-27')).toEqual(named('bread', 'oldMeat', 'milk'));
    expect(await expiring('2027-04-21')).toEqual(named('bread', 'oldMeat', 'milk', 'peas', 'meat'));
    expect(await expiring('2027-04-23')).toEqual(named('bread', 'oldMeat', 'milk', 'peas', 'meat', 'dairy'));
  });

  it('pages the expiring lots one at a time, each once, past the lots left out', async () => {
    expect(await expiring('2027-04-21', 1)).toEqual(named('bread', 'oldMeat', 'milk', 'peas', 'meat'));
  });

  it('agrees with /alerts and /stock: the same date on the same lots', async () => {
    const stockRes = await w.get(`/stock?depotId=${w.net.depot.id}`);
    expect(stockRes.status, JSON.stringify(stockRes.body)).toBe(200);
    const stock = stockRes.body;
    const alerts = (await w.get(`/alerts?depotId=${w.net.depot.id}`)).body;
    const soon = (list: Lot[]) => list.map((l) => [l.id, l.packableUntil]).sort();
    expect(soon(stock.expiringSoon)).toEqual([[ids.bread, '2027-03-24'], [ids.oldMeat, '2027-03-24']].sort());
    expect(soon(alerts.expiringSoon)).toEqual(soon(stock.expiringSoon));
    expect(await expiring('2027-03-26')).toEqual(named('bread', 'oldMeat'));
  });
});
