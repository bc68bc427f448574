import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAG_TYPES, DISCARD_REASONS } from './categories.ts';
import { localDate, localDayRange } from './dates.ts';
import { type BagRecord, type DailyTally, type LedgerEntry, dailyTallies, massBalance, rollup, tallyTotals } from './tallies.ts';

const entry = (over: Partial<LedgerEntry> & Pick<LedgerEntry, 'kind' | 'grams' | 'at'>): LedgerEntry => ({
  lotId: 'lot-1',
  depotId: 'mikkeli',
  donorId: 'shop-a',
  category: 'dairy',
  ...over,
});
const bag = (over: Partial<BagRecord> & Pick<BagRecord, 'packedAt'>): BagRecord => ({
  bagId: 'bag-1',
  depotId: 'mikkeli',
  bagType: 'food',
  weightG: 5_000,
  pointId: null,
  deliveredAt: null,
  contents: [],
  ...over,
});
const at = (iso: string) => new Date(iso);
const find = (rows: readonly DailyTally[], day: string, dimension: DailyTally['dimension'], key: string) =>
  rows.find((r) => r.day === day && r.dimension === dimension && r.key === key);

describe('dailyTallies', () => {
  it('counts an intake as kg in for its donor and its category', () => {
    const rows = dailyTallies([entry({ kind: 'intake', grams: 12_000, at: at('2026-05-04T07:00:00Z') })], []);
    expect(rows.map((r) => [r.day, r.dimension, r.key, r.gIn])).toEqual([
      ['2026-05-04', 'category', 'dairy', 12_000],
      ['2026-05-04', 'donor', 'shop-a', 12_000],
    ]);
  });

  it('gives no rows for no entries and no bags', () => {
    expect(dailyTallies([], [])).toEqual([]);
  });

  it('counts on the Helsinki day, so 00:30 local is the new day although UTC still says yesterday', () => {
    const rows = dailyTallies([entry({ kind: 'intake', grams: 1_000, at: at('2026-10-24T21:30:00Z') })], []);
    expect(rows[0].day).toBe('2026-10-25');
  });

  it('keeps the whole 25-hour autumn DST day (2026-10-25) in one row', () => {
    const rows = dailyTallies(
      [
        entry({ kind: 'intake', grams: 1_000, at: at('2026-10-24T21:00:00Z') }), // 00:00 local
        entry({ kind: 'intake', grams: 2_000, at: at('2026-10-25T00:30:00Z') }), // first 03:30
        entry({ kind: 'intake', grams: 4_000, at: at('2026-10-25T01:30:00Z') }), // second 03:30
        entry({ kind: 'intake', grams: 8_000, at: at('2026-10-25T21:59:59Z') }), // 23:59:59 local
        entry({ kind: 'intake', grams: 16_000, at: at('2026-10-25T22:00:00Z') }), // next day
      ],
      [],
    );
    expect(find(rows, '2026-10-25', 'category', 'dairy')?.gIn).toBe(15_000);
    expect(find(rows, '2026-10-26', 'category', 'dairy')?.gIn).toBe(16_000);
  });

  it('keeps the 23-hour spring DST day (2026-03-29) to its 23 hours', () => {
    const rows = dailyTallies(
      [
        entry({ kind: 'intake', grams: 1_000, at: at('2026-03-28T22:00:00Z') }),
        entry({ kind: 'intake', grams: 2_000, at: at('2026-03-29T20:59:59Z') }),
        entry({ kind: 'intake', grams: 4_000, at: at('2026-03-29T21:00:00Z') }),
      ],
      [],
    );
    expect(find(rows, '2026-03-29', 'donor', 'shop-a')?.gIn).toBe(3_000);
    expect(find(rows, '2026-03-30', 'donor', 'shop-a')?.gIn).toBe(4_000);
  });

  it('counts discards as positive kilos by reason, an unknown reason as other', () => {
    const day = at('2026-05-04T07:00:00Z');
    const rows = dailyTallies(
      [
        entry({ kind: 'discard', grams: -1_500, at: day, reason: 'spoiled' }),
        entry({ kind: 'discard', grams: -500, at: day, reason: 'temperature' }),
        entry({ kind: 'discard', grams: -250, at: day, reason: 'dropped on the floor' }),
      ],
      [],
    );
    const row = find(rows, '2026-05-04', 'category', 'dairy')!;
    expect(row.gDiscarded).toBe(2_250);
    expect(row.gDiscardedByReason).toEqual({ spoiled: 1_500, expired: 0, temperature: 500, recall: 0, other: 250 });
  });

  it('counts packed grams per category from the ledger and signed adjustments, and no row for a freeze', () => {
    const day = at('2026-05-04T07:00:00Z');
    const rows = dailyTallies(
      [
        entry({ kind: 'pack', grams: -5_000, at: day }),
        entry({ kind: 'adjust', grams: -120, at: day, reason: 'scale recalibrated' }),
        entry({ kind: 'adjust', grams: 20, at: day }),
        entry({ kind: 'freeze', grams: 0, at: day, category: 'meat' }),
      ],
      [],
    );
    expect(find(rows, '2026-05-04', 'category', 'dairy')).toMatchObject({ gPacked: 5_000, gAdjusted: -100, gIn: 0 });
    expect(find(rows, '2026-05-04', 'category', 'meat')).toBeUndefined();
  });

  it('counts a bag as packed on its packing day and as delivered on its delivery day, for its type and its point', () => {
    const rows = dailyTallies(
      [],
      [
        bag({ bagId: 'b1', packedAt: at('2026-10-24T12:00:00Z'), pointId: 'anttola', deliveredAt: at('2026-10-25T08:00:00Z') }),
        bag({ bagId: 'b2', packedAt: at('2026-10-24T12:00:00Z'), weightG: 5_001 }),
      ],
    );
    expect(find(rows, '2026-10-24', 'bagType', 'food')).toMatchObject({ bagsPacked: 2, gPacked: 10_001, bagsDelivered: 0 });
    expect(find(rows, '2026-10-25', 'bagType', 'food')).toMatchObject({ bagsPacked: 0, bagsDelivered: 1, gDelivered: 5_000 });
    expect(find(rows, '2026-10-25', 'point', 'anttola')).toMatchObject({ bagsDelivered: 1, gDelivered: 5_000 });
    expect(rows.filter((r) => r.dimension === 'point')).toHaveLength(1);
  });

  it('keeps depots apart and sorts rows by day, depot, dimension and key', () => {
    const rows = dailyTallies(
      [
        entry({ kind: 'intake', grams: 1, at: at('2026-05-05T07:00:00Z'), depotId: 'b' }),
        entry({ kind: 'intake', grams: 1, at: at('2026-05-04T07:00:00Z'), depotId: 'b' }),
        entry({ kind: 'intake', grams: 1, at: at('2026-05-04T07:00:00Z'), depotId: 'a' }),
      ],
      [],
    );
    expect(rows.map((r) => `${r.day} ${r.depotId} ${r.dimension}`)).toEqual([
      '2026-05-04 a category',
      '2026-05-04 a donor',
      '2026-05-04 b category',
      '2026-05-04 b donor',
      '2026-05-05 b category',
      '2026-05-05 b donor',
    ]);
  });
});

