import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.ts';
import { assertRange, talliesCsv } from '../../src/modules/reports/reports.service.ts';
import type { TallyItem } from '../../src/modules/reports/reports.schemas.ts';

const codeOf = (f: () => void) => {
  try {
    f();
    return null;
  } catch (err) {
    return (err as AppError).code;
  }
};

describe('report ranges', () => {
  it('accepts one day and exactly five years, refuses a day more or an end before the start', () => {
    expect(codeOf(() => assertRange('2026-03-29', '2026-03-29'))).toBeNull();
    expect(codeOf(() => assertRange('2021-01-01', '2025-12-31'))).toBeNull();
    expect(codeOf(() => assertRange('2021-01-01', '2026-01-01'))).toBe('range_too_long');
    expect(codeOf(() => assertRange('2026-03-30', '2026-03-29'))).toBe('invalid_range');
  });

  it('counts five years from a leap day to the same calendar position', () => {
    expect(codeOf(() => assertRange('2024-02-29', '2029-02-28'))).toBeNull();
    expect(codeOf(() => assertRange('2024-02-29', '2029-03-01'))).toBe('range_too_long');
  });
});

describe('tallies as CSV', () => {
  const item: TallyItem = {
    period: '2026-10', key: 'p1', name: 'Leipä; "Haukivuori"', kgIn: 0, kgDiscarded: 1.5,
    kgDiscardedByReason: { spoiled: 1.5, expired: 0, temperature: 0, recall: 0, other: 0 },
    kgAdjusted: -0.25, kgRefused: 2.75, kgRefusedByReason: { use_by_past: 0, too_warm: 2.75, damaged: 0, spoiled: 0, other: 0 },
    bagsPacked: 3, kgPacked: 12.125, bagsDelivered: 2, kgDelivered: 8.5,
  };

  it('quotes a name that holds the separator or quotes, in either locale', () => {
    const fi = talliesCsv([item], 'fi').split('\r\n')[1];
    expect(fi).toBe('2026-10;p1;"Leipä; ""Haukivuori""";0;1,5;1,5;0;0;0;0;-0,25;3;12,125;2;8,5;2,75');
    const en = talliesCsv([item], 'en').split('\r\n')[1];
    expect(en).toBe('2026-10,p1,"Leipä; ""Haukivuori""",0,1.5,1.5,0,0,0,0,-0.25,3,12.125,2,8.5,2.75');
  });

  it('writes only the header for an empty report', () => {
    expect(talliesCsv([], 'en').trim().split('\r\n')).toHaveLength(1);
    expect(talliesCsv([], 'en').trim().split(',').at(-1)).toBe('kgRefused');
  });
});
