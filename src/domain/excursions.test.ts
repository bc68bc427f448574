import { describe, expect, it } from 'vitest';
import { en, fi } from '../i18n/messages.ts';
import { bagLimitC, bagsHeldByReading, checkBackInRange, checkResolve, isLateEntry, LATE_ENTRY_MS } from './excursions.ts';

const at = (hhmm: string, day = '2026-12-07') => new Date(`${day}T${hhmm}:00+02:00`);

describe('isLateEntry', () => {
  it('marks a reading typed in the next morning for the evening before', () => {
    expect(isLateEntry({ at: at('20:00', '2026-12-06'), enteredAt: at('08:00') })).toBe(true);
  });
  it('accepts a reading typed in within the hour of the round, and exactly an hour later', () => {
    expect(isLateEntry({ at: at('08:00'), enteredAt: at('08:40') })).toBe(false);
    expect(isLateEntry({ at: at('08:00'), enteredAt: new Date(at('08:00').getTime() + LATE_ENTRY_MS) })).toBe(false);
    expect(isLateEntry({ at: at('08:00'), enteredAt: new Date(at('08:00').getTime() + LATE_ENTRY_MS + 1) })).toBe(true);
  });
});

describe('bagLimitC', () => {
  it('takes the strictest limit of what a chilled bag holds: fish makes it +3 °C, minced meat +4 °C', () => {
    expect(bagLimitC({ temperatureClass: 'chilled', contents: [{ category: 'dairy', temperatureClass: 'chilled' }, { category: 'fish', temperatureClass: 'chilled' }] })).toBe(3);
    expect(bagLimitC({ temperatureClass: 'chilled', contents: [{ category: 'minced_meat', temperatureClass: 'chilled' }] })).toBe(4);
  });
  it('ignores the ambient food in a chilled bag, and holds a chilled bag without recorded contents to +6 °C', () => {
    expect(bagLimitC({ temperatureClass: 'chilled', contents: [{ category: 'bread', temperatureClass: 'ambient' }] })).toBe(6);
    expect(bagLimitC({ temperatureClass: 'chilled', contents: [] })).toBe(6);
  });
  it('is −15 °C for a frozen bag and none for an ambient one', () => {
    expect(bagLimitC({ temperatureClass: 'frozen', contents: [{ category: 'meat', temperatureClass: 'frozen' }] })).toBe(-15);
    expect(bagLimitC({ temperatureClass: 'ambient', contents: [{ category: 'bread', temperatureClass: 'ambient' }] })).toBeNull();
  });
});

describe('bagsHeldByReading', () => {
  const bags = [{ id: 'fish-bag', limitC: 3 }, { id: 'milk-bag', limitC: 6 }];
  it('holds the fish bag, not the milk bag, in a +5 °C cold room', () => {
    expect(bagsHeldByReading({ unitClass: 'chilled', celsius: 5, excursion: true, bags })).toEqual(['fish-bag']);
  });
  it('holds every bag at +8.5 °C, and every bag of a freezer in excursion', () => {
    expect(bagsHeldByReading({ unitClass: 'chilled', celsius: 8.5, excursion: true, bags })).toEqual(['fish-bag', 'milk-bag']);
    expect(bagsHeldByReading({ unitClass: 'frozen', celsius: -16.5, excursion: true, bags: [{ id: 'peas', limitC: -15 }] })).toEqual(['peas']);
  });
  it('holds nothing without an excursion', () => {
    expect(bagsHeldByReading({ unitClass: 'chilled', celsius: 5, excursion: false, bags })).toEqual([]);
  });
});

describe('checkBackInRange', () => {
  const heldAt = at('09:00');
  it('refuses while the room still reads +8.5 °C, however the food looks', () => {
    const v = checkBackInRange({ limitC: 6, heldAt, movedAfterHold: false, latest: { at: at('10:00'), celsius: 8.5, excursion: true } });
    expect(v).toMatchObject({ ok: false, rule: 'unit_still_out_of_range' });
    if (!v.ok) expect(v.message(fi)).toContain('8,5 °C');
  });
  it('releases milk once the room reads +5 °C after the hold, but not fish', () => {
    const latest = { at: at('10:00'), celsius: 5, excursion: true };
    expect(checkBackInRange({ limitC: 6, heldAt, movedAfterHold: false, latest })).toEqual({ ok: true });
    expect(checkBackInRange({ limitC: 3, heldAt, movedAfterHold: false, latest }).ok).toBe(false);
  });
  it('refuses on a reading in range from before the hold, unless the food was moved since', () => {
    const earlier = { at: at('08:00'), celsius: 3, excursion: false };
    expect(checkBackInRange({ limitC: 6, heldAt, movedAfterHold: false, latest: earlier })).toMatchObject({ ok: false });
    expect(checkBackInRange({ limitC: 6, heldAt, movedAfterHold: true, latest: earlier })).toEqual({ ok: true });
  });
  it('refuses in a unit never read, and in a freezer whose last reading was an excursion', () => {
    expect(checkBackInRange({ limitC: 6, heldAt, movedAfterHold: true, latest: null })).toMatchObject({ ok: false });
    expect(checkBackInRange({ limitC: -15, frozen: true, heldAt, movedAfterHold: false, latest: { at: at('10:00'), celsius: -16.5, excursion: true } }).ok).toBe(false);
    expect(checkBackInRange({ limitC: -15, frozen: true, heldAt, movedAfterHold: false, latest: { at: at('10:00'), celsius: -19, excursion: false } }).ok).toBe(true);
  });
});

describe('checkResolve', () => {
  const excursion = { kind: 'excursion', closed: false, lotsStillHeld: 0, bagsStillHeld: 0, unitBackInRange: true, unitHasStock: true };
  it('closes an excursion that holds nothing once its unit reads in range', () => {
    expect(checkResolve(excursion)).toEqual({ ok: true });
  });
  it('keeps it open while lots or bags are held, and says how many', () => {
    const v = checkResolve({ ...excursion, lotsStillHeld: 2, bagsStillHeld: 3 });
    expect(v).toMatchObject({ ok: false, rule: 'alert_still_holds' });
    if (!v.ok) expect(v.message(en)).toBe('The alert still holds 2 lots and 3 bags: release or discard them first');
  });
  it('keeps it open while the unit reads warm and holds food, but closes it for a warm empty unit', () => {
    expect(checkResolve({ ...excursion, unitBackInRange: false })).toMatchObject({ ok: false, rule: 'unit_still_out_of_range' });
    expect(checkResolve({ ...excursion, unitBackInRange: false, unitHasStock: false })).toEqual({ ok: true });
  });
  it('closes a missed-reading alert with its action, and refuses a closed alert or another kind', () => {
    expect(checkResolve({ ...excursion, kind: 'reading_missed', unitBackInRange: false, lotsStillHeld: 1 })).toEqual({ ok: true });
    expect(checkResolve({ ...excursion, closed: true })).toMatchObject({ ok: false, rule: 'alert_closed' });
    expect(checkResolve({ ...excursion, kind: 'bags_unsettled' })).toMatchObject({ ok: false, rule: 'alert_not_resolvable' });
  });
});