describe('rollup', () => {
  const rows = dailyTallies(
    [
      entry({ kind: 'intake', grams: 1_000, at: at('2026-12-31T10:00:00Z') }),
      entry({ kind: 'intake', grams: 500, at: at('2027-01-01T10:00:00Z') }),
      entry({ kind: 'intake', grams: 250, at: at('2027-01-04T10:00:00Z') }),
    ],
    [],
  ).filter((r) => r.dimension === 'category');

  it('keeps days as they are', () => {
    expect(rollup(rows, 'day').map((r) => [r.period, r.gIn])).toEqual([
      ['2026-12-31', 1_000],
      ['2027-01-01', 500],
      ['2027-01-04', 250],
    ]);
  });

  it('adds days into ISO weeks, keeping New Year’s week whole', () => {
    expect(rollup(rows, 'week').map((r) => [r.period, r.gIn])).toEqual([
      ['2026-W53', 1_500],
      ['2027-W01', 250],
    ]);
  });

  it('adds days into local months', () => {
    expect(rollup(rows, 'month').map((r) => [r.period, r.gIn])).toEqual([
      ['2026-12', 1_000],
      ['2027-01', 750],
    ]);
  });

  it('counts an intake at 00:30 local on 1 November in November, not October', () => {
    const november = dailyTallies([entry({ kind: 'intake', grams: 7, at: at('2026-10-31T22:30:00Z') })], []);
    expect(rollup(november, 'month')[0].period).toBe('2026-11');
  });

  it('rolls up nothing into nothing', () => {
    expect(rollup([], 'month')).toEqual([]);
  });
});

