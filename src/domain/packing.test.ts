import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAG_MIN_G, BAG_TYPES, CATEGORIES, DATE_KINDS, TEMPERATURE_CLASSES } from './categories.ts';
import { addDays } from './dates.ts';
import type { FefoLot, LotPick } from './fefo.ts';
import { type PackingPlan, type PackingRequest, type PackingResult, planPackingRun } from './packing.ts';
import { en, fi } from '../i18n/messages.ts';

const onDate = '2026-10-25'; // the autumn DST day in Helsinki

const lot = (id: string, over: Partial<FefoLot> = {}): FefoLot => ({
  id,
  receivedAt: new Date('2026-10-20T08:00:00Z'),
  category: 'dairy',
  temperatureClass: 'chilled',
  dateKind: 'use_by',
  date: '2026-10-28',
  onHold: false,
  stockG: 10_000,
  frozenOn: null,
  passedCheckOn: null,
  ...over,
});
const bread = (id: string, stockG: number, over: Partial<FefoLot> = {}) =>
  lot(id, { category: 'bread', temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-10-26', stockG, ...over });

const plan = (request: Partial<PackingRequest> & Pick<PackingRequest, 'lots'>): PackingResult =>
  planPackingRun({ bagType: 'food', bagCount: 1, onDate, allowPartial: false, ...request });

function expectPlan(result: PackingResult): PackingPlan {
  if (!result.ok) throw new Error(`expected a plan, got ${result.rule}: ${result.message(en)}`);
  return result;
}

const weights = (p: PackingPlan) => p.bags.map((b) => b.weightG);
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('planPackingRun with FEFO', () => {
  it('fills every bag to the bag type’s target weight', () => {
    const result = expectPlan(plan({ bagType: 'bread', bagCount: 3, lots: [bread('loaf', 7_000)] }));
    expect(weights(result)).toEqual([2_000, 2_000, 2_000]);
    expect(result.picks).toEqual([{ lotId: 'loaf', grams: 6_000 }]);
    expect(result).toMatchObject({ targetG: 2_000, requestedBags: 3, totalG: 6_000 });
  });

  it('uses a target weight the run names instead of the bag type’s', () => {
    const result = expectPlan(plan({ bagType: 'bread', bagCount: 2, targetG: 2_500, lots: [bread('loaf', 7_000)] }));
    expect(weights(result)).toEqual([2_500, 2_500]);
  });

  it('makes every bag when stock is exactly enough', () => {
    const result = expectPlan(plan({ bagCount: 2, lots: [lot('a', { stockG: 6_000 }), lot('b', { stockG: 4_000, date: '2026-10-29' })] }));
    expect(weights(result)).toEqual([5_000, 5_000]);
    expect(result.picks).toEqual([{ lotId: 'a', grams: 6_000 }, { lotId: 'b', grams: 4_000 }]);
  });

  it('spreads each lot over all bags so every food bag gets a share of everything', () => {
    const result = expectPlan(plan({ bagCount: 2, lots: [lot('milk', { stockG: 6_000 }), lot('eggs', { category: 'eggs', dateKind: 'best_before', stockG: 4_000, date: '2026-10-29' })] }));
    for (const bag of result.bags) expect(bag.contents.map((c) => c.lotId)).toEqual(['milk', 'eggs']);
  });

  it('refuses, saying how many bags are possible, when stock is short and partial runs are not allowed', () => {
    const result = plan({ bagType: 'bread', bagCount: 5, lots: [bread('loaf', 9_500)] });
    expect(result).toMatchObject({ ok: false, rule: 'insufficient_stock', requestedBags: 5, availableBags: 4, availableG: 9_500 });
  });

  it('makes only the full bags the stock allows when partial runs are allowed', () => {
    const result = expectPlan(plan({ bagType: 'bread', bagCount: 5, allowPartial: true, lots: [bread('loaf', 9_500)] }));
    expect(weights(result)).toEqual([2_000, 2_000, 2_000, 2_000]);
    expect(result).toMatchObject({ requestedBags: 5, totalG: 8_000 });
  });

  it('says why a partial run made fewer bags: the usable stock by class, as a refusal would', () => {
    const result = expectPlan(plan({ bagType: 'bread', bagCount: 5, allowPartial: true, lots: [bread('loaf', 9_500)] }));
    expect(result.shortage).toMatchObject({ availableBags: 4, availableG: 9_500 });
    expect(result.shortage!.availableByClass.find((c) => c.temperatureClass === 'ambient')).toEqual({ temperatureClass: 'ambient', availableG: 9_500, availableBags: 4 });
    expect(expectPlan(plan({ bagType: 'bread', bagCount: 4, allowPartial: true, lots: [bread('loaf', 9_500)] })).shortage).toBeUndefined();
  });

  it('refuses even a partial run that cannot fill one bag', () => {
    expect(plan({ bagType: 'bread', bagCount: 5, allowPartial: true, lots: [bread('loaf', 1_999)] })).toMatchObject({
      ok: false,
      rule: 'insufficient_stock',
      availableBags: 0,
      availableG: 1_999,
    });
  });

  it('refuses a run from empty stock', () => {
    expect(plan({ bagCount: 1, lots: [] })).toMatchObject({ ok: false, rule: 'insufficient_stock', availableBags: 0, availableG: 0 });
  });

  it('does not pack a lot past its use-by date, nor a lot on hold', () => {
    const lots = [lot('past', { date: '2026-10-24' }), lot('held', { onHold: true }), lot('good', { date: '2026-10-30' })];
    expect(expectPlan(plan({ lots })).picks).toEqual([{ lotId: 'good', grams: 5_000 }]);
  });

  it('does not mutate the lots it was given', () => {
    const lots = [lot('a'), lot('b')];
    const before = structuredClone(lots);
    plan({ bagCount: 3, lots });
    expect(lots).toEqual(before);
  });

  it('refuses a bag count or target weight the edge should have caught', () => {
    expect(() => plan({ bagCount: 0, lots: [] })).toThrow(RangeError);
    expect(() => plan({ bagCount: 1.5, lots: [] })).toThrow(RangeError);
    expect(() => plan({ targetG: 0, lots: [] })).toThrow(RangeError);
  });
});

describe('the hand-out date of a bag', () => {
  it('is the earliest limit of its contents, an undated loaf included', () => {
    const lots = [lot('milk', { stockG: 2_000, date: '2026-10-28' }), lot('loaf', { category: 'bread', temperatureClass: 'ambient', dateKind: 'none', date: null })];
    const result = expectPlan(plan({ bagCount: 1, lots }));
    expect(result.bags[0].handOutBy).toBe('2026-10-22'); // received 20.10 + 2 days: before the milk's use-by
  });

  it('uses the run’s food policy for food frozen from chilled', () => {
    const meat = lot('meat', { category: 'meat', temperatureClass: 'frozen', date: '2026-10-21', frozenOn: '2026-10-21' });
    const result = expectPlan(plan({ temperatureClass: 'frozen', policy: { frozenShelfDays: 30, bestBeforeCheckDays: 7 }, lots: [meat] }));
    expect(result.bags[0]).toMatchObject({ earliestUseBy: null, handOutBy: '2026-11-20' });
  });
});

describe('earliest use-by of a bag', () => {
  it('is the earliest use-by among its contents, ignoring best-before dates', () => {
    const lots = [lot('milk', { stockG: 2_000, date: '2026-10-27' }), lot('ham', { category: 'ready_meals', date: '2026-10-29' }), lot('cheese', { dateKind: 'best_before', date: '2026-10-25' })];
    const result = expectPlan(plan({ bagCount: 1, lots }));
    expect(result.bags[0].earliestUseBy).toBe('2026-10-27');
  });

  it('is null for a bag with no use-by food', () => {
    expect(expectPlan(plan({ bagType: 'bread', lots: [bread('loaf', 2_000)] })).bags[0].earliestUseBy).toBeNull();
  });

  it('ignores a lot frozen in time: its use-by no longer limits when the bag may be handed out', () => {
    const lots = [
      lot('frozen-meat', { category: 'meat', temperatureClass: 'frozen', date: '2026-10-20', frozenOn: '2026-10-19', stockG: 3_000 }),
      lot('frozen-later', { category: 'meat', temperatureClass: 'frozen', date: '2026-11-01', frozenOn: '2026-10-24', stockG: 2_000 }),
    ];
    expect(expectPlan(plan({ temperatureClass: 'frozen', lots })).bags[0].earliestUseBy).toBeNull();
  });

  it('keeps the use-by of frozen cold-smoked fish', () => {
    const salmon = lot('salmon', { category: 'smoked_fish', temperatureClass: 'frozen', date: '2026-10-26', frozenOn: '2026-10-20' });
    expect(expectPlan(plan({ temperatureClass: 'frozen', lots: [salmon] })).bags[0].earliestUseBy).toBe('2026-10-26');
  });

  it('differs between bags when a lot reaches only some of them', () => {
    const lots = [lot('a', { stockG: 1, date: '2026-10-26' }), lot('b', { dateKind: 'none', date: null })];
    const result = expectPlan(plan({ bagCount: 2, lots }));
    expect(result.bags.map((b) => b.earliestUseBy)).toEqual(['2026-10-26', null]);
  });
});

describe('planPackingRun with named lots', () => {
  it('spreads the named grams evenly over the bags, bags at most 1 g apart, exact to the gram', () => {
    const lots = [lot('a', { stockG: 20_000 }), lot('b')];
    const picks: LotPick[] = [{ lotId: 'a', grams: 10_001 }, { lotId: 'b', grams: 2 }];
    const result = expectPlan(plan({ bagCount: 4, lots, picks }));
    expect(weights(result)).toEqual([2_501, 2_501, 2_501, 2_500]);
    expect(result.bags[0].contents).toEqual([{ lotId: 'a', grams: 2_501 }]);
    expect(result.bags[1].contents).toEqual([{ lotId: 'a', grams: 2_500 }, { lotId: 'b', grams: 1 }]);
    expect(result.picks).toEqual(picks);
    expect(result.totalG).toBe(10_003);
  });

  it('takes a lot’s whole stock exactly and ignores the target weight', () => {
    const result = expectPlan(plan({ bagCount: 2, lots: [lot('a', { stockG: 3_000 })], picks: [{ lotId: 'a', grams: 3_000 }] }));
    expect(weights(result)).toEqual([1_500, 1_500]);
  });

  it('refuses more grams than the lot holds, saying what it holds', () => {
    expect(plan({ lots: [lot('a', { stockG: 3_000 })], picks: [{ lotId: 'a', grams: 3_001 }] })).toMatchObject({
      ok: false,
      rule: 'exceeds_stock',
      lotId: 'a',
      availableG: 3_000,
    });
  });

  it('refuses a named lot past its use-by date with the food-safety rule', () => {
    expect(plan({ lots: [lot('a', { date: '2026-10-24' })], picks: [{ lotId: 'a', grams: 1_000 }] })).toMatchObject({
      ok: false,
      rule: 'use_by_past',
      lotId: 'a',
    });
  });

  it('refuses an unknown lot, a lot named twice, a wrong category and a non-positive weight', () => {
    const lots = [lot('a'), bread('loaf', 5_000)];
    expect(plan({ lots, picks: [{ lotId: 'x', grams: 1 }] })).toMatchObject({ rule: 'unknown_lot', lotId: 'x' });
    expect(plan({ lots, picks: [{ lotId: 'a', grams: 1 }, { lotId: 'a', grams: 2 }] })).toMatchObject({ rule: 'duplicate_lot' });
    expect(plan({ bagType: 'bread', lots, picks: [{ lotId: 'a', grams: 1_000 }] })).toMatchObject({ rule: 'wrong_category', lotId: 'a' });
    expect(plan({ lots, picks: [{ lotId: 'a', grams: 0 }] })).toMatchObject({ rule: 'invalid_weight' });
  });

  it('refuses fewer grams than bags, since every bag must hold something', () => {
    expect(plan({ bagCount: 3, lots: [lot('a')], picks: [{ lotId: 'a', grams: 2 }] })).toMatchObject({ rule: 'too_few_grams' });
    expect(plan({ bagCount: 3, lots: [lot('a')], picks: [] })).toMatchObject({ rule: 'too_few_grams' });
  });

  it('does not make bags lighter than the bag type allows: 1,000 bags of 1 g is a typo', () => {
    const big = lot('a', { stockG: 2_000_000 });
    expect(plan({ bagCount: 1_000, lots: [big], picks: [{ lotId: 'a', grams: 1_000 }] })).toMatchObject({ rule: 'too_few_grams' });
    const tiny = plan({ bagCount: 1_000, lots: [big], targetG: 1 });
    expect(tiny).toMatchObject({ rule: 'too_few_grams' });
    expect(!tiny.ok && tiny.message(en)).toBe('a food bag weighs at least 1 kg, not 0.001 kg');
    expect(plan({ bagCount: 2, lots: [big], picks: [{ lotId: 'a', grams: 2 * BAG_MIN_G.food }] })).toMatchObject({ ok: true });
    expect(plan({ bagCount: 2, lots: [big], targetG: BAG_MIN_G.food })).toMatchObject({ ok: true });
    expect(plan({ bagCount: 2, lots: [big], targetG: BAG_MIN_G.food - 1 })).toMatchObject({ rule: 'too_few_grams' });
  });
});

const localDateNear = fc.integer({ min: -4, max: 4 }).map((n) => addDays(onDate, n));
const arbitraryLots = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    receivedAt: fc.integer({ min: 0, max: 3 }).map((h) => new Date(Date.UTC(2026, 9, 20, h))),
    category: fc.constantFrom(...CATEGORIES),
    temperatureClass: fc.constantFrom(...TEMPERATURE_CLASSES),
    dateKind: fc.constantFrom(...DATE_KINDS),
    date: fc.option(localDateNear, { nil: null }),
    onHold: fc.boolean(),
    stockG: fc.integer({ min: 0, max: 30_000 }),
    frozenOn: fc.option(localDateNear, { nil: null }),
    passedCheckOn: fc.option(localDateNear, { nil: null }),
  }),
  { selector: (l) => l.id, maxLength: 12 },
);

