import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { api, line, testClock, type Net } from '../../helpers/warehouse.ts';

/**
 * Allergens: unknown is not "none", and a freezing date nobody gave is not printed (issue 18,
 * item 8). A line without `allergens` is unknown, `allergens: []` declares none; a label says
 * "ei ilmoitettuja allergeeneja" only when every content declared none.
 */
describe.each(['postgres', 'embedded'] as const)('allergens and freezing dates on labels (%s)', (mode) => {
  let ctx: TestContext;
  let net: Net;
  let w: ReturnType<typeof api>;
  const clock = testClock('2027-03-23T08:00:00+02:00');
  const lots: Record<string, { id: string; allergens: string[] | null; frozenOn?: string; frozenOnKnown: boolean }> = {};
  const label = async (bagId: string) => (await w.get(`/bags/${bagId}/label`)).text;
  const pack = async (body: object) => (await w.ok('/packing-runs', { depotId: net.depot.id, bagCount: 1, ...body })).bags[0];

  beforeAll(async () => {
    ctx = await startTestApp({ mode, now: clock.now });
    net = await seedNetwork(ctx);
    w = api(ctx, bearer((await ctx.userToken('warehouse')).token));
    const intake = await w.ok('/intakes', {
      donorId: net.donor.id,
      lines: [
        line(net.units.ambient.id, { category: 'bread', kg: 4, temperatureClass: 'ambient', dateKind: 'none', date: null, product: 'Ruisleipä' }),
        line(net.units.chilled.id, { category: 'dairy', kg: 4, date: '2027-03-30', product: 'Kaurajuoma', allergens: [] }),
        line(net.units.chilled.id, { category: 'dairy', kg: 4, date: '2027-03-30', product: 'Maito', allergens: ['milk'] }),
        line(net.units.frozen.id, { category: 'dairy', kg: 4, temperatureClass: 'frozen', date: '2027-03-30', product: 'Pakastettu jogurtti', allergens: ['milk'] }),
        line(net.units.frozen.id, { category: 'meat', kg: 4, temperatureClass: 'frozen', date: '2027-03-30', frozenOn: '2027-03-20', product: 'Jauhelihapihvi', allergens: [] }),
      ],
    });
    ['bread', 'oat', 'milk', 'yoghurt', 'meat'].forEach((k, i) => (lots[k] = intake.lots[i]));
  });
  afterAll(() => ctx?.close());

  it('stores the difference: no allergens given is null (unknown), [] is declared none', () => {
    expect(lots.bread.allergens).toBeNull();
    expect(lots.oat.allergens).toEqual([]);
    expect(lots.milk.allergens).toEqual(['milk']);
  });

  it('says "tarkista tuotteiden pakkauksista" on a bag with unknown contents, never "ei ilmoitettuja"', async () => {
    const text = await label((await pack({ bagType: 'bread', lots: [{ lotId: lots.bread.id, kg: 2 }] })).id);
    expect(text).toContain('Allergeenit: <strong>tarkista tuotteiden pakkauksista</strong>');
    expect(text).toContain('Allergens: <strong>check the products&#39; packaging</strong>');
    expect(text).not.toContain('ei ilmoitettuja');
    const mixed = await label((await pack({ bagType: 'food', lots: [{ lotId: lots.bread.id, kg: 1 }, { lotId: lots.milk.id, kg: 1 }] })).id);
    expect(mixed).toContain('Allergeenit: <strong>maito</strong>; tarkista tuotteiden pakkauksista');
  });

  it('says "ei ilmoitettuja allergeeneja" only when every content declared none', async () => {
    const oat = await pack({ bagType: 'food', lots: [{ lotId: lots.oat.id, kg: 2 }] });
    expect(oat.contents[0]).toMatchObject({ allergens: [] });
    expect(await label(oat.id)).toContain('Allergeenit: ei ilmoitettuja allergeeneja');
  });

  it('prints "Pakastuspäivä ei tiedossa" for donor-frozen food without its date, never the receipt day as "Pakastettu"', async () => {
    expect(lots.yoghurt).toMatchObject({ frozenOn: '2027-03-23', frozenOnKnown: false });
    const bag = await pack({ bagType: 'food', temperatureClass: 'frozen', lots: [{ lotId: lots.yoghurt.id, kg: 2 }] });
    expect(bag.contents[0]).toMatchObject({ frozenOn: '2027-03-23', frozenOnKnown: false });
    const text = await label(bag.id);
    expect(text).toContain('Pakastuspäivä ei tiedossa – ei saa pakastaa uudelleen');
    expect(text).not.toContain('Pakastettu 23.03.2027');
    const meat = await label((await pack({ bagType: 'food', temperatureClass: 'frozen', lots: [{ lotId: lots.meat.id, kg: 2 }] })).id);
    expect(meat).toContain('Pakastettu 20.03.2027 – ei saa pakastaa uudelleen');
    expect(meat).not.toContain('Pakastuspäivä ei tiedossa');
  });
});