describe('refusals in the tallies', () => {
  it('count on the donor and category rows of their local day, by reason, and move no stock figure', () => {
    const rows = dailyTallies(
      [entry({ kind: 'intake', grams: 10_000, at: at('2026-10-24T21:30:00Z') })],
      [],
      [
        { depotId: 'mikkeli', donorId: 'shop-a', category: 'dairy', grams: 2_500, reason: 'too_warm', at: at('2026-10-24T21:30:00Z') },
        { depotId: 'mikkeli', donorId: 'shop-a', category: 'meat', grams: 700, reason: 'damaged', at: at('2026-10-25T20:59:59Z') },
      ],
    );
    const donor = find(rows, '2026-10-25', 'donor', 'shop-a');
    expect(donor).toMatchObject({ gIn: 10_000, gRefused: 3_200, gRefusedByReason: { use_by_past: 0, too_warm: 2_500, damaged: 700, spoiled: 0, other: 0 } });
    expect(find(rows, '2026-10-25', 'category', 'meat')).toMatchObject({ gIn: 0, gRefused: 700, gDiscarded: 0, gPacked: 0 });
    expect(find(rows, '2026-10-25', 'category', 'dairy')?.gRefused).toBe(2_500);
    expect(tallyTotals(rows)).toMatchObject({ gIn: 10_000, gRefused: 3_200, gDiscarded: 0, gAdjusted: 0 });
    expect(tallyTotals(rollup(rows, 'month')).gRefusedByReason.too_warm).toBe(2_500);
  });
});

describe('tallyTotals', () => {
  it('counts every entry and bag once although each appears in two dimensions', () => {
    const day = at('2026-05-04T07:00:00Z');
    const rows = dailyTallies(
      [
        entry({ kind: 'intake', grams: 20_000, at: day }),
        entry({ kind: 'intake', grams: 3_000, at: day, donorId: 'bakery', category: 'bread' }),
        entry({ kind: 'discard', grams: -1_000, at: day, reason: 'expired' }),
        entry({ kind: 'pack', grams: -10_000, at: day }),
      ],
      [
        bag({ bagId: 'b1', packedAt: day, pointId: 'ristiina', deliveredAt: day }),
        bag({ bagId: 'b2', packedAt: day, pointId: 'ristiina', deliveredAt: day }),
        bag({ bagId: 'b3', packedAt: day, pointId: 'haukivuori', deliveredAt: null }),
      ],
    );
    expect(tallyTotals(rows)).toMatchObject({
      gIn: 23_000,
      gDiscarded: 1_000,
      bagsPacked: 3,
      gPacked: 15_000,
      bagsDelivered: 2,
      gDelivered: 10_000,
      pointsServed: 1,
    });
    expect(tallyTotals(rows).gDiscardedByReason.expired).toBe(1_000);
  });
});

