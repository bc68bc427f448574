import { describe, expect, it } from 'vitest';
import {
  BAG_CATEGORIES, BAG_TARGET_G, BAG_TYPES, CATEGORIES, DEFAULT_BAG_CLASS, TEMPERATURE_CLASSES, USUAL_CLASS, bagClassTakes, bagTakes, coldestClass, coldness,
} from './categories.ts';

describe('categories', () => {
  it('gives every category its usual temperature class', () => {
    expect(USUAL_CLASS).toEqual({
      bread: 'ambient',
      dairy: 'chilled',
      meat: 'chilled',
      minced_meat: 'chilled',
      fish: 'chilled',
      smoked_fish: 'chilled',
      ready_meals: 'chilled',
      eggs: 'chilled',
      fruit_veg: 'ambient',
      dry_goods: 'ambient',
      non_food: 'ambient',
      frozen: 'frozen',
    });
    expect(Object.keys(USUAL_CLASS).sort()).toEqual([...CATEGORIES].sort());
  });

  it('orders classes from warm to cold', () => {
    expect(coldness('ambient')).toBeLessThan(coldness('chilled'));
    expect(coldness('chilled')).toBeLessThan(coldness('frozen'));
  });
});

describe('bag types', () => {
  it('have a positive whole-gram target weight each', () => {
    expect(BAG_TARGET_G).toEqual({ food: 5_000, bread: 2_000, family: 9_000, hygiene: 1_500 });
    for (const bagType of BAG_TYPES) expect(Number.isSafeInteger(BAG_TARGET_G[bagType])).toBe(true);
  });

  it('put only bread in a bread bag and only non-food in a hygiene bag', () => {
    expect(BAG_CATEGORIES.bread).toEqual(['bread']);
    expect(BAG_CATEGORIES.hygiene).toEqual(['non_food']);
    expect(bagTakes('bread', 'dairy')).toBe(false);
    expect(bagTakes('hygiene', 'dry_goods')).toBe(false);
  });

  it('let food and family bags take every food category but never non-food', () => {
    for (const bagType of ['food', 'family'] as const) {
      for (const category of CATEGORIES) expect(bagTakes(bagType, category)).toBe(category !== 'non_food');
    }
  });

  it('packs food bags chilled and bread and hygiene bags ambient unless the run says otherwise', () => {
    expect(DEFAULT_BAG_CLASS).toEqual({ food: 'chilled', family: 'chilled', bread: 'ambient', hygiene: 'ambient' });
  });

  it('lets a chilled bag take chilled and ambient food, a frozen bag only frozen, an ambient bag only ambient', () => {
    const table = TEMPERATURE_CLASSES.map((bag) => TEMPERATURE_CLASSES.filter((lot) => bagClassTakes(bag, lot)));
    expect(Object.fromEntries(TEMPERATURE_CLASSES.map((c, i) => [c, table[i]]))).toEqual({
      ambient: ['ambient'], chilled: ['ambient', 'chilled'], frozen: ['frozen'],
    });
  });

  it('classes an existing bag by the coldest class among its contents', () => {
    expect(coldestClass(['ambient', 'chilled', 'ambient'])).toBe('chilled');
    expect(coldestClass(['chilled', 'frozen'])).toBe('frozen');
    expect(coldestClass(['ambient'])).toBe('ambient');
    expect(coldestClass([])).toBe('ambient');
  });
});
