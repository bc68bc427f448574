import { describe, expect, it } from 'vitest';
import { buildGreatCircleMatrix, haversineKm } from './distance.ts';

describe('haversineKm', () => {
  it('measures Helsinki–Tampere as about 160 km', () => {
    expect(haversineKm({ lat: 60.1699, lon: 24.9384 }, { lat: 61.4978, lon: 23.761 })).toBeCloseTo(160.4, 0);
  });

  it('is zero for the same point and symmetric', () => {
    const a = { lat: 60.2, lon: 24.9 };
    const b = { lat: 60.3, lon: 25.1 };
    expect(haversineKm(a, a)).toBe(0);
    expect(haversineKm(a, b)).toBe(haversineKm(b, a));
  });
});

describe('buildGreatCircleMatrix', () => {
  it('scales by circuity and turns kilometres into minutes at the given speed', () => {
    const pts = [{ lat: 60.1699, lon: 24.9384 }, { lat: 61.4978, lon: 23.761 }];
    const { distances, durations } = buildGreatCircleMatrix(pts, { circuityFactor: 1.3, speedKmh: 60 });
    const km = haversineKm(pts[0], pts[1]) * 1.3;
    expect(distances[0][1]).toBeCloseTo(km, 9);
    expect(durations[1][0]).toBeCloseTo(km, 9);
    expect(distances[0][0]).toBe(0);
  });

  it('rejects a non-positive speed', () => {
    expect(() => buildGreatCircleMatrix([], { speedKmh: 0 })).toThrow(RangeError);
  });
});