function expectExactPlan(result: PackingPlan, lots: readonly FefoLot[]) {
  const stock = new Map(lots.map((l) => [l.id, l.stockG]));
  expect(sum(weights(result))).toBe(result.totalG);
  expect(sum(result.picks.map((p) => p.grams))).toBe(result.totalG);
  for (const pick of result.picks) {
    expect(pick.grams).toBeLessThanOrEqual(stock.get(pick.lotId)!);
    const inBags = result.bags.flatMap((b) => b.contents).filter((c) => c.lotId === pick.lotId);
    expect(sum(inBags.map((c) => c.grams))).toBe(pick.grams);
  }
  for (const bag of result.bags) {
    expect(bag.weightG).toBe(sum(bag.contents.map((c) => c.grams)));
    expect(bag.contents.every((c) => Number.isSafeInteger(c.grams) && c.grams > 0)).toBe(true);
  }
}

describe('planPackingRun, for any stock', () => {
  it('makes full bags whose weights add up to the picks to the gram', () => {
    fc.assert(
      fc.property(
        arbitraryLots,
        fc.constantFrom(...BAG_TYPES),
        fc.integer({ min: 1, max: 30 }),
        fc.boolean(),
        (lots, bagType, bagCount, allowPartial) => {
          const result = planPackingRun({ bagType, bagCount, onDate, allowPartial, lots });
          if (!result.ok) {
            // Raw meat or fish and ready-to-eat food that do not split into separate bags are refused too.
            expect(['insufficient_stock', 'raw_with_ready_to_eat']).toContain(result.rule);
            if (result.rule === 'insufficient_stock') expect(result.availableBags < bagCount && (!allowPartial || result.availableBags === 0)).toBe(true);
            return;
          }
          expectExactPlan(result, lots);
          expect(result.bags.every((b) => b.weightG === result.targetG)).toBe(true);
          expect(result.bags.length === bagCount || allowPartial).toBe(true);
        },
      ),
    );
  });

  it('spreads any named grams so that bags differ by at most 1 g and nothing is lost', () => {
    const named = fc
      .array(fc.integer({ min: 1, max: 50_000 }), { minLength: 1, maxLength: 8 })
      .map((grams) => ({
        lots: grams.map((g, i) => lot(`l${i}`, { dateKind: 'none', date: null, stockG: g + i })),
        picks: grams.map((g, i) => ({ lotId: `l${i}`, grams: g })),
      }));
    fc.assert(
      fc.property(named, fc.integer({ min: 1, max: 40 }), ({ lots, picks }, bagCount) => {
        fc.pre(sum(picks.map((p) => p.grams)) >= bagCount * BAG_MIN_G.family);
        const result = expectPlan(planPackingRun({ bagType: 'family', bagCount, onDate, allowPartial: false, lots, picks }));
        expectExactPlan(result, lots);
        expect(result.bags).toHaveLength(bagCount);
        expect(Math.max(...weights(result)) - Math.min(...weights(result))).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('bag temperature class', () => {
  const frozenMeat = lot('frozen-meat', { category: 'meat', temperatureClass: 'frozen', frozenOn: '2026-10-20', stockG: 10_000 });
  const milk = lot('milk', { stockG: 3_000 });
  const loaves = bread('loaves', 10_000);

  it('packs food bags chilled by default: chilled and ambient lots, never frozen ones', () => {
    const result = expectPlan(plan({ bagCount: 2, lots: [frozenMeat, milk, loaves] }));
    expect(result.temperatureClass).toBe('chilled');
    expect(result.picks.map((p) => p.lotId).sort()).toEqual(['loaves', 'milk']);
  });

  it('packs a frozen bag only from frozen lots', () => {
    const result = expectPlan(plan({ temperatureClass: 'frozen', lots: [milk, loaves, frozenMeat] }));
    expect(result.picks).toEqual([{ lotId: 'frozen-meat', grams: 5_000 }]);
  });

  it('packs bread bags ambient by default and an ambient bag only from ambient lots', () => {
    expect(expectPlan(plan({ bagType: 'bread', lots: [loaves] })).temperatureClass).toBe('ambient');
    const result = expectPlan(plan({ temperatureClass: 'ambient', lots: [milk, loaves] }));
    expect(result.picks.map((p) => p.lotId)).toEqual(['loaves']);
  });

  it('answers a frozen run over chilled stock with what each class could pack', () => {
    const result = plan({ temperatureClass: 'frozen', bagCount: 2, lots: [lot('a', { stockG: 10_000 }), loaves] });
    expect(result).toMatchObject({ ok: false, rule: 'insufficient_stock', availableBags: 0 });
    if (result.ok || result.rule !== 'insufficient_stock') throw new Error('expected a shortage');
    expect(result.availableByClass).toEqual([
      { temperatureClass: 'ambient', availableG: 10_000, availableBags: 2 },
      { temperatureClass: 'chilled', availableG: 20_000, availableBags: 4 },
      { temperatureClass: 'frozen', availableG: 0, availableBags: 0 },
    ]);
  });

  it('refuses a named lot of a class the bag does not take', () => {
    expect(plan({ temperatureClass: 'frozen', lots: [milk], picks: [{ lotId: 'milk', grams: 1_000 }] }))
      .toMatchObject({ ok: false, rule: 'wrong_temperature_class', lotId: 'milk' });
  });
});

describe('a run that finds nothing says why', () => {
  it('names the kilos the rules keep out, by reason', () => {
    const lots = [
      bread('stale', 12_500, { date: '2026-10-20' }),
      bread('held', 1_000, { onHold: true }),
    ];
    const result = plan({ bagType: 'bread', bagCount: 3, lots });
    if (result.ok || result.rule !== 'insufficient_stock') throw new Error('expected a shortage');
    expect(result.unusable).toEqual([{ rule: 'best_before_unchecked', grams: 12_500 }, { rule: 'on_hold', grams: 1_000 }]);
    expect(result.message(en)).toContain('12.5 kg past best-before, not checked, 1 kg on hold');
    expect(result.message(fi)).toContain('12,5 kg parasta ennen mennyt, tarkastamatta, 1 kg pidätetty');
    expect(result.message(fi)).not.toMatch(/[a-z]_[a-z]/);
  });
});

describe('raw meat and fish never share a bag with ready-to-eat food (issue 18, item 9)', () => {
  const mince = (id: string, stockG: number) => lot(id, { category: 'minced_meat', date: '2026-10-26', stockG });
  const sandwich = (id: string, stockG: number) => lot(id, { category: 'ready_meals', date: '2026-10-27', stockG });
  const pasta = (id: string, stockG: number) => lot(id, { category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-05-01', stockG });
  const sideOf = (id: string) => (id.startsWith('mince') ? 'raw' : id.startsWith('sandwich') ? 'ready' : 'neither');

  it('splits a FEFO run into raw bags topped up with food of neither side, and ready-to-eat bags', () => {
    const result = expectPlan(plan({ bagCount: 3, lots: [mince('mince', 4_000), sandwich('sandwich', 6_000), pasta('pasta', 20_000)] }));
    expect(weights(result)).toEqual([5_000, 5_000, 5_000]);
    for (const bag of result.bags) {
      const sides = new Set(bag.contents.map((c) => sideOf(c.lotId)));
      expect(sides.has('raw') && sides.has('ready')).toBe(false);
    }
    expect(result.bags[0].contents).toEqual([{ lotId: 'mince', grams: 4_000 }, { lotId: 'pasta', grams: 1_000 }]);
    expect(result.picks).toEqual([{ lotId: 'mince', grams: 4_000 }, { lotId: 'sandwich', grams: 6_000 }, { lotId: 'pasta', grams: 5_000 }]);
  });

  it('answers raw_with_ready_to_eat when the kilos of each side do not split into whole bags', () => {
    const result = plan({ bagCount: 2, lots: [mince('mince', 2_500), sandwich('sandwich', 7_500)] });
    expect(result).toMatchObject({ ok: false, rule: 'raw_with_ready_to_eat', rawG: 2_500, readyToEatG: 7_500, rawCategories: ['minced_meat'], readyToEatCategories: ['ready_meals'] });
    expect((result as { message: (m: typeof fi) => string }).message(fi)).toContain('raakaa lihaa tai kalaa');
  });

  it('refuses named lots of both sides in one run', () => {
    const result = plan({ bagCount: 2, lots: [mince('mince', 4_000), sandwich('sandwich', 6_000)], picks: [{ lotId: 'mince', grams: 2_000 }, { lotId: 'sandwich', grams: 2_000 }] });
    expect(result).toMatchObject({ ok: false, rule: 'raw_with_ready_to_eat', rawG: 2_000, readyToEatG: 2_000 });
  });

  it('keeps any run of FEFO bags side-pure, whatever the stock', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.constantFrom('mince', 'sandwich', 'pasta'), fc.integer({ min: 500, max: 12_000 })), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 5 }), (stock, bagCount) => {
        const lots = stock.map(([kind, g], i) => (kind === 'mince' ? mince : kind === 'sandwich' ? sandwich : pasta)(`${kind}-${i}`, g));
        const result = plan({ bagCount, lots, allowPartial: true });
        if (!result.ok) return;
        expect(sum(result.bags.map((b) => b.weightG))).toBe(result.totalG);
        for (const bag of result.bags) {
          const sides = new Set(bag.contents.map((c) => sideOf(c.lotId)));
          expect(sides.has('raw') && sides.has('ready')).toBe(false);
        }
      }));
  });
});
