import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { auditEntries, donorLinks, donorMessages, donorSessions, idempotencyKeys, offerOutcomes, offers, pickupSkips, sites } from '../../db/schema/index.ts';
import { pseudonymOf } from '../../domain/accounts.ts';
import { notFound } from '../../errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import { isErasedLink, toDonorLinkDto } from './links.service.ts';
import { toOfferDtos } from './offers.service.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? undefined;

async function requireLink(db: Executor, siteId: string, linkId: string, lock = false) {
  const q = db.select().from(donorLinks).where(and(eq(donorLinks.id, linkId), eq(donorLinks.siteId, siteId)));
  const [link] = lock ? await q.for('update') : await q;
  if (!link) throw notFound('donorLink');
  return link;
}

/**
 * Everything Kassi holds about a donor's contact person (GDPR art. 15): the link's name, phone
 * and email, when it was made and revoked, its sessions, the outcome messages sent to it, the
 * offers and skips made through it and what the audit trail says was done to it.
 */
export async function donorLinkPersonalData(db: Executor, siteId: string, linkId: string, lang: Lang) {
  const link = await requireLink(db, siteId, linkId);
  const [sessions, messages, offerRows, skips, audit] = await Promise.all([
    db.select({ createdAt: donorSessions.createdAt, expiresAt: donorSessions.expiresAt }).from(donorSessions)
      .where(eq(donorSessions.linkId, linkId)).orderBy(desc(donorSessions.createdAt)),
    db.select().from(donorMessages).where(eq(donorMessages.linkId, linkId)).orderBy(desc(donorMessages.createdAt)),
    db.select({ offer: offers, outcome: offerOutcomes, donorName: sites.name }).from(offers)
      .leftJoin(offerOutcomes, eq(offerOutcomes.offerId, offers.id)).innerJoin(sites, eq(sites.id, offers.donorId))
      .where(eq(offers.linkId, linkId)).orderBy(desc(offers.createdAt), desc(offers.id)),
    db.select().from(pickupSkips).where(eq(pickupSkips.linkId, linkId)).orderBy(desc(pickupSkips.createdAt)),
    db.select({ at: auditEntries.at, actorId: auditEntries.actorId, action: auditEntries.action, changed: auditEntries.changed })
      .from(auditEntries).where(and(eq(auditEntries.entity, 'donor_link'), eq(auditEntries.entityId, linkId))).orderBy(desc(auditEntries.at)),
  ]);
  return {
    link: toDonorLinkDto(link),
    sessions: sessions.map((s) => ({ createdAt: iso(s.createdAt), expiresAt: iso(s.expiresAt) })),
    messages: messages.map((m) => ({
      offerId: m.offerId ?? undefined, channel: m.channel, text: m.text, status: m.status, createdAt: iso(m.createdAt), sentAt: iso(m.sentAt),
    })),
    offers: await toOfferDtos(db, offerRows, lang),
    skips: skips.map((s) => ({ id: s.id, scheduleId: s.scheduleId, date: s.date, createdAt: iso(s.createdAt), cancelledAt: iso(s.cancelledAt) })),
    audit: audit.map((a) => ({ ...a, actorId: a.actorId ?? undefined, at: iso(a.at) })),
  };
}

/**
 * Erases a donor's contact person (GDPR art. 17): phone and email are removed, the name becomes
 * the pseudonym an erased user gets, the link is revoked (its sessions end), the errors kept of
 * messages to it (which may repeat the address) and stored answers that repeat the contact are
 * emptied, and a message not yet sent never goes. The offers, skips and messages stay as rows,
 * so the history and the counts stay. A second erasure changes nothing and answers the same.
 */
export async function eraseDonorLink(tx: Executor, siteId: string, linkId: string, by: string, now: Date) {
  const link = await requireLink(tx, siteId, linkId, true);
  if (isErasedLink(link)) return { before: link, after: link, changed: false };
  const [row] = await tx.update(donorLinks).set({
    name: pseudonymOf(linkId).name, phone: null, email: null, ...(link.revokedAt ? {} : { revokedAt: now, revokedBy: by }),
  }).where(eq(donorLinks.id, linkId)).returning();
  await tx.update(donorMessages).set({ lastError: null }).where(eq(donorMessages.linkId, linkId));
  await tx.update(donorMessages).set({ status: 'no_channel' }).where(and(eq(donorMessages.linkId, linkId), eq(donorMessages.status, 'pending')));
  await tx.update(idempotencyKeys).set({ responseBody: null, answerPurgedAt: now })
    .where(and(sql`${idempotencyKeys.responseBody}->>'id' = ${linkId}`, isNull(idempotencyKeys.answerPurgedAt)));
  return { before: link, after: row, changed: true };
}
