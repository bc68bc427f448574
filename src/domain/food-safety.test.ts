import { describe, expect, it } from 'vitest';
import {
  type IntakeLine,
  type StockLot,
  CHILLED_MAX_C,
  DEFAULT_FOOD_POLICY,
  FISH_MAX_C,
  FROZEN_MAX_C,
  FROZEN_SHELF_DAYS,
  BEST_BEFORE_CHECK_DAYS,
  MINCED_MEAT_MAX_C,
  checkFreeze,
  chilledMaxC,
  frozenShelfEnd,
  maxCelsius,
  checkIntakeLine,
  effectiveUseBy,
  intakeLineViolations,
  packability,
  BEST_BEFORE_MAX_DAYS_PAST,
  bestBeforeLimit,
  bestBeforeMaxDaysPast,
  needsFrozenOn,
  needingHygienePassport,
  isEasilyPerishable,
} from './food-safety.ts';
import { CATEGORIES, UNDATED_CATEGORIES, USE_BY_CATEGORIES } from './categories.ts';

const today = '2026-03-29'; // the spring DST day in Helsinki

const milk: IntakeLine = {
  category: 'dairy',
  weightG: 12_000,
  temperatureClass: 'chilled',
  dateKind: 'use_by',
  date: '2026-04-02',
  receiptCelsius: 4,
};
const inChilled = { today, unitClass: 'chilled' } as const;

const rulesOf = (line: IntakeLine, ctx: Parameters<typeof checkIntakeLine>[1] = inChilled) =>
  intakeLineViolations(line, ctx).map((v) => v.rule);

