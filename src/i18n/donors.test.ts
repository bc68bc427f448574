import { describe, expect, it } from 'vitest';
import { offerAcceptedText, offerDeclinedText, pickupWhen } from './donors.ts';

describe('what a donor is told', () => {
  it('says the pickup window the Finnish way, minutes only when there are some', () => {
    expect(pickupWhen('fi', new Date('2026-12-09T09:00:00Z'), new Date('2026-12-09T10:00:00Z'))).toBe('ke 9.12. klo 11–12');
    expect(pickupWhen('fi', new Date('2026-12-08T09:30:00Z'), new Date('2026-12-08T10:45:00Z'))).toBe('ti 8.12. klo 11.30–12.45');
    expect(pickupWhen('en', new Date('2026-12-08T09:30:00Z'), new Date('2026-12-08T10:00:00Z'))).toBe('Tue 8/12 at 11:30–12');
    expect(offerAcceptedText('fi', new Date('2026-12-08T09:00:00Z'), new Date('2026-12-08T10:00:00Z'))).toBe('Kiitos! Noudamme ti 8.12. klo 11–12.');
  });
  it('gives the reason of a decline in plain words', () => {
    expect(offerDeclinedText('fi', 1500.5, 'no_storage')).toBe('Kiitos tarjouksesta (1500,5 kg). Emme valitettavasti voi noutaa sitä: varastossamme ei ole tilaa.');
    expect(offerDeclinedText('en', 20, 'too_far')).toBe('Thank you for your offer (20 kg). Unfortunately we cannot pick it up: it is too far for us.');
  });
});
