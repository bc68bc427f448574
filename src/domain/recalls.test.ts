import { describe, expect, it } from 'vitest';
import { normaliseProductName, productMatches, recallBagAction, recallNoteViolation } from './recalls.ts';

describe('productMatches', () => {
  it('ignores case, accents and extra spaces, and finds a word inside a name', () => {
    expect(normaliseProductName('  Naudan   PAISTI ')).toBe('naudan paisti');
    expect(productMatches('Naudan paisti 400 g', '  PAISTI ')).toBe(true);
    expect(productMatches('Naudanpaisti', 'paisti')).toBe(true);
    expect(productMatches('Crème fraîche', 'creme')).toBe(true);
    expect(productMatches('Kevytmaito', 'paisti')).toBe(false);
    expect(productMatches(null, 'paisti')).toBe(false);
  });
});

describe('recallBagAction', () => {
  it.each([
    ['in_stock', 'withdraw'], ['reserved', 'withdraw'], ['held', 'withdraw'],
    ['dispatched', 'bring_back'], ['delivered', 'tell_point'], ['discarded', 'none'], ['recalled', 'none'],
  ])('a %s bag: %s', (status, action) => expect(recallBagAction(status)).toBe(action));
});

describe('recallNoteViolation: what a point did, never who was served', () => {
  it.each([
    ['Kassit palautettu kuljettajan mukana, kotitaloudet tavoitettu'],
    ['Bag handed out already; the household was phoned'],
    ['2 kassia palautettu 24.3.2027 klo 15.30'],
  ])('takes %s', (note) => expect(recallNoteViolation(note)).toBeNull());

  it.each([
    ['Soitettu: 040 123 4567', 'note_phone_number'],
    ['Soitettu +358 40 1234567', 'note_phone_number'],
    ['Asiakas 131052-308T tavoitettu', 'note_personal_identity_code'],
    ['Lähetetty viesti matti.meikalainen@example.fi', 'note_email_address'],
  ])('refuses %s', (note, rule) => expect(recallNoteViolation(note)).toBe(rule));
});
