import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAG_TYPES, CATEGORIES, DATE_KINDS, TEMPERATURE_CLASSES, bagTakes } from './categories.ts';
import { addDays } from './dates.ts';
import { type FefoLot, orderFefo, pickFefo } from './fefo.ts';
import { packability } from './food-safety.ts';

const onDate = '2026-03-29';

const lot = (id: string, over: Partial<FefoLot> = {}): FefoLot => ({
  id,
  receivedAt: new Date('2026-03-20T08:00:00Z'),
  category: 'dairy',
  temperatureClass: 'chilled',
  dateKind: 'use_by',
  date: '2026-04-01',
  onHold: false,
  stockG: 10_000,
  frozenOn: null,
  passedCheckOn: null,
  ...over,
});

const ids = (lots: readonly FefoLot[]) => lots.map((l) => l.id);

describe('orderFefo', () => {
  it('puts use-by before best-before before undated food, whatever the dates', () => {
    const lots = [
      lot('none', { dateKind: 'none', date: null }),
      lot('bb', { dateKind: 'best_before', date: '2026-03-01' }),
      lot('ub', { dateKind: 'use_by', date: '2026-05-01' }),
    ];
    expect(ids(orderFefo(lots))).toEqual(['ub', 'bb', 'none']);
  });

  it('takes the earliest date first within a kind', () => {
    expect(ids(orderFefo([lot('late', { date: '2026-04-02' }), lot('early', { date: '2026-03-30' })]))).toEqual(['early', 'late']);
  });

  it('breaks equal dates by the oldest intake, then by id', () => {
    const lots = [
      lot('c', { receivedAt: new Date('2026-03-21T08:00:00Z') }),
      lot('b', { receivedAt: new Date('2026-03-20T08:00:00Z') }),
      lot('a', { receivedAt: new Date('2026-03-21T08:00:00Z') }),
    ];
    expect(ids(orderFefo(lots))).toEqual(['b', 'a', 'c']);
  });

  it('returns a new array and leaves the input in its order', () => {
    const lots = [lot('b', { date: '2026-04-02' }), lot('a')];
    const before = structuredClone(lots);
    const ordered = orderFefo(lots);
    expect(ordered).not.toBe(lots);
    expect(lots).toEqual(before);
  });

  it('orders an empty list as empty', () => {
    expect(orderFefo([])).toEqual([]);
  });

  it('gives the same order for any arrangement of the same lots', () => {
    const lots = [
      lot('a'),
      lot('b'),
      lot('c', { date: '2026-03-30' }),
      lot('d', { dateKind: 'none', date: null }),
      lot('e', { dateKind: 'none', date: null }),
    ];
    const expected = ids(orderFefo(lots));
    fc.assert(fc.property(fc.shuffledSubarray(lots, { minLength: lots.length }), (shuffled) => {
      expect(ids(orderFefo(shuffled))).toEqual(expected);
    }));
  });
});

