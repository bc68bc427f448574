import { describe, expect, it } from 'vitest';
import {
  type UnitLot, assessReading, checkRelease, deliveryNeedsRefrigeration, excursionDetail, holdsOnArrival, missedReadings, returnedBag,
  warmRunStart,
} from './cold-chain.ts';

const at = new Date('2026-03-29T09:00:00+03:00');
const hoursBefore = (h: number) => new Date(at.getTime() - h * 3_600_000);
const fish: UnitLot = { id: 'fish', category: 'fish', temperatureClass: 'chilled' };
const mince: UnitLot = { id: 'mince', category: 'minced_meat', temperatureClass: 'chilled' };
const milk: UnitLot = { id: 'milk', category: 'dairy', temperatureClass: 'chilled' };
const peas: UnitLot = { id: 'peas', category: 'frozen', temperatureClass: 'frozen' };

describe('assessReading', () => {
  it('holds only the lots above their own limit: fish at +4 °C in a +5 °C room, not the milk', () => {
    expect(assessReading({ unitClass: 'chilled', celsius: 5, at, lots: [fish, mince, milk] }))
      .toEqual({ excursion: true, warning: false, heldLotIds: ['fish', 'mince'], limitC: 6, reason: 'lot_limit' });
    expect(assessReading({ unitClass: 'chilled', celsius: 4, at, lots: [fish, mince, milk] }).heldLotIds).toEqual(['fish']);
  });

  it('is no excursion at +3 °C with fish, nor at +6 °C without fish or minced meat', () => {
    expect(assessReading({ unitClass: 'chilled', celsius: 3, at, lots: [fish] }).excursion).toBe(false);
    expect(assessReading({ unitClass: 'chilled', celsius: 6, at, lots: [milk] }).excursion).toBe(false);
  });

  it('is an excursion above +6 °C even in an empty chilled unit, holding every lot', () => {
    expect(assessReading({ unitClass: 'chilled', celsius: 6.5, at, lots: [] })).toMatchObject({ excursion: true, heldLotIds: [], reason: 'unit_limit' });
    expect(assessReading({ unitClass: 'chilled', celsius: 8.5, at, lots: [fish, milk] }).heldLotIds).toEqual(['fish', 'milk']);
  });

  it('makes a frozen unit warmer than −18 °C an excursion once the warm readings span more than 24 hours', () => {
    expect(assessReading({ unitClass: 'frozen', celsius: -17, at, lots: [peas], warmSince: hoursBefore(24) }))
      .toEqual({ excursion: false, warning: true, heldLotIds: [], limitC: -15, reason: null });
    expect(assessReading({ unitClass: 'frozen', celsius: -17, at, lots: [peas], warmSince: hoursBefore(24.5) }))
      .toEqual({ excursion: true, warning: false, heldLotIds: ['peas'], limitC: -15, reason: 'frozen_warm_too_long' });
  });

  it('makes a frozen unit above −15 °C an excursion at once, and −18 °C fine', () => {
    expect(assessReading({ unitClass: 'frozen', celsius: -14, at, lots: [peas] })).toMatchObject({ heldLotIds: ['peas'], reason: 'unit_limit' });
    expect(assessReading({ unitClass: 'frozen', celsius: -18, at, lots: [peas], warmSince: null })).toMatchObject({ excursion: false, warning: false });
  });

  it('never holds anything in an ambient unit', () => {
    expect(assessReading({ unitClass: 'ambient', celsius: 30, at, lots: [] })).toEqual({ excursion: false, warning: false, heldLotIds: [], limitC: null, reason: null });
  });

  it('refuses a reading that is not a number', () => {
    expect(() => assessReading({ unitClass: 'chilled', celsius: Number.NaN, at, lots: [] })).toThrow(RangeError);
  });
});

describe('excursionDetail', () => {
  const room = { name: 'Cold room', temperatureClass: 'chilled' as const };
  it('names the unit limit when the reading is above it', () => {
    expect(excursionDetail(room, 8.5, assessReading({ unitClass: 'chilled', celsius: 8.5, at, lots: [milk] })))
      .toEqual({ code: 'excursion_unit_limit', unitName: 'Cold room', celsius: 8.5, temperatureClass: 'chilled', limitC: 6 });
  });
  it('names the lots’ own limits when only they are exceeded, and the 24 hours of a warm freezer', () => {
    expect(excursionDetail(room, 5, assessReading({ unitClass: 'chilled', celsius: 5, at, lots: [fish] })))
      .toEqual({ code: 'excursion_lot_limit', unitName: 'Cold room', celsius: 5 });
    const warm = assessReading({ unitClass: 'frozen', celsius: -17, at, lots: [peas], warmSince: hoursBefore(25) });
    expect(excursionDetail({ name: 'Freezer', temperatureClass: 'frozen' }, -17, warm)).toEqual({ code: 'excursion_frozen_warm', unitName: 'Freezer', celsius: -17 });
  });
});

