import { describe, expect, it } from 'vitest';
import { en, fi, langOf } from './messages.ts';

describe('langOf', () => {
  it('picks Finnish when Finnish is preferred over English', () => {
    expect(langOf('fi')).toBe('fi');
    expect(langOf('fi-FI,fi;q=0.9,en;q=0.8')).toBe('fi');
    expect(langOf('sv-FI, fi;q=0.7')).toBe('fi');
  });
  it('answers English when the header is missing, English comes first, or neither language is asked', () => {
    expect(langOf(undefined)).toBe('en');
    expect(langOf('en-GB,fi;q=0.5')).toBe('en');
    expect(langOf('sv, de')).toBe('en');
    expect(langOf('fi;q=0')).toBe('en');
  });
});

describe('the Finnish texts', () => {
  it('write dates and decimals the Finnish way', () => {
    expect(fi.useByPast('2026-12-01')).toBe('viimeinen käyttöpäivä 1.12.2026 on mennyt');
    expect(fi.receiptTooWarm('chilled', 'dairy', 7.5, 6)).toBe('maitotuotteet (kylmä): lämpötila vastaanotossa 7,5 °C; raja on 6 °C');
    expect(en.receiptTooWarm('chilled', 'dairy', 7.5, 6)).toBe('chilled dairy measured 7.5 °C at receipt; the limit is 6 °C');
  });
  it('count intake lines from 1 for people', () => {
    expect(fi.onLine(0, 'x')).toBe('rivi 1: x');
  });
});
