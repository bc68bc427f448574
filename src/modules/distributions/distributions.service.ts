import type { Executor } from '../../db/client.ts';
import { localDate } from '../../domain/dates.ts';
import { correctionViolation, distributionViolation } from '../../domain/distributions.ts';
import { conflict, notFound, unprocessable } from '../../errors.ts';
import { keysetPage } from '../../db/cursor.ts';
import { assertPointScope, type Actor } from '../auth/actor.ts';
import { requireSite } from '../sites/sites.service.ts';
import { DISTRIBUTION_ORDER, findDistribution, findDistributions, insertDistribution, lockPoint, type DistributionRow } from './distributions.repo.ts';
import type { CreateDistributionBody, DistributionDto } from './distributions.schemas.ts';

export function toDistributionDto(d: DistributionRow): DistributionDto {
  return {
    id: d.id, pointId: d.pointId, date: d.date, households: d.households,
    persons: d.persons ?? undefined, children: d.children ?? undefined, seniors: d.seniors ?? undefined,
    bagsHandedOut: d.bagsHandedOut, note: d.note ?? undefined,
    supersedes: d.supersedesId ?? undefined, supersededBy: d.supersededBy ?? undefined,
    recordedBy: d.recordedBy, recordedAt: d.createdAt.toISOString(),
  };
}

/** The point as the caller may see it: another point's (for a point lead) or no point at all is 404. */
async function requireOwnPoint(db: Executor, actor: Actor, pointId: string) {
  assertPointScope(actor, pointId, 'point');
  return requireSite(db, pointId, 'point');
}

/**
 * Records one distribution of a point. One current record per point and day: a second one
 * is 409 naming the first (so a retried post from a phone cannot count a day twice); a
 * correction names the record it `supersedes`, which must be this point's current record of
 * the same day (422 otherwise: a correction never moves a day's counts to another day).
 * The point's row is locked, so two corrections of the same record cannot both land.
 */
export async function recordDistribution(db: Executor, actor: Actor, pointId: string, body: CreateDistributionBody, now: Date): Promise<DistributionDto> {
  await requireOwnPoint(db, actor, pointId);
  const violation = distributionViolation(body, localDate(now));
  if (violation) throw unprocessable(violation.rule, violation.message);
  await lockPoint(db, pointId);
  if (body.supersedes) {
    const old = await findDistribution(db, body.supersedes);
    if (old?.pointId !== pointId) throw notFound('distribution');
    const otherDay = correctionViolation(old, body);
    if (otherDay) throw unprocessable(otherDay.rule, otherDay.message, { supersededDate: old.date });
    if (old.supersededBy) {
      throw conflict('already_superseded', (m) => m.alreadySuperseded(old.id, old.supersededBy!), { supersededBy: old.supersededBy });
    }
  }
  const [sameDay] = (await findDistributions(db, { pointId, from: body.date, to: body.date, current: true }))
    .filter((d) => d.id !== body.supersedes);
  if (sameDay) {
    throw conflict('distribution_exists', (m) => m.distributionExists(body.date, sameDay.id), { existingId: sameDay.id });
  }
  const { supersedes, ...counts } = body;
  const row = await insertDistribution(db, { ...counts, pointId, supersedesId: supersedes ?? null, recordedBy: actor.id });
  return toDistributionDto({ ...row, supersededBy: null });
}

export async function listDistributions(
  db: Executor, actor: Actor, pointId: string, q: { from?: string; to?: string; history: boolean; limit: number; cursor?: string },
) {
  await requireOwnPoint(db, actor, pointId);
  const { page, nextCursor } = await keysetPage(q, DISTRIBUTION_ORDER, (w) => findDistributions(db, { pointId, from: q.from, to: q.to, current: !q.history, ...w }));
  return { items: page.map(toDistributionDto), nextCursor };
}