describe('massBalance', () => {
  const march = { from: new Date('2026-03-01T00:00:00+02:00'), to: new Date('2026-04-01T00:00:00+03:00') };
  const entries = [
    entry({ kind: 'intake', grams: 4_000, at: at('2026-02-20T10:00:00Z') }),
    entry({ kind: 'intake', grams: 60_000, at: at('2026-03-29T10:00:00Z') }),
    entry({ kind: 'pack', grams: -50_000, at: at('2026-03-29T12:00:00Z') }),
    entry({ kind: 'discard', grams: -2_000, at: at('2026-03-30T12:00:00Z'), reason: 'spoiled' }),
    entry({ kind: 'adjust', grams: -500, at: at('2026-03-31T12:00:00Z') }),
    entry({ kind: 'freeze', grams: 0, at: at('2026-03-31T13:00:00Z') }),
    entry({ kind: 'intake', grams: 9_999, at: at('2026-04-02T10:00:00Z') }),
  ];

  it('balances intake against packed, discarded, adjustments and stock change', () => {
    expect(massBalance(entries, march.from, march.to)).toEqual({
      intakeG: 60_000,
      packedG: 50_000,
      discardedG: 2_000,
      adjustedG: -500,
      stockStartG: 4_000,
      stockEndG: 11_500,
      differenceG: 0,
    });
  });

  it('counts an entry at the start instant in the period and one at the end instant after it', () => {
    const balance = massBalance(
      [entry({ kind: 'intake', grams: 1, at: march.from }), entry({ kind: 'intake', grams: 10, at: march.to })],
      march.from,
      march.to,
    );
    expect(balance).toMatchObject({ intakeG: 1, stockStartG: 0, stockEndG: 1, differenceG: 0 });
  });

  it('balances an empty ledger and an empty period at zero', () => {
    expect(massBalance([], march.from, march.to).differenceG).toBe(0);
    expect(massBalance(entries, march.from, march.from)).toMatchObject({ intakeG: 0, stockStartG: 4_000, stockEndG: 4_000, differenceG: 0 });
  });

  it('shows a difference when a freeze entry wrongly moves grams', () => {
    const broken = [...entries, entry({ kind: 'freeze', grams: 5, at: at('2026-03-15T10:00:00Z') })];
    expect(massBalance(broken, march.from, march.to).differenceG).toBe(-5);
  });

  it('refuses a period that ends before it starts', () => {
    expect(() => massBalance(entries, march.to, march.from)).toThrow(RangeError);
  });
});

// Random histories around both DST changes of 2026, with the sign each kind carries.
const dstWindows = [Date.UTC(2026, 2, 27), Date.UTC(2026, 9, 23)];
const instant = fc
  .tuple(fc.constantFrom(...dstWindows), fc.integer({ min: 0, max: 5 * 24 * 60 - 1 }))
  .map(([start, minute]) => new Date(start + minute * 60_000));
const ledgerEntry = fc
  .record({
    kind: fc.constantFrom<LedgerEntry['kind'][]>('intake', 'pack', 'discard', 'adjust', 'freeze'),
    magnitude: fc.integer({ min: 1, max: 5_000_000 }),
    sign: fc.constantFrom(1, -1),
    at: instant,
    reason: fc.constantFrom(...DISCARD_REASONS, 'typo', null),
    depotId: fc.constantFrom('mikkeli', 'juva'),
    donorId: fc.constantFrom('shop-a', 'shop-b', 'farm'),
    category: fc.constantFrom<LedgerEntry['category'][]>('dairy', 'bread', 'meat'),
  })
  .map(({ kind, magnitude, sign, ...rest }): LedgerEntry => ({
    ...rest,
    lotId: 'lot',
    kind,
    grams: kind === 'intake' ? magnitude : kind === 'freeze' ? 0 : kind === 'adjust' ? sign * magnitude : -magnitude,
  }));
const bagRecord = fc
  .record({
    bagType: fc.constantFrom(...BAG_TYPES),
    weightG: fc.integer({ min: 1, max: 10_000 }),
    packedAt: instant,
    delivered: fc.option(fc.tuple(fc.constantFrom('anttola', 'ristiina'), instant), { nil: null }),
    contents: fc.array(fc.record({ donorId: fc.constantFrom('shop-a', 'farm-b'), category: fc.constantFrom('dairy', 'bread', 'frozen' as const) }), { maxLength: 4 }),
  })
  .map(({ delivered, ...rest }): BagRecord => ({
    ...rest,
    bagId: 'bag',
    depotId: 'mikkeli',
    pointId: delivered?.[0] ?? null,
    deliveredAt: delivered?.[1] ?? null,
  }));

describe('bags packed per category and donor', () => {
  it('counts a bag once for every category and every donor whose food is in it, on the day it was packed', () => {
    const packedAt = at('2026-05-04T22:30:00Z'); // 01:30 on 5 May in Helsinki
    const rows = dailyTallies([], [
      bag({ bagId: 'b1', packedAt, contents: [{ donorId: 'shop-a', category: 'dairy' }, { donorId: 'shop-a', category: 'bread' }, { donorId: 'farm-b', category: 'bread' }] }),
      bag({ bagId: 'b2', packedAt, contents: [{ donorId: 'farm-b', category: 'bread' }] }),
    ]);
    expect(rows.filter((r) => r.dimension !== 'bagType').map((r) => [r.day, r.dimension, r.key, r.bagsPacked, r.gPacked])).toEqual([
      ['2026-05-05', 'category', 'bread', 2, 0],
      ['2026-05-05', 'category', 'dairy', 1, 0],
      ['2026-05-05', 'donor', 'farm-b', 2, 0],
      ['2026-05-05', 'donor', 'shop-a', 1, 0],
    ]);
    // The total of bags packed is still the bags, each once.
    expect(tallyTotals(rows).bagsPacked).toBe(2);
  });
});

