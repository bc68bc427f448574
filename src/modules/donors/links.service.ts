import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { Executor } from '../../db/client.ts';
import type { DonorLinkRow } from '../../db/schema/index.ts';
import { pseudonymOf } from '../../domain/accounts.ts';
import { conflict, notFound, unauthorized } from '../../errors.ts';
import { hashToken } from '../auth/actor.ts';
import { requireSite } from '../sites/sites.service.ts';
import { findLinkOfSite, insertDonorLink, insertDonorSession, linksOfSite, liveLinkByTokenHash, updateDonorLink } from './donors.repo.ts';
import type { createDonorLinkBody, donorLinkSchema } from './donors.schemas.ts';

/**
 * Where the app opens a donor's page. The token rides in the fragment, which a browser never
 * sends to a server (no access log keeps it); the page trades it for a session and takes it out
 * of the address bar at once.
 */
export const DONOR_PAGE_PATH = '/app/lahjoittaja';

/** Whether a link's contact person has been erased: no phone, no email, the pseudonym for a name. */
export const isErasedLink = (l: DonorLinkRow) => l.phone === null && l.email === null && l.name === pseudonymOf(l.id).name;

export function toDonorLinkDto(l: DonorLinkRow): z.infer<typeof donorLinkSchema> {
  return {
    id: l.id, siteId: l.siteId, name: l.name, phone: l.phone ?? undefined, email: l.email ?? undefined,
    createdAt: l.createdAt.toISOString(), revokedAt: l.revokedAt?.toISOString(), active: l.revokedAt === null, erased: isErasedLink(l),
  };
}

/**
 * A new contact link for a donor: a 256-bit random token, returned this once and stored only as
 * its SHA-256 hash (as sign-in tokens are), so neither the database nor a backup can open it.
 */
export async function createDonorLink(tx: Executor, siteId: string, body: z.infer<typeof createDonorLinkBody>, createdBy: string, now: Date) {
  await requireSite(tx, siteId, 'donor');
  const token = randomBytes(32).toString('base64url');
  const row = await insertDonorLink(tx, {
    siteId, name: body.name, phone: body.phone ?? null, email: body.email?.toLowerCase() ?? null, tokenHash: hashToken(token), createdBy, createdAt: now,
  });
  return { link: row, token, path: `${DONOR_PAGE_PATH}#t=${token}` };
}

export async function listDonorLinks(db: Executor, siteId: string) {
  await requireSite(db, siteId, 'donor');
  return linksOfSite(db, siteId);
}

/** Revokes a link: it signs nobody in again, and every session it opened ends at once. */
export async function revokeDonorLink(tx: Executor, siteId: string, linkId: string, by: string, now: Date) {
  const link = await findLinkOfSite(tx, siteId, linkId, { forUpdate: true });
  if (!link) throw notFound('donorLink');
  if (link.revokedAt) throw conflict('link_revoked', (m) => m.donor.linkRevoked());
  const row = await updateDonorLink(tx, linkId, { revokedAt: now, revokedBy: by });
  return { before: link, after: row };
}

/**
 * Trades a link's token for a donor session (a bearer token of role `donor`). A wrong token, a
 * revoked link and a deactivated donor are the same 401, saying nothing of which it was.
 */
export async function openDonorSession(tx: Executor, token: string, ttlHours: number, now: Date) {
  const link = await liveLinkByTokenHash(tx, hashToken(token));
  if (!link) throw unauthorized();
  const session = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ttlHours * 3600 * 1000);
  await insertDonorSession(tx, { linkId: link.id, tokenHash: hashToken(session), expiresAt, createdAt: now });
  return { token: session, expiresAt: expiresAt.toISOString() };
}