describe('warmRunStart', () => {
  it('goes back to the first of the unbroken warm readings', () => {
    const previous = [{ at: hoursBefore(48), celsius: -20 }, { at: hoursBefore(30), celsius: -16 }, { at: hoursBefore(10), celsius: -17 }];
    expect(warmRunStart(previous, { at, celsius: -17 })).toEqual(hoursBefore(30));
  });
  it('starts anew after a reading at −18 °C or colder, and is null for a cold reading', () => {
    const previous = [{ at: hoursBefore(30), celsius: -16 }, { at: hoursBefore(10), celsius: -18 }];
    expect(warmRunStart(previous, { at, celsius: -17 })).toEqual(at);
    expect(warmRunStart(previous, { at, celsius: -19 })).toBeNull();
  });
});

describe('holdsOnArrival', () => {
  it('holds chilled food taken into a room whose latest reading was +8.5 °C', () => {
    expect(holdsOnArrival(milk, { celsius: 8.5, excursion: true })).toBe(true);
  });
  it('holds fish, not milk, taken into a +5 °C room that held its fish', () => {
    expect(holdsOnArrival(fish, { celsius: 5, excursion: true })).toBe(true);
    expect(holdsOnArrival(milk, { celsius: 5, excursion: true })).toBe(false);
  });
  it('holds frozen food taken into a freezer in excursion, and nothing when the latest reading was fine', () => {
    expect(holdsOnArrival(peas, { celsius: -16, excursion: true })).toBe(true);
    expect(holdsOnArrival(milk, { celsius: 4, excursion: false })).toBe(false);
    expect(holdsOnArrival(milk, null)).toBe(false);
  });
});

describe('checkRelease', () => {
  const frozenMeat = { temperatureClass: 'frozen', dateKind: 'use_by', date: '2026-03-20' } as const;
  it('refuses to release a frozen lot past its use-by after a freezer excursion', () => {
    expect(checkRelease(frozenMeat, { today: '2026-03-29', heldByFreezerExcursion: true }))
      .toMatchObject({ ok: false, rule: 'frozen_past_use_by_after_excursion' });
  });
  it('releases it when its use-by is still ahead, or when no freezer excursion held it', () => {
    expect(checkRelease({ ...frozenMeat, date: '2026-03-29' }, { today: '2026-03-29', heldByFreezerExcursion: true })).toEqual({ ok: true });
    expect(checkRelease(frozenMeat, { today: '2026-03-29', heldByFreezerExcursion: false })).toEqual({ ok: true });
  });
  it('releases frozen food without a use-by (best-before) after an excursion', () => {
    expect(checkRelease({ ...frozenMeat, dateKind: 'best_before' }, { today: '2026-03-29', heldByFreezerExcursion: true })).toEqual({ ok: true });
  });
});

describe('missedReadings', () => {
  it('counts the readings short of readingsPerDay, never below zero', () => {
    expect(missedReadings({ readingsPerDay: 2, readingsThatDay: 1 })).toBe(1);
    expect(missedReadings({ readingsPerDay: 1, readingsThatDay: 3 })).toBe(0);
  });
  it('expects nothing of a unit that is not monitored', () => {
    expect(missedReadings({ readingsPerDay: 0, readingsThatDay: 0 })).toBe(0);
  });
});

describe('returnedBag', () => {
  const today = '2026-03-29';
  it('discards a chilled or frozen bag that comes back without coldChainKept, with reason temperature', () => {
    expect(returnedBag({ temperatureClass: 'chilled', handOutBy: null }, { today, coldChainKept: false })).toEqual({ to: 'discarded', reason: 'temperature' });
    expect(returnedBag({ temperatureClass: 'frozen', handOutBy: null }, { today, coldChainKept: false })).toEqual({ to: 'discarded', reason: 'temperature' });
  });
  it('returns it to stock when the driver records coldChainKept: true', () => {
    expect(returnedBag({ temperatureClass: 'chilled', handOutBy: today }, { today, coldChainKept: true })).toEqual({ to: 'in_stock' });
  });
  it('returns an ambient bag to stock either way, but never a bag past its use-by', () => {
    expect(returnedBag({ temperatureClass: 'ambient', handOutBy: null }, { today, coldChainKept: false })).toEqual({ to: 'in_stock' });
    expect(returnedBag({ temperatureClass: 'chilled', handOutBy: '2026-03-28' }, { today, coldChainKept: true })).toMatchObject({ to: 'discarded' });
  });
});

describe('deliveryNeedsRefrigeration', () => {
  it('is true when any bag on board is chilled or frozen', () => {
    expect(deliveryNeedsRefrigeration(['ambient', 'chilled'])).toBe(true);
    expect(deliveryNeedsRefrigeration(['frozen'])).toBe(true);
    expect(deliveryNeedsRefrigeration(['ambient'])).toBe(false);
    expect(deliveryNeedsRefrigeration([])).toBe(false);
  });
});
