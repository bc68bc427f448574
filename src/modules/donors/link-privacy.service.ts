import type { Executor } from '../../db/client.ts';
import { pseudonymOf } from '../../domain/accounts.ts';
import { notFound } from '../../errors.ts';
import type { Lang } from '../../i18n/messages.ts';
import {
  auditOfLink, clearMessageErrors, findLinkOfSite, messagesOfLink, offersOfLink, purgeStoredAnswersOfLink, sessionsOfLink, skipsOfLink, stopPendingMessages,
  updateDonorLink,
} from './donors.repo.ts';
import { isErasedLink, toDonorLinkDto } from './links.service.ts';
import { toOfferDtos } from './offers.service.ts';

const iso = (d: Date | null | undefined) => d?.toISOString() ?? undefined;

async function requireLink(db: Executor, siteId: string, linkId: string, lock = false) {
  const link = await findLinkOfSite(db, siteId, linkId, { forUpdate: lock });
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
    sessionsOfLink(db, linkId), messagesOfLink(db, linkId), offersOfLink(db, linkId), skipsOfLink(db, linkId), auditOfLink(db, linkId),
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
  const row = await updateDonorLink(tx, linkId, {
    name: pseudonymOf(linkId).name, phone: null, email: null, ...(link.revokedAt ? {} : { revokedAt: now, revokedBy: by }),
  });
  await clearMessageErrors(tx, linkId);
  await stopPendingMessages(tx, linkId);
  await purgeStoredAnswersOfLink(tx, linkId, now);
  return { before: link, after: row, changed: true };
}
