import { describe, expect, it } from 'vitest';
import { CHILLED_RIDE_MAX_MIN, FROZEN_RIDE_MAX_MIN, rideLimitMinutes, rideMinutes, rideTooLong } from './cold-ride.ts';

describe('the ride limits of cold food', () => {
  it('are 60 minutes for chilled and for frozen bags', () => {
    expect([CHILLED_RIDE_MAX_MIN, FROZEN_RIDE_MAX_MIN]).toEqual([60, 60]);
  });

  it('takes the strictest class on board, and none for ambient bags', () => {
    expect(rideLimitMinutes(['ambient', 'chilled'])).toBe(CHILLED_RIDE_MAX_MIN);
    expect(rideLimitMinutes(['frozen'])).toBe(FROZEN_RIDE_MAX_MIN);
    expect(rideLimitMinutes(['ambient'])).toBeNull();
    expect(rideLimitMinutes([])).toBeNull();
  });
});

describe('a delivery’s ride', () => {
  const loaded = new Date('2026-12-08T07:00:00Z');

  it('counts whole minutes from loading to completion', () => {
    expect(rideMinutes(loaded, new Date('2026-12-08T07:42:20Z'))).toBe(42);
    expect(rideMinutes(loaded, new Date('2026-12-08T07:42:40Z'))).toBe(43);
  });

  it('is null when the route was never loaded, and never negative', () => {
    expect(rideMinutes(null, loaded)).toBeNull();
    expect(rideMinutes(loaded, new Date('2026-12-08T06:59:00Z'))).toBe(0);
  });

  it('is too long only over the limit, without refrigeration, with cold food on board', () => {
    expect(rideTooLong({ minutes: 61, classes: ['chilled'], refrigerated: false })).toBe(true);
    expect(rideTooLong({ minutes: 60, classes: ['chilled'], refrigerated: false })).toBe(false);
    expect(rideTooLong({ minutes: 90, classes: ['frozen'], refrigerated: true })).toBe(false);
    expect(rideTooLong({ minutes: 90, classes: ['ambient'], refrigerated: false })).toBe(false);
    expect(rideTooLong({ minutes: null, classes: ['chilled'], refrigerated: false })).toBe(false);
  });
});
