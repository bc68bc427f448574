import { describe, expect, it } from 'vitest';
import { containsPersonalIdentityCode, containsPhoneNumber } from './personal-data.ts';

describe('containsPersonalIdentityCode', () => {
  it.each([
    ['131052-308T'], // DVV's example code
    ['asiakas 131052-308t kävi'],
    ['010101A1234'.slice(0, 7) + '123' + '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number('010101123') % 31]], // 2000s sign
    ['311299Y999' + '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number('311299999') % 31]], // a new 1900s sign (2023 reform)
  ])('finds a valid code in %s', (text) => {
    expect(containsPersonalIdentityCode(text)).toBe(true);
  });

  it.each([
    ['131052-308A'], // wrong check character
    ['321052-308T'], // no 32nd day
    ['131352-308T'], // no 13th month
    ['tilaus 2026-12-01, 120-130 kassia'],
    ['1310523089'], // no century sign
    [''],
  ])('does not flag %s', (text) => {
    expect(containsPersonalIdentityCode(text)).toBe(false);
  });
});

describe('containsPhoneNumber', () => {
  it.each([['040 123 4567'], ['soita 0401234567'], ['+358 40 123 4567'], ['00358401234567'], ['015-321 456'], ['puh. +35840-1234567']])(
    'finds %s', (text) => expect(containsPhoneNumber(text)).toBe(true),
  );

  it.each([['jaettiin 1.12.2026 klo 12–14'], ['35 kassia, 12 lapsiperhettä'], ['2026-12-01'], ['leipää 120 kg'], ['0 kassia jäi']])(
    'does not flag %s', (text) => expect(containsPhoneNumber(text)).toBe(false),
  );
});
