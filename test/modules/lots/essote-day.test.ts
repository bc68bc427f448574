import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDayRange } from '../../../src/domain/dates.ts';
import { massBalance, type LedgerEntry } from '../../../src/domain/tallies.ts';
import { sql } from 'drizzle-orm';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { api, ledgerFacts, receiptFor, testClock } from '../../helpers/warehouse.ts';

/**
 * A realistic Tuesday at ViaDia's Moisio warehouse in Mikkeli (facts copied from the Essote
 * demo network): eight donors' pickups weighed in, a cold-room excursion, a best-before
 * check, 20 bread bags and 60 food bags packed — and every gram accounted for.
 */
const DAY = '2027-03-23'; // a Tuesday
const at = (hhmm: string) => `${DAY}T${hhmm}:00+02:00`;

const DEPOT = { kind: 'depot', name: 'ViaDian Mikkelin varasto (Moisio)', municipality: 'Mikkeli', lat: 61.701, lon: 27.233, opensAt: '07:30', closesAt: '16:00' };
const UNITS = {
  cold1: { name: 'Kylmiö 1', temperatureClass: 'chilled', capacityKg: 1500 },
  cold2: { name: 'Kylmiö 2', temperatureClass: 'chilled', capacityKg: 800 },
  freezer: { name: 'Pakastin A', temperatureClass: 'frozen', capacityKg: 600 },
  dry: { name: 'Kuivavarasto', temperatureClass: 'ambient', capacityKg: 3000 },
} as const;
type UnitKey = keyof typeof UNITS;
const DONORS = {
  prisma: { name: 'Prisma Mikkeli', municipality: 'Mikkeli', lat: 61.699, lon: 27.245 },
  lidl: { name: 'Lidl Mikkeli', municipality: 'Mikkeli', lat: 61.693, lon: 27.23 },
  kSuperCentre: { name: 'K-Supermarket Mikkeli keskusta', municipality: 'Mikkeli', lat: 61.688, lon: 27.273 },
  ristiina: { name: 'S-market Ristiina', municipality: 'Mikkeli', lat: 61.506, lon: 27.252 },
  sMantyharju: { name: 'S-market Mäntyharju', municipality: 'Mäntyharju', lat: 61.419, lon: 26.876 },
  kMantyharju: { name: 'K-Supermarket Mäntyharju', municipality: 'Mäntyharju', lat: 61.417, lon: 26.882 },
  bakery: { name: 'Mikkelin leipomo (eilistä leipää)', municipality: 'Mikkeli', lat: 61.69, lon: 27.26 },
  citymarket: { name: 'K-Citymarket Mikkeli', municipality: 'Mikkeli', lat: 61.68, lon: 27.25 },
} as const;
type DonorKey = keyof typeof DONORS;

// [category, kg, unit, dateKind, date, receiptCelsius?]
type L = [string, number, UnitKey, 'use_by' | 'best_before' | 'none', string | null, number?];
const CLASS: Record<UnitKey, string> = { cold1: 'chilled', cold2: 'chilled', freezer: 'frozen', dry: 'ambient' };
const PICKUPS: { donor: DonorKey; time: string; lines: L[] }[] = [
  { donor: 'bakery', time: '07:55', lines: [['bread', 26.75, 'dry', 'best_before', '2027-03-24']] },
  { donor: 'prisma', time: '08:20', lines: [
    ['dairy', 18.42, 'cold1', 'use_by', '2027-03-25', 4.1], ['meat', 9.87, 'cold1', 'use_by', '2027-03-24', 3.2],
    ['ready_meals', 6.315, 'cold1', 'use_by', '2027-03-23'], ['fruit_veg', 44.6, 'dry', 'none', null], ['bread', 8.25, 'dry', 'best_before', '2027-03-24'],
  ] },
  { donor: 'kSuperCentre', time: '08:45', lines: [
    ['meat', 8.4, 'cold2', 'use_by', '2027-03-25', 3.8], ['smoked_fish', 2.35, 'cold1', 'use_by', '2027-03-26'], ['bread', 6.1, 'dry', 'best_before', '2027-03-25'],
  ] },
  { donor: 'sMantyharju', time: '09:05', lines: [
    ['dairy', 9.5, 'cold1', 'use_by', '2027-03-24'], ['dry_goods', 5.2, 'dry', 'best_before', '2027-03-20'], ['bread', 4.4, 'dry', 'best_before', '2027-03-24'],
  ] },
  { donor: 'ristiina', time: '09:10', lines: [['dairy', 7.8, 'cold1', 'use_by', '2027-03-26'], ['fruit_veg', 6.95, 'dry', 'none', null]] },
  { donor: 'lidl', time: '09:30', lines: [
    ['dairy', 14.2, 'cold2', 'use_by', '2027-03-27'], ['fruit_veg', 16.75, 'dry', 'none', null],
    ['dry_goods', 9.05, 'dry', 'best_before', '2027-05-22'], ['frozen', 7.5, 'freezer', 'best_before', '2027-06-21', -19],
  ] },
  { donor: 'kMantyharju', time: '10:00', lines: [['ready_meals', 5.65, 'cold1', 'use_by', '2027-03-24'], ['fruit_veg', 11.3, 'dry', 'none', null]] },
  { donor: 'citymarket', time: '10:20', lines: [
    ['dairy', 22.5, 'cold1', 'use_by', '2027-03-28'], ['fruit_veg', 85.2, 'dry', 'none', null], ['dry_goods', 38.4, 'dry', 'none', null],
  ] },
];
const grams = (kg: number) => Math.round(kg * 1000);

