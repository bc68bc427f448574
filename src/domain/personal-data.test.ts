import { describe, expect, it } from 'vitest';
import { containsEmailAddress, containsPersonalIdentityCode, containsPhoneNumber, normaliseForDetection } from './personal-data.ts';

describe('containsPersonalIdentityCode', () => {
  it.each([
    ['131052-308T'], // DVV's example code
    ['asiakas 131052-308t kävi'],
    ['010101A1234'.slice(0, 7) + '123' + '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number('010101123') % 31]], // 2000s sign
    ['311299Y999' + '0123456789ABCDEFHJKLMNPRSTUVWXY'[Number('311299999') % 31]], // a new 1900s sign (2023 reform)
    ['131052 308T'], // a space typed for the century sign
    ['asiakas 131052  308t'],
    ['131052 - 308T'], // spaces around the sign
    ['131052–308T'], // an en dash for the sign
    ['１３１０５２−３０８Ｔ'], // full-width digits and a minus sign
  ])('finds a valid code in %s', (text) => {
    expect(containsPersonalIdentityCode(text)).toBe(true);
  });

  it.each([
    ['131052-308A'], // wrong check character
    ['321052-308T'], // no 32nd day
    ['131352-308T'], // no 13th month
    ['tilaus 2026-12-01, 120-130 kassia'],
    ['1310523089'], // no century sign
    ['131052 308A'], // a space for the sign, but the wrong check character
    ['jaettiin 131052 kassia, 308 T-paitaa'],
    [''],
  ])('does not flag %s', (text) => {
    expect(containsPersonalIdentityCode(text)).toBe(false);
  });
});

describe('containsPhoneNumber', () => {
  it.each([['040 123 4567'], ['soita 0401234567'], ['+358 40 123 4567'], ['00358401234567'], ['015-321 456'], ['puh. +35840-1234567'],
    ['puh 040.123.4567'], ['(040) 123 4567'], ['０４０ １２３ ４５６７'], ['040–123 4567'], ['soita 015.321.456'], ['040/1234567']])(
    'finds %s', (text) => expect(containsPhoneNumber(text)).toBe(true),
  );

  it.each([['jaettiin 1.12.2026 klo 12–14'], ['35 kassia, 12 lapsiperhettä'], ['2026-12-01'], ['leipää 120 kg'], ['0 kassia jäi'], ['jako 01.12.2026'], ['1.12.–7.12.2026'], ['kassit 1-35 (35 kpl)'], ['(12) 34 kassia']])(
    'does not flag %s', (text) => expect(containsPhoneNumber(text)).toBe(false),
  );
});

describe('containsEmailAddress', () => {
  it.each([['matti.virtanen@example.fi'], ['asiakas: Matti.Virtanen+jako@Posti.Example.COM kävi'], ['(aino_k@kunta.fi)'],
    ['matti(at)example.fi'], ['matti [at] example [dot] fi'], ['ａｉｎｏ＠ｋｕｎｔａ．ｆｉ']])(
    'finds %s', (text) => expect(containsEmailAddress(text)).toBe(true),
  );

  it.each([['jako klo 12@14, 30 kassia'], ['2 kg @ 3 €'], ['@ovella jono'], ['www.ruoka-apu.fi'], ['']])(
    'does not flag %s', (text) => expect(containsEmailAddress(text)).toBe(false),
  );
});

describe('normaliseForDetection', () => {
  it('folds full-width forms, dashes and a spelled-out at sign', () => {
    expect(normaliseForDetection('puh ０４０–１２３')).toBe('puh 040-123');
    expect(normaliseForDetection('a(at)b.fi, c [AT] d.fi')).toBe('a@b.fi, c@d.fi');
    expect(normaliseForDetection('35 kassia')).toBe('35 kassia');
  });
});
