import { describe, expect, it } from 'vitest';
import { spreadMarkers, type MapPoint } from './map-markers.ts';

/** The least distance across or down between two markers: at least the gap, their boxes do not overlap. */
const closestPair = (ps: MapPoint[]) => {
  let min = Infinity;
  for (let i = 0; i < ps.length; i++) for (let j = i + 1; j < ps.length; j++) min = Math.min(min, Math.max(Math.abs(ps[i].x - ps[j].x), Math.abs(ps[i].y - ps[j].y)));
  return min;
};

describe('spreadMarkers', () => {
  it('fans out three stops at one place so all three show, the first at the top', () => {
    const spot = { x: 160, y: 110 };
    const out = spreadMarkers([spot, spot, spot], 22, 320, 220);
    expect(closestPair(out)).toBeGreaterThanOrEqual(22);
    expect(out[0].y).toBeLessThan(spot.y);
    expect(Math.abs(out[0].x - spot.x)).toBeLessThan(1e-9);
  });

  it('leaves markers that stand clear where they are, and does not change its input', () => {
    const input = [{ x: 20, y: 20 }, { x: 200, y: 150 }];
    expect(spreadMarkers(input, 22, 320, 220)).toEqual(input);
    const crowded = [{ x: 100, y: 100 }, { x: 105, y: 100 }];
    spreadMarkers(crowded, 22, 320, 220);
    expect(crowded).toEqual([{ x: 100, y: 100 }, { x: 105, y: 100 }]);
  });

  it('parts a crowd in a corner and keeps every marker inside the map', () => {
    const corner = Array.from({ length: 6 }, (_, i) => ({ x: 2 + i, y: 3 }));
    const out = spreadMarkers(corner, 22, 320, 220);
    expect(closestPair(out)).toBeGreaterThanOrEqual(22);
    for (const p of out) {
      expect(p.x).toBeGreaterThanOrEqual(11);
      expect(p.y).toBeGreaterThanOrEqual(11);
      expect(p.x).toBeLessThanOrEqual(309);
      expect(p.y).toBeLessThanOrEqual(209);
    }
  });

  it('gives the same picture every time', () => {
    const ps = [{ x: 50, y: 50 }, { x: 50, y: 50 }, { x: 52, y: 49 }, { x: 60, y: 55 }];
    expect(spreadMarkers(ps, 22, 320, 220)).toEqual(spreadMarkers(ps, 22, 320, 220));
  });
});