describe('tallies, for any history', () => {
  it('keep the mass balance exact to the gram for any period', () => {
    fc.assert(
      fc.property(fc.array(ledgerEntry, { maxLength: 60 }), instant, instant, (entries, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const balance = massBalance(entries, from, to);
        expect(balance.differenceG).toBe(0);
        const inPeriod = entries.filter((e) => e.at >= from && e.at < to);
        expect(balance.stockEndG - balance.stockStartG).toBe(inPeriod.reduce((s, e) => s + e.grams, 0));
      }),
    );
  });

  it('give each day exactly what the ledger and the bags hold for that local day’s instants, DST days included', () => {
    // Rows of one day share its bounds; working them out once keeps the 100 runs quick.
    const ranges = new Map<string, ReturnType<typeof localDayRange>>();
    const dayRange = (day: string) => ranges.get(day) ?? ranges.set(day, localDayRange(day)).get(day)!;
    fc.assert(
      fc.property(fc.array(ledgerEntry, { maxLength: 60 }), fc.array(bagRecord, { maxLength: 30 }), (entries, bags) => {
        const rows = dailyTallies(entries, bags);
        for (const row of rows) {
          const { start, end } = dayRange(row.day);
          const within = (d: Date) => d >= start && d < end;
          if (row.dimension === 'category' || row.dimension === 'donor') {
            const mine = entries.filter(
              (e) => e.depotId === row.depotId && within(e.at) && (row.dimension === 'category' ? e.category : e.donorId) === row.key,
            );
            const gramsOf = (kind: LedgerEntry['kind']) => mine.filter((e) => e.kind === kind).reduce((s, e) => s + e.grams, 0);
            expect(row.gIn).toBe(gramsOf('intake'));
            expect(row.gDiscarded).toBe(0 - gramsOf('discard'));
            expect(row.gPacked).toBe(0 - gramsOf('pack'));
            expect(row.gAdjusted).toBe(gramsOf('adjust'));
            expect(Object.values(row.gDiscardedByReason).reduce((s, g) => s + g, 0)).toBe(row.gDiscarded);
            const holding = bags.filter((b) => b.depotId === row.depotId && within(b.packedAt)
              && b.contents.some((c) => (row.dimension === 'category' ? c.category : c.donorId) === row.key));
            expect(row.bagsPacked).toBe(holding.length);
          } else {
            const mine = bags.filter((b) => (row.dimension === 'bagType' ? b.bagType === row.key : b.pointId === row.key));
            const delivered = mine.filter((b) => b.deliveredAt !== null && within(b.deliveredAt));
            expect(row.bagsDelivered).toBe(delivered.length);
            expect(row.gDelivered).toBe(delivered.reduce((s, b) => s + b.weightG, 0));
            if (row.dimension === 'bagType') {
              const packed = mine.filter((b) => within(b.packedAt));
              expect(row.bagsPacked).toBe(packed.length);
              expect(row.gPacked).toBe(packed.reduce((s, b) => s + b.weightG, 0));
            }
          }
        }
        // Nothing is lost between the days, the weeks and the months.
        const total = tallyTotals(rows);
        expect(total.gIn).toBe(entries.filter((e) => e.kind === 'intake').reduce((s, e) => s + e.grams, 0));
        expect(total.bagsPacked).toBe(bags.length);
        for (const period of ['week', 'month'] as const) expect(tallyTotals(rollup(rows, period))).toEqual(total);
        const instants = [
          ...entries.filter((e) => e.kind !== 'freeze').map((e) => e.at),
          ...bags.flatMap((b) => (b.deliveredAt ? [b.packedAt, b.deliveredAt] : [b.packedAt])),
        ];
        expect(new Set(rows.map((r) => r.day))).toEqual(new Set(instants.map(localDate)));
      }),
    );
  });
});
