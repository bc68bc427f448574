import { describe, expect, it } from 'vitest';
import { talliesCsv } from '../../../src/modules/reports/reports.service.ts';
import type { TallyItem } from '../../../src/modules/reports/reports.schemas.ts';

describe('tallies as CSV', () => {
  const item: TallyItem = {
    period: '2026-10', key: 'p1', name: 'Leipä; "Haukivuori"', kgIn: 0, kgDiscarded: 1.5,
    kgDiscardedByReason: { spoiled: 1.5, expired: 0, temperature: 0, recall: 0, other: 0 },
    kgAdjusted: -0.25, kgRefused: 2.75, kgRefusedByReason: { use_by_past: 0, too_warm: 2.75, damaged: 0, spoiled: 0, other: 0 },
    bagsPacked: 3, kgPacked: 12.125, bagsDelivered: 2, kgDelivered: 8.5,
  };

  it('quotes a name that holds the separator or quotes, in either locale, and gives the refusals by reason as the JSON does', () => {
    const fi = talliesCsv([item], 'fi').split('\r\n')[1];
    expect(fi).toBe('2026-10;"Leipä; ""Haukivuori""";0;1,5;1,5;0;0;0;0;-0,25;3;12,125;2;8,5;2,75;0;2,75;0;0;0;p1');
    const en = talliesCsv([item], 'en').split('\r\n')[1];
    expect(en).toBe('2026-10,"Leipä; ""Haukivuori""",0,1.5,1.5,0,0,0,0,-0.25,3,12.125,2,8.5,2.75,0,2.75,0,0,0,p1');
  });

  it('writes Finnish headers and Finnish day dates with locale=fi, and keeps the field names in English', () => {
    const [fiHeader, fiRow] = talliesCsv([{ ...item, period: '2026-10-01' }], 'fi').replace(/^\ufeff/, '').split('\r\n');
    // The period and the name open a row; the id, which no reader reads, comes last.
    expect(fiHeader.split(';').slice(0, 4)).toEqual(['Jakso', 'Nimi', 'Vastaanotettu (kg)', 'Hävitetty (kg)']);
    expect(fiHeader.split(';').slice(-7)).toEqual([
      'Vastaanotosta kieltäydytty (kg)', 'Kieltäydytty: viimeinen käyttöpäivä ohi (kg)', 'Kieltäydytty: liian lämmin (kg)',
      'Kieltäydytty: vaurioitunut pakkaus (kg)', 'Kieltäydytty: pilaantunut (kg)', 'Kieltäydytty: muu syy (kg)', 'Tunniste',
    ]);
    expect(fiHeader).not.toMatch(/[a-z][A-Z]/);
    expect(fiRow.startsWith('1.10.2026;"Leipä;')).toBe(true);
    expect(fiRow.endsWith(';p1')).toBe(true);
    const [enHeader, enRow] = talliesCsv([{ ...item, period: '2026-10-01' }], 'en').split('\r\n');
    expect(enHeader).toBe('period,name,kgIn,kgDiscarded,kgDiscardedSpoiled,kgDiscardedExpired,kgDiscardedTemperature,kgDiscardedRecall,kgDiscardedOther,'
      + 'kgAdjusted,bagsPacked,kgPacked,bagsDelivered,kgDelivered,kgRefused,kgRefusedUseByPast,kgRefusedTooWarm,kgRefusedDamaged,kgRefusedSpoiled,kgRefusedOther,key');
    expect(enRow.startsWith('2026-10-01,"Leipä;')).toBe(true);
  });

  it('names a category or bag type row by its word, in the CSV\'s language', () => {
    const row = (by: 'category' | 'bagType', key: string, locale: 'fi' | 'en') => talliesCsv([{ ...item, key, name: undefined }], locale, by).replace(/^\ufeff/, '').split('\r\n')[1];
    expect(row('category', 'dairy', 'fi').startsWith('2026-10;maitotuotteet;')).toBe(true);
    expect(row('category', 'dairy', 'en').startsWith('2026-10,dairy,')).toBe(true);
    expect(row('bagType', 'family', 'fi').endsWith(';family')).toBe(true);
  });

  it('writes only the header for an empty report', () => {
    expect(talliesCsv([], 'en').trim().split('\r\n')).toHaveLength(1);
    expect(talliesCsv([], 'en').trim().split(',').at(-1)).toBe('key');
  });
});
