import { describe, expect, it } from 'vitest';
import { finnishDate, labelFacts, lotCode } from './labels.ts';

describe('labelFacts', () => {
  it('lists every allergen of the contents once, in EU 1169/2011 Annex II order', () => {
    const facts = labelFacts('chilled', [
      { category: 'dairy', temperatureClass: 'chilled', allergens: ['milk'], frozenOn: null },
      { category: 'bread', temperatureClass: 'ambient', allergens: ['sesame', 'gluten', 'milk'], frozenOn: null },
    ]);
    expect(facts.allergens).toEqual(['gluten', 'milk', 'sesame']);
  });

  it('keeps a chilled bag at the lowest limit of its contents: +3 °C with fish, +4 °C with minced meat', () => {
    const milk = { category: 'dairy', temperatureClass: 'chilled', allergens: [], frozenOn: null } as const;
    expect(labelFacts('chilled', [milk]).storage).toEqual({ temperatureClass: 'chilled', maxC: 6 });
    expect(labelFacts('chilled', [milk, { ...milk, category: 'minced_meat' }]).storage.maxC).toBe(4);
    expect(labelFacts('chilled', [milk, { ...milk, category: 'fish' }]).storage.maxC).toBe(3);
  });

  it('gives a frozen bag −18 °C and its earliest freezing date, an ambient bag no limit', () => {
    const facts = labelFacts('frozen', [
      { category: 'dairy', temperatureClass: 'frozen', allergens: [], frozenOn: '2026-03-10' },
      { category: 'meat', temperatureClass: 'frozen', allergens: [], frozenOn: '2026-03-08' },
    ]);
    expect(facts).toMatchObject({ frozenOn: '2026-03-08', storage: { temperatureClass: 'frozen', maxC: -18 } });
    expect(labelFacts('ambient', []).storage).toEqual({ temperatureClass: 'ambient', maxC: null });
  });
});

describe('labelFacts: unknown is not "none" (issue 18, item 8)', () => {
  const bread = { category: 'bread', temperatureClass: 'ambient', allergens: null, frozenOn: null } as const;
  const milk = { category: 'dairy', temperatureClass: 'chilled', allergens: ['milk'], frozenOn: null } as const;
  const water = { category: 'dry_goods', temperatureClass: 'ambient', allergens: [], frozenOn: null } as const;

  it('says the allergens are unknown when any content did not state them, whatever the others declared', () => {
    expect(labelFacts('ambient', [bread])).toMatchObject({ allergens: [], allergensUnknown: true });
    expect(labelFacts('chilled', [bread, milk])).toMatchObject({ allergens: ['milk'], allergensUnknown: true });
  });

  it('says none were declared only when every content declared none', () => {
    expect(labelFacts('ambient', [water])).toMatchObject({ allergens: [], allergensUnknown: false });
    expect(labelFacts('chilled', [water, milk])).toMatchObject({ allergens: ['milk'], allergensUnknown: false });
  });

  it('never gives the receipt day of donor-frozen food as its freezing date', () => {
    const donorFrozen = { category: 'dairy', temperatureClass: 'frozen', allergens: [], frozenOn: '2026-03-10', frozenOnKnown: false } as const;
    expect(labelFacts('frozen', [donorFrozen])).toMatchObject({ frozenOn: null, frozenOnUnknown: true });
    const known = { ...donorFrozen, category: 'meat', frozenOn: '2026-03-12', frozenOnKnown: true } as const;
    expect(labelFacts('frozen', [donorFrozen, known])).toMatchObject({ frozenOn: '2026-03-12', frozenOnUnknown: true });
    expect(labelFacts('frozen', [known])).toMatchObject({ frozenOn: '2026-03-12', frozenOnUnknown: false });
  });
});

describe('finnishDate', () => {
  it('writes pp.kk.vvvv', () => {
    expect(finnishDate('2026-03-09')).toBe('09.03.2026');
  });
});

describe('lotCode', () => {
  it('is the first eight hex digits of the id, upper case, in two groups of four', () => {
    expect(lotCode('3f2a91c0-5d4e-4b1a-9c2d-0e8f7a6b5c4d')).toBe('3F2A-91C0');
  });

  it('reads the same for the same lot however its id is written', () => {
    expect(lotCode('3F2A91C0-5D4E-4B1A-9C2D-0E8F7A6B5C4D')).toBe(lotCode('3f2a91c0-5d4e-4b1a-9c2d-0e8f7a6b5c4d'));
  });
});