describe('checkIntakeLine', () => {
  it('accepts a sound chilled line into a chilled unit', () => {
    expect(checkIntakeLine(milk, inChilled)).toEqual({ ok: true });
  });

  it('refuses a use-by line whose date is past', () => {
    const verdict = checkIntakeLine({ ...milk, date: '2026-03-28' }, inChilled);
    expect(verdict).toMatchObject({ ok: false, rule: 'use_by_past' });
  });

  it('accepts a use-by line dated today', () => {
    expect(checkIntakeLine({ ...milk, date: today }, inChilled)).toEqual({ ok: true });
  });

  it('accepts a best-before line whose date is past: it is checked before packing', () => {
    const line: IntakeLine = { category: 'dry_goods', weightG: 5_000, temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-01-01' };
    expect(checkIntakeLine(line, { today, unitClass: 'ambient' })).toEqual({ ok: true });
  });

  it('refuses eggs past their best-before at the door (no check unlocks them) and accepts them on the day itself', () => {
    const eggs: IntakeLine = { ...milk, category: 'eggs', dateKind: 'best_before', date: '2026-03-28' };
    expect(rulesOf(eggs)).toEqual(['eggs_past_best_before']);
    expect(rulesOf({ ...eggs, date: today })).toEqual([]);
    expect(rulesOf({ ...eggs, date: '2026-04-02' })).toEqual([]);
  });

  it('holds the eggs rule against the later of the server’s day and a backdated intake’s day', () => {
    const eggs: IntakeLine = { ...milk, category: 'eggs', dateKind: 'best_before', date: '2026-03-28' };
    expect(rulesOf(eggs, { ...inChilled, receivedOn: '2026-03-27' })).toEqual(['eggs_past_best_before']);
  });

  it('refuses chilled food measured above +6 °C at receipt and accepts exactly +6 °C', () => {
    expect(rulesOf({ ...milk, receiptCelsius: 6.1 })).toEqual(['receipt_too_warm']);
    expect(rulesOf({ ...milk, receiptCelsius: 6 })).toEqual([]);
  });

  it('refuses frozen food measured above −15 °C at receipt and accepts exactly −15 °C', () => {
    const peas: IntakeLine = { category: 'frozen', weightG: 8_000, temperatureClass: 'frozen', dateKind: 'best_before', date: '2026-12-01' };
    const inFrozen = { today, unitClass: 'frozen' } as const;
    expect(rulesOf({ ...peas, receiptCelsius: -14.5 }, inFrozen)).toEqual(['receipt_too_warm']);
    expect(rulesOf({ ...peas, receiptCelsius: -15 }, inFrozen)).toEqual([]);
  });

  it('does not limit the receipt temperature of ambient food', () => {
    const apples: IntakeLine = { category: 'fruit_veg', weightG: 20_000, temperatureClass: 'ambient', dateKind: 'none', receiptCelsius: 25 };
    expect(rulesOf(apples, { today, unitClass: 'ambient' })).toEqual([]);
  });

  it('refuses a receipt temperature that is not a number', () => {
    expect(rulesOf({ ...milk, receiptCelsius: Number.NaN })).toEqual(['invalid_temperature']);
  });

  it('allows a colder class than the category’s usual one (frozen bread)', () => {
    const bread: IntakeLine = { category: 'bread', weightG: 3_000, temperatureClass: 'frozen', dateKind: 'best_before', date: '2026-04-02', receiptCelsius: -20 };
    expect(checkIntakeLine(bread, { today, unitClass: 'frozen' })).toEqual({ ok: true });
  });

  it('refuses a warmer class than the category’s usual one (ambient meat)', () => {
    const meat: IntakeLine = { ...milk, category: 'meat', temperatureClass: 'ambient' };
    expect(rulesOf(meat, { today, unitClass: 'ambient' })).toEqual(['class_warmer_than_category']);
  });

  it('sends chilled food only to a chilled unit, frozen only to frozen, ambient only to ambient', () => {
    expect(rulesOf(milk, { today, unitClass: 'frozen' })).toEqual(['unit_class_mismatch']);
    expect(rulesOf(milk, { today, unitClass: 'ambient' })).toEqual(['unit_class_mismatch']);
    const pasta: IntakeLine = { category: 'dry_goods', weightG: 1_000, temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-09-01' };
    expect(rulesOf(pasta, { today, unitClass: 'chilled' })).toEqual(['unit_class_mismatch']);
  });

  it('refuses zero and negative weight', () => {
    expect(rulesOf({ ...milk, weightG: 0 })).toEqual(['non_positive_kg']);
    expect(rulesOf({ ...milk, weightG: -1 })).toEqual(['non_positive_kg']);
  });

  it('accepts exactly 5,000 kg on one line and refuses a gram more', () => {
    expect(rulesOf({ ...milk, weightG: 5_000_000 })).toEqual([]);
    expect(rulesOf({ ...milk, weightG: 5_000_001 })).toEqual(['line_too_heavy']);
    expect(rulesOf({ ...milk, weightG: 6_000_000 })).toEqual(['line_too_heavy']);
  });

  it('refuses a weight that is not whole grams', () => {
    expect(rulesOf({ ...milk, weightG: 1.5 })).toEqual(['invalid_weight']);
    expect(rulesOf({ ...milk, weightG: Number.NaN })).toEqual(['invalid_weight']);
  });

  it('needs a date on use-by and best-before lines and none on undated lines', () => {
    expect(rulesOf({ ...milk, date: null })).toEqual(['date_missing']);
    expect(rulesOf({ ...milk, dateKind: 'best_before', date: undefined })).toEqual(['date_missing']);
    const bread: IntakeLine = { category: 'bread', weightG: 3_000, temperatureClass: 'ambient', dateKind: 'none', date: '2026-04-01' };
    expect(rulesOf(bread, { today, unitClass: 'ambient' })).toEqual(['date_unexpected']);
    expect(rulesOf({ ...milk, date: '2026-02-30' })).toEqual(['date_invalid']);
  });

  it('lists every broken rule in a fixed order and names the first', () => {
    const bad: IntakeLine = { category: 'fish', weightG: 0, temperatureClass: 'ambient', dateKind: 'use_by', date: '2026-03-01', receiptCelsius: 20 };
    expect(rulesOf(bad, { today, unitClass: 'frozen' })).toEqual([
      'non_positive_kg',
      'use_by_past',
      'class_warmer_than_category',
      'unit_class_mismatch',
    ]);
    expect(checkIntakeLine(bad, { today, unitClass: 'frozen' })).toMatchObject({ ok: false, rule: 'non_positive_kg' });
  });
});

describe('checkFreeze', () => {
  const chilledMeat = { temperatureClass: 'chilled', dateKind: 'use_by', date: '2026-10-25' } as const;

  it('freezes a chilled lot on its use-by date and records the freezing date', () => {
    expect(checkFreeze(chilledMeat, { today: '2026-10-25', unitClass: 'frozen' })).toEqual({ ok: true, frozenOn: '2026-10-25' });
  });

  it('refuses to freeze after the use-by date', () => {
    expect(checkFreeze(chilledMeat, { today: '2026-10-26', unitClass: 'frozen' })).toMatchObject({ ok: false, rule: 'freeze_after_use_by' });
  });

  it('freezes a chilled best-before lot at any time', () => {
    const cheese = { temperatureClass: 'chilled', dateKind: 'best_before', date: '2026-01-01' } as const;
    expect(checkFreeze(cheese, { today, unitClass: 'frozen' })).toEqual({ ok: true, frozenOn: today });
  });

  it('freezes only chilled lots', () => {
    expect(checkFreeze({ ...chilledMeat, temperatureClass: 'frozen' }, { today, unitClass: 'frozen' })).toMatchObject({ rule: 'freeze_not_chilled' });
    expect(checkFreeze({ ...chilledMeat, temperatureClass: 'ambient' }, { today, unitClass: 'frozen' })).toMatchObject({ rule: 'freeze_not_chilled' });
  });

  it('moves a frozen lot only into a frozen unit', () => {
    expect(checkFreeze(chilledMeat, { today, unitClass: 'chilled' })).toMatchObject({ ok: false, rule: 'unit_class_mismatch' });
  });
});

const lot = (over: Partial<StockLot> = {}): StockLot => ({
  category: 'dairy',
  temperatureClass: 'chilled',
  dateKind: 'use_by',
  date: '2026-10-25',
  onHold: false,
  stockG: 10_000,
  frozenOn: null,
  passedCheckOn: null,
  ...over,
});

describe('packability', () => {
  it('packs a lot on its use-by date', () => {
    expect(packability(lot(), '2026-10-25')).toEqual({ ok: true });
  });

  it('does not pack a lot past its use-by date', () => {
    expect(packability(lot(), '2026-10-26')).toMatchObject({ ok: false, rule: 'use_by_past' });
  });

  it('does not pack a lot on hold, even a perfect one', () => {
    expect(packability(lot({ onHold: true }), '2026-10-20')).toMatchObject({ ok: false, rule: 'on_hold' });
  });

  it('does not pack a lot with no stock', () => {
    expect(packability(lot({ stockG: 0 }), '2026-10-20')).toMatchObject({ ok: false, rule: 'no_stock' });
  });

  it('packs a lot frozen on its use-by date after that date', () => {
    const frozen = lot({ category: 'meat', temperatureClass: 'frozen', frozenOn: '2026-10-25' });
    expect(packability(frozen, '2026-12-01')).toEqual({ ok: true });
  });

  it('does not treat a lot as frozen in time when the recorded freeze is after its use-by', () => {
    const late = lot({ category: 'meat', temperatureClass: 'frozen', frozenOn: '2026-10-26' });
    expect(packability(late, '2026-10-27')).toMatchObject({ ok: false, rule: 'use_by_past' });
  });

  it('never packs cold-smoked or gravad fish after its use-by date, even frozen in time', () => {
    const salmon = lot({ category: 'smoked_fish', temperatureClass: 'frozen', frozenOn: '2026-10-20' });
    expect(packability(salmon, '2026-10-25')).toEqual({ ok: true });
    expect(packability(salmon, '2026-10-26')).toMatchObject({ ok: false, rule: 'smoked_fish_past_use_by' });
  });

  it('packs a lot on its best-before date without a check', () => {
    expect(packability(lot({ dateKind: 'best_before' }), '2026-10-25')).toEqual({ ok: true });
  });

  it('does not pack a lot past best-before until a passed check is recorded', () => {
    expect(packability(lot({ dateKind: 'best_before' }), '2026-10-26')).toMatchObject({ ok: false, rule: 'best_before_unchecked' });
  });

  it('packs a lot past best-before after a check on or after the best-before date', () => {
    const pasta = { category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'best_before' } as const;
    expect(packability(lot({ ...pasta, passedCheckOn: '2026-10-25' }), '2026-10-30')).toEqual({ ok: true });
    expect(packability(lot({ ...pasta, passedCheckOn: '2026-10-28' }), '2026-10-30')).toEqual({ ok: true });
  });

  it('does not count a check made before the best-before date', () => {
    expect(packability(lot({ dateKind: 'best_before', passedCheckOn: '2026-10-24' }), '2026-10-26')).toMatchObject({ rule: 'best_before_unchecked' });
  });

  it('packs undated food at any time', () => {
    expect(packability(lot({ dateKind: 'none', date: null }), '2099-01-01')).toEqual({ ok: true });
  });
});

describe('effectiveUseBy', () => {
  it('is the use-by date of a chilled use-by lot', () => {
    expect(effectiveUseBy(lot())).toBe('2026-10-25');
  });

  it('is null for best-before and undated lots', () => {
    expect(effectiveUseBy(lot({ dateKind: 'best_before' }))).toBeNull();
    expect(effectiveUseBy(lot({ dateKind: 'none', date: null }))).toBeNull();
  });

  it('is null for a lot frozen in time, whose use-by no longer limits hand-out', () => {
    expect(effectiveUseBy(lot({ temperatureClass: 'frozen', frozenOn: '2026-10-25' }))).toBeNull();
  });

  it('stays the use-by date for frozen cold-smoked fish', () => {
    expect(effectiveUseBy(lot({ category: 'smoked_fish', temperatureClass: 'frozen', frozenOn: '2026-10-01' }))).toBe('2026-10-25');
  });
});

describe('limits by category (MMMa 318/2021)', () => {
  it('keeps fish and cold-smoked fish at +3 °C, minced meat at +4 °C, other chilled food at +6 °C', () => {
    expect([FISH_MAX_C, MINCED_MEAT_MAX_C, CHILLED_MAX_C, FROZEN_MAX_C]).toEqual([3, 4, 6, -15]);
    expect(chilledMaxC('fish')).toBe(3);
    expect(chilledMaxC('smoked_fish')).toBe(3);
    expect(chilledMaxC('minced_meat')).toBe(4);
    for (const c of ['dairy', 'meat', 'ready_meals', 'eggs'] as const) expect(chilledMaxC(c)).toBe(6);
  });

  it('limits a lot by its class: frozen at −15 °C whatever the category, ambient not at all', () => {
    expect(maxCelsius({ category: 'fish', temperatureClass: 'frozen' })).toBe(-15);
    expect(maxCelsius({ category: 'bread', temperatureClass: 'ambient' })).toBeNull();
  });

  it('refuses fish measured at +4 °C at receipt and accepts it at +3 °C', () => {
    const fish: IntakeLine = { ...milk, category: 'fish', receiptCelsius: 4 };
    expect(rulesOf(fish)).toEqual(['receipt_too_warm']);
    expect(rulesOf({ ...fish, receiptCelsius: 3 })).toEqual([]);
  });

  it('refuses minced meat measured at +4.5 °C at receipt and accepts dairy at the same temperature', () => {
    expect(rulesOf({ ...milk, category: 'minced_meat', receiptCelsius: 4.5 })).toEqual(['receipt_too_warm']);
    expect(rulesOf({ ...milk, receiptCelsius: 4.5 })).toEqual([]);
  });
});

describe('receiptCelsius', () => {
  it('is required on chilled and frozen lines', () => {
    expect(rulesOf({ ...milk, receiptCelsius: null })).toEqual(['receipt_celsius_missing']);
    const peas: IntakeLine = { category: 'frozen', weightG: 8_000, temperatureClass: 'frozen', dateKind: 'best_before', date: '2026-12-01' };
    expect(rulesOf(peas, { today, unitClass: 'frozen' })).toEqual(['receipt_celsius_missing']);
  });

  it('is optional on ambient lines', () => {
    const pasta: IntakeLine = { category: 'dry_goods', weightG: 1_000, temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-09-01' };
    expect(rulesOf(pasta, { today, unitClass: 'ambient' })).toEqual([]);
  });
});

describe('the use-by date against the server’s day (a backdated intake)', () => {
  it('refuses a use-by line dated after the intake’s day but before the server’s day', () => {
    const line = { ...milk, date: '2026-11-10' };
    expect(rulesOf(line, { today: '2026-12-01', receivedOn: '2026-11-01', unitClass: 'chilled' })).toEqual(['use_by_past']);
  });

  it('accepts a backdated line whose use-by is still ahead today', () => {
    expect(rulesOf({ ...milk, date: '2026-12-01' }, { today: '2026-12-01', receivedOn: '2026-11-28', unitClass: 'chilled' })).toEqual([]);
  });
});

describe('freezing by the donor (frozenOn, EU 2021/1374)', () => {
  const inFrozen = { today: '2026-12-01', unitClass: 'frozen' } as const;
  const meat: IntakeLine = {
    category: 'meat', weightG: 6_000, temperatureClass: 'frozen', dateKind: 'use_by', date: '2026-11-28', receiptCelsius: -20, frozenOn: '2026-11-28',
  };

  it('accepts a frozen meat line received after its use-by when it was frozen on its use-by date', () => {
    expect(rulesOf(meat, inFrozen)).toEqual([]);
  });

  it('refuses it when frozen after its use-by date', () => {
    expect(rulesOf({ ...meat, frozenOn: '2026-11-29' }, inFrozen)).toEqual(['use_by_past', 'frozen_after_use_by']);
  });

  it('refuses a freezing date in the future', () => {
    expect(rulesOf({ ...meat, date: '2026-12-10', frozenOn: '2026-12-02' }, inFrozen)).toEqual(['frozen_on_in_future']);
  });

  it('never accepts cold-smoked or gravad fish after its use-by, frozen in time or not', () => {
    expect(rulesOf({ ...meat, category: 'smoked_fish' }, inFrozen)).toEqual(['smoked_fish_past_use_by']);
  });

  it('refuses a freezing date on a line that is not frozen', () => {
    expect(rulesOf({ ...milk, frozenOn: today })).toEqual(['frozen_on_not_frozen']);
  });
});

describe('frozen shelf life (FROZEN_SHELF_DAYS)', () => {
  it('defaults to 60 days and a best-before check to 7 days', () => {
    expect([FROZEN_SHELF_DAYS, BEST_BEFORE_CHECK_DAYS]).toEqual([60, 7]);
    expect(DEFAULT_FOOD_POLICY).toEqual({ frozenShelfDays: 60, bestBeforeCheckDays: 7 });
  });

  it('packs food frozen from chilled until frozenOn + 60 days and not a day after', () => {
    const dairy = lot({ temperatureClass: 'frozen', date: '2026-10-25', frozenOn: '2026-10-24' });
    expect(frozenShelfEnd(dairy)).toBe('2026-12-23');
    expect(packability(dairy, '2026-12-23')).toEqual({ ok: true });
    expect(packability(dairy, '2026-12-24')).toMatchObject({ ok: false, rule: 'frozen_shelf_life_over' });
  });

  it('takes the network’s setting', () => {
    const dairy = lot({ temperatureClass: 'frozen', frozenOn: '2026-10-24' });
    expect(packability(dairy, '2026-11-04', { ...DEFAULT_FOOD_POLICY, frozenShelfDays: 10 })).toMatchObject({ rule: 'frozen_shelf_life_over' });
  });

  it('does not apply to food frozen by nature, which keeps its own best-before', () => {
    expect(frozenShelfEnd(lot({ category: 'frozen', temperatureClass: 'frozen', frozenOn: '2026-01-01' }))).toBeNull();
  });
});

describe('eggs and best-before checks', () => {
  const eggs = lot({ category: 'eggs', dateKind: 'best_before', date: '2026-10-25', passedCheckOn: '2026-10-26' });

  it('never packs eggs after their best-before, even with a passed check', () => {
    expect(packability(eggs, '2026-10-25')).toEqual({ ok: true });
    expect(packability(eggs, '2026-10-26')).toMatchObject({ ok: false, rule: 'eggs_past_best_before' });
  });

  it('lets a passed check expire after BEST_BEFORE_CHECK_DAYS', () => {
    const cheese = lot({ category: 'dry_goods', temperatureClass: 'ambient', dateKind: 'best_before', date: '2026-10-25', passedCheckOn: '2026-10-26' });
    expect(packability(cheese, '2026-11-02')).toEqual({ ok: true });
    expect(packability(cheese, '2026-11-03')).toMatchObject({ ok: false, rule: 'best_before_check_expired' });
  });
});

describe('date kinds follow the category (issue 18, item 4)', () => {
  const chilled = (category: IntakeLine['category'], over: Partial<IntakeLine> = {}): IntakeLine =>
    ({ category, weightG: 2_000, temperatureClass: 'chilled', dateKind: 'use_by', date: '2026-04-01', receiptCelsius: 2, ...over });

  it('needs a use-by on meat, minced meat, fish, cold-smoked or gravad fish and ready meals', () => {
    expect(USE_BY_CATEGORIES).toEqual(['meat', 'minced_meat', 'fish', 'smoked_fish', 'ready_meals']);
    for (const category of USE_BY_CATEGORIES) {
      expect(rulesOf(chilled(category))).toEqual([]);
      expect(rulesOf(chilled(category, { dateKind: 'best_before' }))).toEqual(['use_by_required']);
      expect(rulesOf(chilled(category, { dateKind: 'none', date: null }))).toEqual(['use_by_required']);
    }
  });

  it('lets only bread, fruit and vegetables, dry goods (salt, sugar: 1169/2011 Annex X) and non-food come undated', () => {
    expect(UNDATED_CATEGORIES).toEqual(['bread', 'fruit_veg', 'dry_goods', 'non_food']);
    for (const category of UNDATED_CATEGORIES) {
      expect(rulesOf({ category, weightG: 2_000, temperatureClass: 'ambient', dateKind: 'none' }, { today, unitClass: 'ambient' })).toEqual([]);
    }
    expect(rulesOf({ category: 'frozen', weightG: 2_000, temperatureClass: 'frozen', dateKind: 'none', receiptCelsius: -20 }, { today, unitClass: 'frozen' }))
      .toEqual(['date_kind_required']);
    expect(rulesOf(chilled('dairy', { dateKind: 'none', date: null }))).toEqual(['date_kind_required']);
    expect(rulesOf(chilled('eggs', { dateKind: 'none', date: null }))).toEqual(['date_kind_required']);
  });

  it('needs the donor’s freezing date on meat and fish received frozen (EU 2021/1374), not on other frozen food', () => {
    const frozenMeat: IntakeLine = { ...chilled('minced_meat'), temperatureClass: 'frozen', receiptCelsius: -20 };
    const inFreezer = { today, unitClass: 'frozen' } as const;
    expect(rulesOf(frozenMeat, inFreezer)).toEqual(['frozen_on_required']);
    expect(rulesOf({ ...frozenMeat, frozenOn: '2026-03-28' }, inFreezer)).toEqual([]);
    expect(rulesOf({ ...frozenMeat, category: 'fish' }, inFreezer)).toEqual(['frozen_on_required']);
    expect(rulesOf({ ...frozenMeat, category: 'dairy' }, inFreezer)).toEqual([]);
    expect(needsFrozenOn('meat', 'chilled')).toBe(false);
    expect(needsFrozenOn('smoked_fish', 'frozen')).toBe(true);
  });
});

describe('BEST_BEFORE_MAX_DAYS_PAST', () => {
  it('has a figure (or null: no limit) for every category, and none for eggs or the use-by categories', () => {
    expect(Object.keys(BEST_BEFORE_MAX_DAYS_PAST).sort()).toEqual([...CATEGORIES].sort());
    for (const category of [...USE_BY_CATEGORIES, 'eggs'] as const) expect(BEST_BEFORE_MAX_DAYS_PAST[category]).toBe(0);
    expect(BEST_BEFORE_MAX_DAYS_PAST.non_food).toBeNull();
  });

  it('goes by the frozen figure for any lot kept frozen, except eggs and the use-by categories', () => {
    expect(bestBeforeMaxDaysPast({ category: 'bread', temperatureClass: 'ambient' })).toBe(BEST_BEFORE_MAX_DAYS_PAST.bread);
    expect(bestBeforeMaxDaysPast({ category: 'bread', temperatureClass: 'frozen' })).toBe(BEST_BEFORE_MAX_DAYS_PAST.frozen);
    expect(bestBeforeMaxDaysPast({ category: 'meat', temperatureClass: 'frozen' })).toBe(0);
  });

  it('refuses at the door food older than its limit, the limit day itself still fine (dairy: 3 days)', () => {
    const yoghurt = (date: string): IntakeLine => ({ ...milk, dateKind: 'best_before', date });
    expect(bestBeforeLimit({ category: 'dairy', temperatureClass: 'chilled', dateKind: 'best_before', date: '2026-03-26' })).toBe('2026-03-29');
    expect(rulesOf(yoghurt('2026-03-26'))).toEqual([]);
    expect(rulesOf(yoghurt('2026-03-25'))).toEqual(['best_before_too_old']);
  });

  it('refuses at the door frozen pizza two years past its best-before', () => {
    const pizza: IntakeLine = { category: 'frozen', weightG: 4_000, temperatureClass: 'frozen', dateKind: 'best_before', date: '2024-03-29', receiptCelsius: -20 };
    expect(rulesOf(pizza, { today, unitClass: 'frozen' })).toEqual(['best_before_too_old']);
  });

  it('never packs a lot past its limit, however recent its check', () => {
    const pizza = lot({ category: 'frozen', temperatureClass: 'frozen', dateKind: 'best_before', date: '2026-01-01', passedCheckOn: '2026-04-01' });
    expect(packability(pizza, '2026-04-01')).toEqual({ ok: true });
    expect(packability(pizza, '2026-04-02')).toMatchObject({ ok: false, rule: 'best_before_too_old' });
  });
});

describe('hygiene passport for unpackaged perishable food (issue 18, item 9)', () => {
  it('is needed for unpackaged chilled or frozen food, not for packaged food nor for unpackaged bread', () => {
    const lots = [
      { id: 'mince', category: 'minced_meat', temperatureClass: 'chilled', unpackaged: true },
      { id: 'milk', category: 'dairy', temperatureClass: 'chilled', unpackaged: false },
      { id: 'loaf', category: 'bread', temperatureClass: 'ambient', unpackaged: true },
      { id: 'frozen-bread', category: 'bread', temperatureClass: 'frozen', unpackaged: true },
    ] as const;
    expect(needingHygienePassport(lots).map((l) => l.id)).toEqual(['mince', 'frozen-bread']);
    expect(isEasilyPerishable({ category: 'fruit_veg', temperatureClass: 'ambient' })).toBe(false);
  });
});