describe('pickFefo', () => {
  it('takes from the first-expiring lot first and from the next only what is missing', () => {
    const result = pickFefo([lot('b', { date: '2026-04-05' }), lot('a', { stockG: 3_000 })], 5_000, { onDate, bagType: 'food' });
    expect(result).toEqual({ picks: [{ lotId: 'a', grams: 3_000 }, { lotId: 'b', grams: 2_000 }], pickedG: 5_000, shortfallG: 0 });
  });

  it('takes exactly a lot’s whole stock when that is exactly what is needed', () => {
    const result = pickFefo([lot('a', { stockG: 5_000 }), lot('b', { date: '2026-04-05' })], 5_000, { onDate, bagType: 'food' });
    expect(result.picks).toEqual([{ lotId: 'a', grams: 5_000 }]);
  });

  it('reports the shortfall when stock is short', () => {
    const result = pickFefo([lot('a', { stockG: 4_000 })], 5_000, { onDate, bagType: 'food' });
    expect(result).toEqual({ picks: [{ lotId: 'a', grams: 4_000 }], pickedG: 4_000, shortfallG: 1_000 });
  });

  it('reports the whole need as shortfall from empty stock', () => {
    expect(pickFefo([], 5_000, { onDate, bagType: 'food' })).toEqual({ picks: [], pickedG: 0, shortfallG: 5_000 });
  });

  it('picks nothing when nothing is needed', () => {
    expect(pickFefo([lot('a')], 0, { onDate, bagType: 'food' })).toEqual({ picks: [], pickedG: 0, shortfallG: 0 });
  });

  it('does not pack a lot past its use-by date', () => {
    const result = pickFefo([lot('old', { date: '2026-03-28' }), lot('ok')], 1_000, { onDate, bagType: 'food' });
    expect(result.picks).toEqual([{ lotId: 'ok', grams: 1_000 }]);
  });

  it('skips lots on hold, lots past best-before without a check and lots too long past it', () => {
    const lots = [
      lot('held', { onHold: true, date: '2026-03-29' }),
      lot('unchecked', { dateKind: 'best_before', date: '2026-03-20' }),
      lot('checked', { dateKind: 'best_before', date: '2026-03-27', passedCheckOn: '2026-03-29' }),
      lot('too-old', { dateKind: 'best_before', date: '2026-03-21', passedCheckOn: '2026-03-29' }),
    ];
    expect(pickFefo(lots, 1_000, { onDate, bagType: 'food' }).picks).toEqual([{ lotId: 'checked', grams: 1_000 }]);
  });

  it('takes only categories the bag type takes', () => {
    const lots = [lot('milk'), lot('loaf', { category: 'bread', temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-03-31' })];
    expect(pickFefo(lots, 1_000, { onDate, bagType: 'bread' }).picks).toEqual([{ lotId: 'loaf', grams: 1_000 }]);
    expect(pickFefo(lots, 1_000, { onDate, bagType: 'hygiene' }).shortfallG).toBe(1_000);
  });

  it('refuses a negative or fractional need', () => {
    expect(() => pickFefo([], -1, { onDate, bagType: 'food' })).toThrow(RangeError);
    expect(() => pickFefo([], 0.5, { onDate, bagType: 'food' })).toThrow(RangeError);
  });
});

const localDateNear = fc.integer({ min: -5, max: 5 }).map((n) => addDays(onDate, n));
const arbitraryLots = fc.uniqueArray(
  fc.record({
    id: fc.string({ minLength: 1, maxLength: 4 }),
    receivedAt: fc.integer({ min: 0, max: 3 }).map((h) => new Date(Date.UTC(2026, 2, 20, h))),
    category: fc.constantFrom(...CATEGORIES),
    temperatureClass: fc.constantFrom(...TEMPERATURE_CLASSES),
    dateKind: fc.constantFrom(...DATE_KINDS),
    date: fc.option(localDateNear, { nil: null }),
    onHold: fc.boolean(),
    stockG: fc.integer({ min: 0, max: 20_000 }),
    frozenOn: fc.option(localDateNear, { nil: null }),
    passedCheckOn: fc.option(localDateNear, { nil: null }),
  }),
  { selector: (l) => l.id, maxLength: 12 },
);

describe('pickFefo, for any stock', () => {
  it('never takes more than a lot holds, never a lot the rules forbid, and never more than needed', () => {
    fc.assert(
      fc.property(arbitraryLots, fc.integer({ min: 0, max: 100_000 }), fc.constantFrom(...BAG_TYPES), (lots, neededG, bagType) => {
        const before = structuredClone(lots);
        const { picks, pickedG, shortfallG } = pickFefo(lots, neededG, { onDate, bagType });
        const byId = new Map(lots.map((l) => [l.id, l]));
        const usableG = lots
          .filter((l) => bagTakes(bagType, l.category) && packability(l, onDate).ok)
          .reduce((sum, l) => sum + l.stockG, 0);

        for (const pick of picks) {
          const picked = byId.get(pick.lotId)!;
          expect(pick.grams).toBeGreaterThan(0);
          expect(pick.grams).toBeLessThanOrEqual(picked.stockG);
          expect(packability(picked, onDate).ok).toBe(true);
          expect(bagTakes(bagType, picked.category)).toBe(true);
        }
        expect(new Set(picks.map((p) => p.lotId)).size).toBe(picks.length);
        expect(picks.reduce((sum, p) => sum + p.grams, 0)).toBe(pickedG);
        expect(pickedG + shortfallG).toBe(neededG);
        expect(pickedG).toBe(Math.min(neededG, usableG));
        expect(lots).toEqual(before);
      }),
    );
  });
});
