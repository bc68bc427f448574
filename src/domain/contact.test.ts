import { describe, expect, it } from 'vitest';
import { callableContact, isCallablePhone, mayReadSiteContact } from './contact.ts';

describe('callableContact', () => {
  it('finds the number in a contact name and leaves the name', () => {
    expect(callableContact({ contactName: 'Päivi Häkkinen, 040 123 4567' })).toEqual({ contactName: 'Päivi Häkkinen', phone: '040 123 4567' });
  });

  it('finds it in the other contact text when the name has none', () => {
    expect(callableContact({ contactName: 'Matti', contact: 'soita 0401234567 (aamuisin)' }))
      .toEqual({ contactName: 'Matti', contact: 'soita (aamuisin)', phone: '0401234567' });
  });

  it('takes an international number as written', () => {
    expect(callableContact({ contact: '+358 40 765 4321' })).toEqual({ contact: undefined, phone: '+358 40 765 4321' });
  });

  it('keeps the site\'s own phone and its texts as they are', () => {
    const c = { contactName: 'Päivi, 040 123 4567', phone: '015 123 456' };
    expect(callableContact(c)).toEqual(c);
  });

  it('leaves a text with no phone number in it alone (a door code is not a number to call)', () => {
    expect(callableContact({ contactName: 'Matti', contact: 'ovikoodi 1234' })).toEqual({ contactName: 'Matti', contact: 'ovikoodi 1234' });
  });
});

describe('mayReadSiteContact', () => {
  const point = { id: 'p1', kind: 'point' as const };
  const donor = { id: 'd1', kind: 'donor' as const };
  const depot = { id: 'w1', kind: 'depot' as const };
  it('shows contacts only to those who call them in their work', () => {
    expect([point, donor, depot].map((s) => mayReadSiteContact({ role: 'coordinator' }, s))).toEqual([true, true, true]);
    expect([point, donor, depot].map((s) => mayReadSiteContact({ role: 'warehouse' }, s))).toEqual([false, true, true]);
    expect([point, donor, depot].map((s) => mayReadSiteContact({ role: 'point_lead', pointId: 'p1' }, s))).toEqual([true, false, true]);
    expect(mayReadSiteContact({ role: 'point_lead', pointId: 'p2' }, point)).toBe(false);
    expect([point, donor, depot].map((s) => mayReadSiteContact({ role: 'driver', routeSiteIds: new Set(['d1']) }, s))).toEqual([false, true, true]);
    expect(mayReadSiteContact({ role: 'donor' }, depot)).toBe(false);
  });
});

describe('isCallablePhone', () => {
  it.each(['040 123 4567', '+358 40 123 4567', '00358401234567', '015 321 456', '09 123 4567', '020 123 4567', '0800 123 456', '+46 70 123 45 67'])('takes %s', (v) => {
    expect(isCallablePhone(v)).toBe(true);
  });
  it.each(['401234567', '112', '0600 123 45', '040 123', 'soita', ''])('refuses %s', (v) => {
    expect(isCallablePhone(v)).toBe(false);
  });
});
