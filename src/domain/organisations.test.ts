import { describe, expect, it } from 'vitest';
import { isRegisteredPoint, isValidBusinessId } from './organisations.ts';

describe('isValidBusinessId', () => {
  it.each(['0201256-6', '0112038-9', '1572860-0'])('accepts %s', (id) => expect(isValidBusinessId(id)).toBe(true));
  it.each(['0201256-5', '201256-6', '0201256 6', '02012566', ''])('refuses %s', (id) => expect(isValidBusinessId(id)).toBe(false));
  it('refuses a number whose remainder is 1 (never issued)', () => {
    // 0000001: 1 × 2 = 2; 0000005: 5 × 2 = 10; 0000006: 12 mod 11 = 1.
    expect(isValidBusinessId('0000006-0')).toBe(false);
    expect(isValidBusinessId('0000006-1')).toBe(false);
  });
});

describe('isRegisteredPoint', () => {
  it('is true only for a point whose organisation has a food-aid registration', () => {
    expect(isRegisteredPoint({ organisation: { foodAidRegisteredOn: '2024-02-01' } })).toBe(true);
    expect(isRegisteredPoint({ organisation: { foodAidRegisteredOn: null } })).toBe(false);
    expect(isRegisteredPoint({ organisation: null })).toBe(false);
  });
});
