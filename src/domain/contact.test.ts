import { describe, expect, it } from 'vitest';
import { callableContact } from './contact.ts';

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
