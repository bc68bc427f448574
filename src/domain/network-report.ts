/**
 * The people side of the funder's report: what the network's points delivered and handed
 * out, per organisation and in total, from the delivered bags (per point) and the current
 * distribution records (per point). Pure sums, so the report is exactly its records.
 */

export type PointDeliveries = { pointId: string; organisationId: string | null; bagsDelivered: number; gDelivered: number };
export type PointDistributions = {
  pointId: string;
  organisationId: string | null;
  households: number;
  persons: number;
  children: number;
  seniors: number;
  bagsHandedOut: number;
  distributions: number;
};

export type ServedFigures = Omit<PointDistributions, 'pointId' | 'organisationId'> & {
  bagsDelivered: number;
  gDelivered: number;
  /** Points with a delivered bag or a distribution record in the period. */
  pointsActive: number;
};

export type OrganisationServed = ServedFigures & { organisationId: string | null };

function empty(): ServedFigures {
  return { households: 0, persons: 0, children: 0, seniors: 0, bagsHandedOut: 0, distributions: 0, bagsDelivered: 0, gDelivered: 0, pointsActive: 0 };
}

/**
 * Sums the points' deliveries and distributions by organisation (`null`: points run by no
 * organisation) and for the whole network. A point is active when it received a bag or
 * recorded a distribution; an organisation is active when one of its points is.
 *
 * @example servedFigures(
 *   [{ pointId: 'p1', organisationId: 'o1', bagsDelivered: 40, gDelivered: 200_000 }],
 *   [{ pointId: 'p2', organisationId: 'o1', households: 30, persons: 70, children: 20, seniors: 5, bagsHandedOut: 35, distributions: 4 }])
 *   // { total: { pointsActive: 2, households: 30, bagsDelivered: 40, ... }, organisationsActive: 1,
 *   //   byOrganisation: [{ organisationId: 'o1', pointsActive: 2, ... }] }
 */
export function servedFigures(deliveries: readonly PointDeliveries[], distributions: readonly PointDistributions[]) {
  const total = empty();
  const byOrg = new Map<string | null, ServedFigures>();
  const points = new Map<string, string | null>();
  const of = (organisationId: string | null) => {
    let row = byOrg.get(organisationId);
    if (!row) byOrg.set(organisationId, (row = empty()));
    return row;
  };
  for (const d of deliveries) {
    points.set(d.pointId, d.organisationId);
    for (const row of [total, of(d.organisationId)]) {
      row.bagsDelivered += d.bagsDelivered;
      row.gDelivered += d.gDelivered;
    }
  }
  for (const d of distributions) {
    points.set(d.pointId, d.organisationId);
    for (const row of [total, of(d.organisationId)]) {
      row.households += d.households;
      row.persons += d.persons;
      row.children += d.children;
      row.seniors += d.seniors;
      row.bagsHandedOut += d.bagsHandedOut;
      row.distributions += d.distributions;
    }
  }
  for (const organisationId of points.values()) {
    total.pointsActive += 1;
    of(organisationId).pointsActive += 1;
  }
  const byOrganisation: OrganisationServed[] = [...byOrg].map(([organisationId, row]) => ({ organisationId, ...row }));
  const organisationsActive = byOrganisation.filter((o) => o.organisationId !== null).length;
  return { total, organisationsActive, byOrganisation };
}
