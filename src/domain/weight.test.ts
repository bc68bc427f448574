import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_INTAKE_LINE_G, gramsToKg, isExactKg, kgToGrams, splitEvenly, sumGrams } from './weight.ts';

describe('kgToGrams', () => {
  it('converts kilograms with up to 3 decimals to whole grams', () => {
    expect(kgToGrams(12)).toBe(12_000);
    expect(kgToGrams(0.001)).toBe(1);
    expect(kgToGrams(2.5)).toBe(2_500);
  });

  it('rounds 1.005 kg to 1005 g although 1.005 × 1000 is 1004.999… in floating point', () => {
    expect(1.005 * 1000).not.toBe(1005);
    expect(kgToGrams(1.005)).toBe(1005);
  });

  it('absorbs float noise from a client that added decimals (0.1 + 0.2)', () => {
    expect(kgToGrams(0.1 + 0.2)).toBe(300);
  });

  it('keeps negative amounts for adjustments and never returns -0', () => {
    expect(kgToGrams(-1.25)).toBe(-1_250);
    expect(Object.is(kgToGrams(-0), 0)).toBe(true);
  });

  it('accepts the heaviest intake line exactly', () => {
    expect(kgToGrams(5_000)).toBe(MAX_INTAKE_LINE_G);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.0005, 0.0001, 12.3456, 1e300])(
    'throws a RangeError for %s',
    (kg) => {
      expect(() => kgToGrams(kg)).toThrow(RangeError);
      expect(isExactKg(kg)).toBe(false);
    },
  );
});

describe('gramsToKg', () => {
  it('gives the number a client parses from the 3-decimal text', () => {
    expect(gramsToKg(1005)).toBe(1.005);
    expect(gramsToKg(0)).toBe(0);
    expect(gramsToKg(-250)).toBe(-0.25);
  });

  it('refuses fractional grams', () => {
    expect(() => gramsToKg(1.5)).toThrow(RangeError);
  });

  it('round-trips with kgToGrams for every gram amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (grams) => {
        expect(kgToGrams(gramsToKg(grams))).toBe(grams);
      }),
    );
  });

  it('round-trips a kilogram text with 3 decimals through grams back to the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5_000_000 }), (grams) => {
        const text = `${Math.floor(grams / 1000)}.${String(grams % 1000).padStart(3, '0')}`;
        expect(gramsToKg(kgToGrams(Number(text)))).toBe(Number(text));
      }),
    );
  });
});

describe('splitEvenly', () => {
  it('puts the remainder grams in the first parts', () => {
    expect(splitEvenly(10_001, 4)).toEqual([2501, 2500, 2500, 2500]);
    expect(splitEvenly(10_000, 4)).toEqual([2500, 2500, 2500, 2500]);
  });

  it('splits fewer grams than parts into ones and zeros', () => {
    expect(splitEvenly(2, 5)).toEqual([1, 1, 0, 0, 0]);
    expect(splitEvenly(0, 3)).toEqual([0, 0, 0]);
  });

  it('refuses zero or fractional parts and fractional grams', () => {
    expect(() => splitEvenly(10, 0)).toThrow(RangeError);
    expect(() => splitEvenly(10, 1.5)).toThrow(RangeError);
    expect(() => splitEvenly(10.5, 2)).toThrow(RangeError);
  });

  it('always sums exactly to the total with parts at most 1 g apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 500 }), (total, parts) => {
        const split = splitEvenly(total, parts);
        expect(split).toHaveLength(parts);
        expect(split.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...split) - Math.min(...split)).toBeLessThanOrEqual(1);
        expect(split.every(Number.isSafeInteger)).toBe(true);
      }),
    );
  });
});

describe('sumGrams', () => {
  it('sums exactly and gives 0 for an empty list', () => {
    expect(sumGrams([1005, 2000, -5])).toBe(3000);
    expect(sumGrams([])).toBe(0);
  });

  it('refuses a kilogram value slipped in by mistake', () => {
    expect(() => sumGrams([1000, 1.5])).toThrow(RangeError);
  });

  it('refuses a sum beyond safe integers instead of losing grams', () => {
    expect(() => sumGrams([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });
});
