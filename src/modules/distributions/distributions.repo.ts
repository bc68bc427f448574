import { and, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.ts';
import { orderOf, pastKey, sortKey, toMs } from '../../db/keyset.ts';
import type { PageWindow } from '../../db/cursor.ts';
import { distributions, sites } from '../../db/schema/index.ts';
import type { LocalDate } from '../../domain/dates.ts';

export type DistributionRow = typeof distributions.$inferSelect & { supersededBy: string | null };

const later = alias(distributions, 'later');

/** By day, then in the order recorded. */
export const DISTRIBUTION_ORDER = sortKey<DistributionRow>(
  [{ column: distributions.date, part: 'date' }, { column: toMs(distributions.createdAt), part: 'instant' }, { column: distributions.id, part: 'uuid' }],
  (d) => [d.date, d.createdAt, d.id],
);

/**
 * A point's distribution records in a date range, each with the record that superseded it
 * (if any); `current` keeps only those nobody superseded. All of them, or one page.
 */
export async function findDistributions(
  db: Executor, q: { pointId?: string; from?: LocalDate; to?: LocalDate; current: boolean } & Partial<PageWindow>,
): Promise<DistributionRow[]> {
  const query = db.select({ d: distributions, supersededBy: later.id }).from(distributions)
    .leftJoin(later, eq(later.supersedesId, distributions.id))
    .where(and(
      q.pointId ? eq(distributions.pointId, q.pointId) : undefined,
      q.from ? gte(distributions.date, q.from) : undefined,
      q.to ? lte(distributions.date, q.to) : undefined,
      q.current ? isNull(later.id) : undefined,
      pastKey(DISTRIBUTION_ORDER, q.after),
    ))
    .orderBy(...orderOf(DISTRIBUTION_ORDER)).$dynamic();
  const rows = await (q.limit === undefined ? query : query.limit(q.limit));
  return rows.map((r) => ({ ...r.d, supersededBy: r.supersededBy }));
}

export async function findDistribution(db: Executor, id: string): Promise<DistributionRow | undefined> {
  const [row] = await db.select({ d: distributions, supersededBy: later.id }).from(distributions)
    .leftJoin(later, eq(later.supersedesId, distributions.id)).where(eq(distributions.id, id));
  return row ? { ...row.d, supersededBy: row.supersededBy } : undefined;
}

/** Serialises the writes of one point's records (the row lock is held to the end of the transaction). */
export async function lockPoint(db: Executor, pointId: string): Promise<void> {
  await db.select({ id: sites.id }).from(sites).where(eq(sites.id, pointId)).for('update');
}

/**
 * Sums of the current records in a range, per point (and its organisation): what the reports
 * count. Superseded records are left out, so a corrected day counts once, as corrected.
 */
export async function distributionSumsByPoint(db: Executor, from: LocalDate, to: LocalDate) {
  const rows = await db.select({
    pointId: distributions.pointId,
    organisationId: sites.organisationId,
    households: sql<string>`sum(${distributions.households})`,
    persons: sql<string>`coalesce(sum(${distributions.persons}), 0)`,
    children: sql<string>`coalesce(sum(${distributions.children}), 0)`,
    seniors: sql<string>`coalesce(sum(${distributions.seniors}), 0)`,
    bagsHandedOut: sql<string>`sum(${distributions.bagsHandedOut})`,
    distributions: sql<string>`count(*)`,
  }).from(distributions)
    .innerJoin(sites, eq(sites.id, distributions.pointId))
    .leftJoin(later, eq(later.supersedesId, distributions.id))
    .where(and(isNull(later.id), gte(distributions.date, from), lte(distributions.date, to)))
    .groupBy(distributions.pointId, sites.organisationId);
  return rows.map((r) => ({
    pointId: r.pointId,
    organisationId: r.organisationId,
    households: Number(r.households),
    persons: Number(r.persons),
    children: Number(r.children),
    seniors: Number(r.seniors),
    bagsHandedOut: Number(r.bagsHandedOut),
    distributions: Number(r.distributions),
  }));
}

/** Records a point's distribution (a correction names the one it supersedes). */
export const insertDistribution = async (db: Executor, values: typeof distributions.$inferInsert) => (await db.insert(distributions).values(values).returning())[0];
