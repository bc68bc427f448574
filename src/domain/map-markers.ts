/**
 * Markers on a small map that must not hide each other: three stops at one shopping centre
 * project to one spot, and a marker drawn over another takes its number and its tap away.
 */

export interface MapPoint { x: number; y: number }

const ROUNDS = 200;
/** Markers are parted a little past the gap, so rounding never leaves two just touching. */
const MARGIN = 1.001;

/**
 * Moves markers apart until no two centres are closer than `gap` (the marker's diameter plus a
 * margin) across or down, so neither the markers nor their boxes overlap, each as little as it needs, and keeps them inside `width` × `height` less `gap / 2`
 * at the edges. Markers at the very same spot fan out evenly around it in the order given, so
 * stop 1 stays first clockwise from the top and the picture is the same on every render.
 * Pure: the input is not changed; a marker with no neighbour within `gap` does not move.
 *
 * @example spreadMarkers([{ x: 50, y: 50 }, { x: 50, y: 50 }], 20, 100, 100) // about [{ x: 50, y: 36 }, { x: 50, y: 64 }]
 */
export function spreadMarkers(points: readonly MapPoint[], gap: number, width: number, height: number): MapPoint[] {
  const half = gap / 2;
  const clamp = (v: number, max: number) => Math.min(Math.max(v, half), max - half);
  const at = points.map((p) => ({ x: clamp(p.x, width), y: clamp(p.y, height) }));
  // Markers on one spot get a direction each around that spot, so the pushes below can part them.
  const same = new Map<string, number[]>();
  at.forEach((p, i) => {
    const key = `${p.x.toFixed(3)},${p.y.toFixed(3)}`;
    same.set(key, [...(same.get(key) ?? []), i]);
  });
  for (const group of same.values()) {
    if (group.length < 2) continue;
    const r = (half * Math.SQRT2 * MARGIN) / Math.sin(Math.PI / Math.max(group.length, 2));
    group.forEach((i, k) => {
      const angle = (2 * Math.PI * k) / group.length;
      at[i] = { x: clamp(at[i].x + r * Math.sin(angle), width), y: clamp(at[i].y - r * Math.cos(angle), height) };
    });
  }
  for (let round = 0; round < ROUNDS; round++) {
    let moved = false;
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        const dx = at[j].x - at[i].x;
        const dy = at[j].y - at[i].y;
        // Apart by the square, not the circle: two markers' boxes must not overlap either.
        if (Math.max(Math.abs(dx), Math.abs(dy)) >= gap - 1e-9) continue;
        const alongX = Math.abs(dx) > Math.abs(dy) || (dx === dy && dx === 0 && (i + j) % 2 === 0);
        const d = alongX ? dx : dy;
        const push = ((gap * MARGIN - Math.abs(d)) / 2) * (d < 0 ? -1 : 1);
        const [px, py] = alongX ? [push, 0] : [0, push];
        at[i] = { x: clamp(at[i].x - px, width), y: clamp(at[i].y - py, height) };
        at[j] = { x: clamp(at[j].x + px, width), y: clamp(at[j].y + py, height) };
        moved = true;
      }
    }
    if (!moved) break;
  }
  return at;
}
