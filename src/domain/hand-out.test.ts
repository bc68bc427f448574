import { describe, expect, it } from 'vitest';
import { CATEGORIES } from './categories.ts';
import { bagHandOutBy, type HandOutLot, lotHandOutBy, mayHandOut, UNDATED_SHELF_DAYS } from './hand-out.ts';
import { DEFAULT_FOOD_POLICY, FROZEN_SHELF_DAYS } from './food-safety.ts';

const packedOn = '2026-12-06';
const lot = (over: Partial<HandOutLot> = {}): HandOutLot => ({
  category: 'dairy', temperatureClass: 'chilled', dateKind: 'use_by', date: '2026-12-08',
  frozenOn: null, passedCheckOn: null, receivedOn: '2026-12-05', ...over,
});

describe('the hand-out date of a lot in a bag', () => {
  it('is the use-by of chilled food', () => {
    expect(lotHandOutBy(lot(), packedOn)).toBe('2026-12-08');
  });

  it('drops the use-by of food frozen in time, and takes the frozen shelf life from the freezing day instead', () => {
    const meat = lot({ category: 'meat', temperatureClass: 'frozen', date: '2026-12-01', frozenOn: '2026-12-01' });
    expect(lotHandOutBy(meat, packedOn)).toBe('2027-01-30'); // 1.12 + 60 days
    expect(lotHandOutBy(meat, packedOn, { ...DEFAULT_FOOD_POLICY, frozenShelfDays: 10 })).toBe('2026-12-11');
  });

  it('keeps the use-by of cold-smoked or gravad fish even frozen', () => {
    const salmon = lot({ category: 'smoked_fish', temperatureClass: 'frozen', date: '2026-12-09', frozenOn: '2026-12-02' });
    expect(lotHandOutBy(salmon, packedOn)).toBe('2026-12-09');
  });

  it('ends a checked lot past its best-before when the check expires (BEST_BEFORE_CHECK_DAYS)', () => {
    const pasta = lot({ category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-12-01', passedCheckOn: '2026-12-04' });
    expect(lotHandOutBy(pasta, packedOn)).toBe('2026-12-11');
  });

  it('ends best-before food not yet past its date on that date: nobody checks it again inside a sealed bag', () => {
    const cheese = lot({ dateKind: 'best_before', date: '2026-12-20' });
    expect(lotHandOutBy(cheese, packedOn)).toBe('2026-12-20');
  });

  it('never lets eggs go past their best-before (EU 2022/2258)', () => {
    expect(lotHandOutBy(lot({ category: 'eggs', dateKind: 'best_before', date: '2026-12-10' }), packedOn)).toBe('2026-12-10');
  });

  it('gives undated food a shelf life from receipt by category', () => {
    const bread = lot({ category: 'bread', temperatureClass: 'ambient', dateKind: 'none', date: null });
    expect(lotHandOutBy(bread, packedOn)).toBe('2026-12-07'); // received 5.12 + 2
    const mince = lot({ category: 'minced_meat', dateKind: 'none', date: null });
    expect(lotHandOutBy(mince, packedOn)).toBe('2026-12-06'); // received 5.12 + 1: never June 2027
    expect(lotHandOutBy(lot({ category: 'fruit_veg', temperatureClass: 'ambient', dateKind: 'none', date: null }), packedOn)).toBe('2026-12-09');
  });

  it('gives undated frozen food the frozen shelf life from its freezing or receipt day', () => {
    const pizza = lot({ category: 'frozen', temperatureClass: 'frozen', dateKind: 'none', date: null });
    expect(lotHandOutBy(pizza, packedOn)).toBe('2027-02-03'); // 5.12 + 60
    const bread = lot({ category: 'bread', temperatureClass: 'frozen', dateKind: 'none', date: null, frozenOn: '2026-12-01' });
    expect(lotHandOutBy(bread, packedOn)).toBe('2027-01-30');
  });

  it('puts no limit on non-food', () => {
    expect(lotHandOutBy(lot({ category: 'non_food', temperatureClass: 'ambient', dateKind: 'none', date: null }), packedOn)).toBeNull();
  });

  it('has a shelf life (or an explicit none) for every category, and the frozen one is FROZEN_SHELF_DAYS', () => {
    expect(Object.keys(UNDATED_SHELF_DAYS).sort()).toEqual([...CATEGORIES].sort());
    expect(FROZEN_SHELF_DAYS).toBe(60);
  });
});

describe('the hand-out date of a bag', () => {
  it('is the earliest over its contents', () => {
    const bread = lot({ category: 'bread', temperatureClass: 'ambient', dateKind: 'none', date: null });
    expect(bagHandOutBy([lot({ date: '2026-12-10' }), bread], packedOn)).toBe('2026-12-07');
  });

  it('is null for a bag whose contents set no limit, and for an empty one', () => {
    expect(bagHandOutBy([lot({ category: 'non_food', temperatureClass: 'ambient', dateKind: 'none', date: null })], packedOn)).toBeNull();
    expect(bagHandOutBy([], packedOn)).toBeNull();
  });
});

describe('whether a bag may be handed out on a day', () => {
  it('allows the hand-out day itself and refuses the day after', () => {
    expect(mayHandOut({ handOutBy: '2026-12-08' }, '2026-12-08')).toBe(true);
    expect(mayHandOut({ handOutBy: '2026-12-08' }, '2026-12-09')).toBe(false);
    expect(mayHandOut({ handOutBy: null }, '2099-12-31')).toBe(true);
  });
});
