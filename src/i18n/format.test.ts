import { describe, expect, it } from 'vitest';
import { count, fiClock, fiDate, fiDateTime, fiDecimal, fiNumber, fiPeriod, fiTime, fiWeekdayDate, monthName, placeLine, plural, vehicleLine } from './format.ts';

describe('Finnish dates', () => {
  it('writes a local date day first without leading zeros', () => {
    expect(fiDate('2026-12-01')).toBe('1.12.2026');
    expect(fiDate('2026-03-29')).toBe('29.3.2026');
  });
  it('gives back as it came what is not a date', () => {
    expect(fiDate('2026-13-45')).toBe('2026-13-45');
    expect(fiDate('huomenna')).toBe('huomenna');
  });
  it('names a month in the language of the page', () => {
    expect(monthName('2026-11', 'fi')).toBe('marraskuu 2026');
    expect(monthName('2026-11', 'en')).toBe('November 2026');
  });
  it('names the weekday of a day a person plans by', () => {
    expect(fiWeekdayDate('2026-11-03')).toBe('ti 3.11.2026');
  });
  it('writes a period once where its ends share the month and year, never ISO', () => {
    expect(fiPeriod('2026-11-01', '2026-11-30')).toBe('1.–30.11.2026');
    expect(fiPeriod('2026-11-01', '2026-12-31')).toBe('1.11.–31.12.2026');
    expect(fiPeriod('2026-12-01', '2026-12-01')).toBe('1.12.2026');
  });
});

describe('Finnish times', () => {
  it('writes a Helsinki wall-clock time as klo 8.00, not 08:00, in winter and summer', () => {
    expect(fiTime('2026-11-03T06:00:00Z')).toBe('8.00');
    expect(fiTime(new Date('2026-07-01T05:30:00Z'))).toBe('8.30');
    expect(fiTime('2026-11-03T16:05:00Z')).toBe('18.05');
  });
  it('writes a schedule time HH:mm the same way', () => {
    expect(fiClock('08:00')).toBe('8.00');
    expect(fiClock('18:30')).toBe('18.30');
    expect(fiClock('00:05')).toBe('0.05');
    expect(fiClock('8')).toBe('8');
  });
  it('joins a date and a time with klo, on the Helsinki calendar day', () => {
    expect(fiDateTime('2026-03-28T22:30:00Z')).toBe('29.3.2026 klo 0.30');
  });
});

describe('Finnish numbers and counts', () => {
  it('writes decimal commas', () => {
    expect(fiDecimal(7.5)).toBe('7,5');
    expect(fiNumber(1234.56, 1)).toBe('1\u00a0234,6');
  });
  it('takes the singular after 1 and the partitive after any other number', () => {
    expect(count('fi', 1, 'kassi', 'kassia')).toBe('1 kassi');
    expect(count('fi', 0, 'kassi', 'kassia')).toBe('0 kassia');
    expect(count('fi', 2, 'kotitalous', 'kotitaloutta')).toBe('2 kotitaloutta');
    expect(plural('en', 1, 'bag', 'bags')).toBe('bag');
    expect(plural('en', 3, 'bag', 'bags')).toBe('bags');
  });
});

describe('one name for one thing', () => {
  it('writes the town of an address once', () => {
    expect(placeLine('Kauppatie 3', 'Mäntyharju')).toBe('Kauppatie 3, Mäntyharju');
    expect(placeLine('Kauppatie 3, Mäntyharju', 'Mäntyharju')).toBe('Kauppatie 3, Mäntyharju');
    expect(placeLine('Kauppatie 3, 52700 MÄNTYHARJU', 'Mäntyharju')).toBe('Kauppatie 3, 52700 MÄNTYHARJU');
    expect(placeLine('Mäntyharjuntie 5', 'Mäntyharju')).toBe('Mäntyharjuntie 5, Mäntyharju');
    expect(placeLine(null, 'Mikkeli')).toBe('Mikkeli');
    expect(placeLine('Kauppatie 3', null)).toBe('Kauppatie 3');
  });

  it('says a vehicle is refrigerated once', () => {
    expect(vehicleLine('Pakettiauto 1 (kylmä)', true, 'kylmäauto')).toBe('Pakettiauto 1 (kylmä)');
    expect(vehicleLine('Pakettiauto 1', true, 'kylmäauto')).toBe('Pakettiauto 1 (kylmäauto)');
    expect(vehicleLine('Pakettiauto 2', false, 'kylmäauto')).toBe('Pakettiauto 2');
  });
});
