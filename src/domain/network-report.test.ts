import { describe, expect, it } from 'vitest';
import { servedFigures } from './network-report.ts';

const dist = (pointId: string, organisationId: string | null, households: number, persons: number) =>
  ({ pointId, organisationId, households, persons, children: 1, seniors: 1, bagsHandedOut: households, distributions: 1 });

describe('servedFigures', () => {
  it('is all zero and no organisation for an empty period', () => {
    expect(servedFigures([], [])).toEqual({
      total: { households: 0, persons: 0, children: 0, seniors: 0, bagsHandedOut: 0, distributions: 0, bagsDelivered: 0, gDelivered: 0, pointsActive: 0 },
      organisationsActive: 0,
      byOrganisation: [],
    });
  });

  it('counts a point once whether it received bags, recorded distributions, or both', () => {
    const r = servedFigures(
      [{ pointId: 'p1', organisationId: 'o1', bagsDelivered: 10, gDelivered: 50_000 }, { pointId: 'p2', organisationId: 'o1', bagsDelivered: 3, gDelivered: 9_000 }],
      [dist('p1', 'o1', 8, 20), dist('p3', 'o2', 5, 9)],
    );
    expect(r.total).toMatchObject({ pointsActive: 3, bagsDelivered: 13, gDelivered: 59_000, households: 13, persons: 29, children: 2, seniors: 2, distributions: 2 });
    expect(r.organisationsActive).toBe(2);
    expect(r.byOrganisation).toEqual([
      expect.objectContaining({ organisationId: 'o1', pointsActive: 2, bagsDelivered: 13, households: 8 }),
      expect.objectContaining({ organisationId: 'o2', pointsActive: 1, bagsDelivered: 0, households: 5 }),
    ]);
  });

  it('keeps points without an organisation apart and does not count them as an organisation', () => {
    const r = servedFigures([{ pointId: 'p9', organisationId: null, bagsDelivered: 2, gDelivered: 10_000 }], []);
    expect(r.organisationsActive).toBe(0);
    expect(r.byOrganisation).toEqual([expect.objectContaining({ organisationId: null, pointsActive: 1, bagsDelivered: 2 })]);
  });
});