describe('a warehouse day on the Essote network', () => {
  let ctx: TestContext;
  const clock = testClock(at('07:30'));
  let wh: ReturnType<typeof api>;
  let coord: ReturnType<typeof api>;
  let depotId: string;
  const unitIds = {} as Record<UnitKey, string>;
  const donorIds = {} as Record<DonorKey, string>;

  beforeAll(async () => {
    ctx = await startTestApp({ now: clock.now });
    coord = api(ctx, bearer((await ctx.userToken('coordinator')).token));
    wh = api(ctx, bearer((await ctx.userToken('warehouse', { email: 'varasto@viadia.example' })).token));
    depotId = (await coord.ok('/sites', DEPOT)).id;
    for (const [key, unit] of Object.entries(UNITS)) unitIds[key as UnitKey] = (await coord.ok('/storage-units', { depotId, ...unit })).id;
    for (const [key, donor] of Object.entries(DONORS)) {
      donorIds[key as DonorKey] = (await coord.ok('/sites', { kind: 'donor', donorKind: 'shop', depotId, ...donor })).id;
    }
  });
  afterAll(() => ctx?.close());

  it('weighs in, holds, checks, packs 20 bread and 60 food bags, and balances to the gram', async () => {
    // 1. Eight pickups weighed in; one phone retries its POST after losing coverage.
    const lotsByDonor: Record<string, { id: string; category: string }[]> = {};
    let intakeG = 0;
    for (const p of PICKUPS) {
      clock.set(at(p.time));
      const body = {
        donorId: donorIds[p.donor], receivedAt: at(p.time),
        lines: p.lines.map(([category, kg, unit, dateKind, date, receiptCelsius]) => ({
          category, kg, temperatureClass: CLASS[unit], dateKind, date, storageUnitId: unitIds[unit], receiptCelsius: receiptCelsius ?? receiptFor(CLASS[unit]),
        })),
      };
      const key = { 'idempotency-key': `intake-${p.donor}-${DAY}` };
      const res = await wh.post('/intakes', body, key);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (p.donor === 'lidl') expect((await wh.post('/intakes', body, key)).body.id).toBe(res.body.id);
      lotsByDonor[p.donor] = res.body.lots;
      intakeG += p.lines.reduce((s, l) => s + grams(l[1]), 0);
    }
    expect(intakeG).toBe(375_455);

    // 2. 11:00 own-check: Kylmiö 2 reads +7.9 °C. Its two lots are held.
    clock.set(at('11:00'));
    const excursion = await wh.ok(`/storage-units/${unitIds.cold2}/temperature-readings`, { celsius: 7.9 });
    expect(excursion).toMatchObject({ excursion: true, heldLots: 2 });
    expect((await wh.get(`/alerts?depotId=${depotId}`)).body.items).toHaveLength(1);
    // The meat's core temperature is fine: released. The dairy is discarded.
    clock.set(at('11:20'));
    const [lidlDairy] = lotsByDonor.lidl;
    const [centreMeat] = lotsByDonor.kSuperCentre;
    await wh.ok(`/lots/${lidlDairy.id}/discards`, { kg: 14.2, reason: 'temperature' });
    // Nothing is released while the room reads +7.9 °C; once it reads back within limits the meat is, and the alert is closed with its action.
    expect((await wh.post(`/lots/${centreMeat.id}/release`, { note: 'core 3.5 °C' })).body.code).toBe('unit_still_out_of_range');
    await wh.ok(`/storage-units/${unitIds.cold2}/temperature-readings`, { celsius: 4.5 });
    await wh.ok(`/lots/${centreMeat.id}/release`, { note: 'core 3.5 °C, door left open 10 min' });
    expect((await wh.get(`/alerts?depotId=${depotId}`)).body.items).toHaveLength(1);
    const [alert] = (await wh.get(`/alerts?depotId=${depotId}`)).body.items;
    expect((await wh.post(`/alerts/${alert.id}/resolve`, { action: 'discarded', note: 'dairy discarded, door closed' })).status).toBe(200);
    expect((await wh.get(`/alerts?depotId=${depotId}`)).body.items).toEqual([]);

    // 3. A best-before check on the dry goods from Mäntyharju, past their date since Saturday.
    const pastBestBefore = lotsByDonor.sMantyharju[1];
    await wh.ok(`/lots/${pastBestBefore.id}/checks`, { passed: true, note: 'packages intact' });
    // And a tray of ready meals with a broken seal.
    clock.set(at('11:40'));
    await wh.ok(`/lots/${lotsByDonor.prisma[2].id}/discards`, { kg: 1.215, reason: 'spoiled' });
    const discardedG = 14_200 + 1_215;

    // 4. Packing: 20 bread bags, then 60 food bags in two runs.
    clock.set(at('13:00'));
    const bread = await wh.ok('/packing-runs', { depotId, bagType: 'bread', bagCount: 20 });
    expect(bread).toMatchObject({ bagCount: 20, totalKg: 40 });
    clock.set(at('13:30'));
    const food1 = await wh.ok('/packing-runs', { depotId, bagType: 'food', bagCount: 40 });
    clock.set(at('14:15'));
    const food2 = await wh.ok('/packing-runs', { depotId, bagType: 'food', bagCount: 20 });
    expect(food1.bagCount + food2.bagCount).toBe(60);
    expect([...food1.bags, ...food2.bags].every((b: { weightKg: number }) => b.weightKg === 5)).toBe(true);
    // FEFO started with today's use-by: the ready meals that expire today went first.
    expect(food1.lots[0].lotId).toBe(lotsByDonor.prisma[2].id);
    // The checked dry goods went in; the held-then-discarded dairy did not.
    const packedLots = [...food1.lots, ...food2.lots].map((l: { lotId: string }) => l.lotId);
    expect(packedLots).toContain(pastBestBefore.id);
    expect(packedLots).not.toContain(lidlDairy.id);
    const packedG = 40_000 + 300_000;

    expect((await wh.get(`/bags/available?depotId=${depotId}&bagType=food`)).body.available).toBe(60);
    expect((await wh.get(`/bags/available?depotId=${depotId}&bagType=bread`)).body.available).toBe(20);

    // 5. End of the day: intake = packed + discarded + stock change, exact to the gram.
    clock.set(at('16:00'));
    const stock = await wh.get(`/stock?depotId=${depotId}`);
    const stockEndG = intakeG - packedG - discardedG;
    expect(grams(stock.body.totalKg)).toBe(stockEndG);
    expect(stockEndG).toBe(20_040);
    const f = await ledgerFacts(ctx, depotId);
    expect(f).toMatchObject({ intake: intakeG, packed: packedG, discarded: discardedG, adjusted: 0, stock: stockEndG, bag_grams: packedG, drifting_lots: 0 });

    const { database } = ctx.deps;
    const rows = await database.rows<{ lot_id: string; kind: LedgerEntry['kind']; grams: string; at: Date | string; donor_id: string; category: string }>(
      database.db, sql`select e.lot_id, e.kind, e.grams, e.at, l.donor_id, l.category from ledger_entries e join lots l on l.id = e.lot_id where e.depot_id = ${depotId}`);
    const entries: LedgerEntry[] = rows.map((r) => ({
      lotId: r.lot_id, kind: r.kind, grams: Number(r.grams), at: new Date(r.at), depotId, donorId: r.donor_id, category: r.category as LedgerEntry['category'],
    }));
    const day = localDayRange(DAY);
    expect(massBalance(entries, day.start, day.end)).toEqual({
      intakeG, packedG, discardedG, adjustedG: 0, stockStartG: 0, stockEndG, differenceG: 0,
    });
  });
});
