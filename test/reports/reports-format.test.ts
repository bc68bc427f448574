import { describe, expect, it } from 'vitest';
import { talliesCsv } from '../../src/modules/reports/reports.service.ts';
import type { TallyItem } from '../../src/modules/reports/reports.schemas.ts';

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
