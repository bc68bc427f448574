import { describe, expect, it } from 'vitest';
import { expiryDate, isExpiringSoon, lotStatus, needsBestBeforeCheck, packingView, roomFor, type StoredLot } from './warehouse-stock.ts';

const lot = (over: Partial<StoredLot> = {}): StoredLot => ({
  id: 'l1', category: 'dairy', temperatureClass: 'chilled', dateKind: 'use_by', date: '2027-03-25', onHold: false, stockG: 1000,
  frozenOn: null, checkedOn: null, receivedAt: new Date('2027-03-23T06:00:00Z'), ...over,
});

describe('lotStatus', () => {
  it('calls a lot without stock depleted even while it is held', () => {
    expect(lotStatus({ stockG: 0, onHold: true })).toBe('depleted');
    expect(lotStatus({ stockG: 1, onHold: true })).toBe('on_hold');
    expect(lotStatus({ stockG: 1, onHold: false })).toBe('in_stock');
  });
});

describe('roomFor', () => {
  it('fills a unit exactly to its capacity', () => {
    expect(roomFor(1_500_000, 1_499_000, 1_000)).toEqual({ ok: true });
  });
  it('refuses one gram more, with the free grams', () => {
    expect(roomFor(1_500_000, 1_499_000, 1_001)).toEqual({ ok: false, freeG: 1_000 });
  });
  it('never reports negative free grams for an overfull unit', () => {
    expect(roomFor(1_000, 2_000, 1)).toEqual({ ok: false, freeG: 0 });
  });
});

describe('packingView', () => {
  it('counts a lot received frozen as frozen on its local arrival day (Helsinki, not UTC)', () => {
    const view = packingView(lot({ temperatureClass: 'frozen', receivedAt: new Date('2027-03-27T22:30:00Z') }));
    expect(view.frozenOn).toBe('2027-03-28');
  });
  it('keeps the recorded freeze date and the passed check', () => {
    expect(packingView(lot({ temperatureClass: 'frozen', frozenOn: '2027-03-24', checkedOn: '2027-03-26' })))
      .toMatchObject({ frozenOn: '2027-03-24', passedCheckOn: '2027-03-26' });
    expect(packingView(lot()).frozenOn).toBeNull();
  });
});

describe('isExpiringSoon', () => {
  const today = '2027-03-23';
  it('takes dates from today to two days ahead, inclusive', () => {
    expect(isExpiringSoon(lot({ date: '2027-03-23' }), today)).toBe(true);
    expect(isExpiringSoon(lot({ date: '2027-03-25' }), today)).toBe(true);
    expect(isExpiringSoon(lot({ date: '2027-03-26' }), today)).toBe(false);
    expect(isExpiringSoon(lot({ date: '2027-03-22' }), today)).toBe(false);
  });
  it('counts across the spring DST change by calendar days', () => {
    expect(isExpiringSoon(lot({ date: '2027-03-29' }), '2027-03-27')).toBe(true);
  });
  it('ignores frozen-in-time lots, undated lots and empty lots; keeps best-before and cold-smoked fish', () => {
    expect(isExpiringSoon(lot({ temperatureClass: 'frozen', frozenOn: '2027-03-23' }), today)).toBe(false);
    expect(isExpiringSoon(lot({ category: 'smoked_fish', temperatureClass: 'frozen', frozenOn: '2027-03-23' }), today)).toBe(true);
    expect(isExpiringSoon(lot({ dateKind: 'none', date: null }), today)).toBe(false);
    expect(isExpiringSoon(lot({ stockG: 0 }), today)).toBe(false);
    expect(isExpiringSoon(lot({ dateKind: 'best_before', category: 'bread', temperatureClass: 'ambient' }), today)).toBe(true);
  });
});

describe('frozen shelf life in the expiry view', () => {
  it('shows a lot frozen from chilled as expiring before frozenOn + 60 days', () => {
    const frozenDairy = lot({ temperatureClass: 'frozen', frozenOn: '2027-01-30', date: '2027-01-30' });
    expect(expiryDate(frozenDairy)).toBe('2027-03-31');
    expect(isExpiringSoon(frozenDairy, '2027-03-29')).toBe(true);
    expect(isExpiringSoon(frozenDairy, '2027-03-28')).toBe(false);
  });
});

describe('needsBestBeforeCheck', () => {
  const bread = lot({ category: 'bread', temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-03-20' });
  it('lists a lot past best-before without a passed check on or after that date', () => {
    expect(needsBestBeforeCheck(bread, '2027-03-21')).toBe(true);
    expect(needsBestBeforeCheck({ ...bread, checkedOn: '2027-03-19' }, '2027-03-21')).toBe(true);
    expect(needsBestBeforeCheck({ ...bread, checkedOn: '2027-03-21' }, '2027-03-21')).toBe(false);
  });
  it('lists it again when the check is older than BEST_BEFORE_CHECK_DAYS', () => {
    const pasta = { ...bread, category: 'dry_goods' } as const;
    expect(needsBestBeforeCheck({ ...pasta, checkedOn: '2027-03-21' }, '2027-03-28')).toBe(false);
    expect(needsBestBeforeCheck({ ...pasta, checkedOn: '2027-03-21' }, '2027-03-29')).toBe(true);
  });
  it('leaves out a lot past its BEST_BEFORE_MAX_DAYS_PAST: no check unlocks it (bread: 7 days)', () => {
    expect(needsBestBeforeCheck(bread, '2027-03-27')).toBe(true);
    expect(needsBestBeforeCheck(bread, '2027-03-28')).toBe(false);
  });
  it('leaves out lots on or before their best-before, empty lots and eggs (never packed after it)', () => {
    expect(needsBestBeforeCheck(bread, '2027-03-20')).toBe(false);
    expect(needsBestBeforeCheck({ ...bread, stockG: 0 }, '2027-03-25')).toBe(false);
    expect(needsBestBeforeCheck({ ...bread, category: 'eggs' }, '2027-03-25')).toBe(false);
  });
});
