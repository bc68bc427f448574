import type { Logger } from 'pino';
import type { z } from 'zod';
import type { Database, Executor } from '../../db/client.ts';
import type { TemperatureClass } from '../../domain/categories.ts';
import { localDate } from '../../domain/dates.ts';
import { acceptedWindow } from '../../domain/donors.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';
import { keysetPage } from '../../db/cursor.ts';
import { AppError, conflict, notFound, unprocessable } from '../../errors.ts';
import { offerAcceptedText, offerDeclinedText } from '../../i18n/donors.ts';
import type { Lang, Messages, Text } from '../../i18n/messages.ts';
import { enqueueInTx } from '../../jobs/outbox.ts';
import type { Channels } from '../notifications/notifications.channels.ts';
import { notify } from '../notifications/notifications.service.ts';
import { usersWithRoles } from '../notifications/triggers.repo.ts';
import { onPlannedDayChange, onSameDayChange, type SameDayOutcome } from '../route-plans/same-day.service.ts';
import { findSite } from '../sites/sites.repo.ts';
import {
  collectedAtDonor, findLink, findOffer, insertDonorMessage, insertOffer, insertOutcome, listOffers, messageableLinks, messageWithLink, OFFER_ORDER,
  updateDonorMessage, type OfferWithOutcome,
} from './donors.repo.ts';
import type { acceptBody, declineBody, offerBody, offerSchema } from './donors.schemas.ts';
import { depotOfDonor, type DonorPolicy } from './donors.service.ts';

type OfferDto = z.infer<typeof offerSchema>;
const isCold = (c: TemperatureClass) => c === 'chilled' || c === 'frozen';

/** 400 at one field of the body, as a schema check would answer, in the caller's language. */
function fieldProblem(path: string, message: Text): AppError {
  return new AppError('validation_failed', 400, (m) => m.invalidPart('body', `${path} ${message(m)}`), { errors: [{ path, message }] });
}

export function offerStatusOf(o: OfferWithOutcome): 'open' | 'accepted' | 'declined' {
  return o.outcome ? o.outcome.kind : 'open';
}

/** What the donor was told of the outcome, in its language. */
export function outcomeText(lang: Lang, o: OfferWithOutcome): string | undefined {
  const { outcome } = o;
  if (!outcome) return undefined;
  if (outcome.kind === 'accepted') return offerAcceptedText(lang, outcome.windowStart!, outcome.windowEnd!);
  return offerDeclinedText(lang, gramsToKg(o.offer.grams), outcome.reason!);
}

export function toOfferDto(o: OfferWithOutcome, lang: Lang, collected?: Map<string, number>): OfferDto {
  const { offer, outcome } = o;
  const g = outcome?.kind === 'accepted' ? collected?.get(`${outcome.date}/offer-${offer.id}`) : undefined;
  return {
    id: offer.id, donorId: offer.donorId, donorName: o.donorName, kg: gramsToKg(offer.grams), temperatureClass: offer.temperatureClass,
    categories: offer.categories, readyFrom: offer.readyFrom.toISOString(), readyUntil: offer.readyUntil.toISOString(), note: offer.note ?? undefined,
    createdAt: offer.createdAt.toISOString(), source: offer.linkId ? 'link' : 'phone', status: offerStatusOf(o),
    pickup: outcome?.kind === 'accepted'
      ? { date: outcome.date!, windowStart: outcome.windowStart!.toISOString(), windowEnd: outcome.windowEnd!.toISOString(), taskId: `offer-${offer.id}` }
      : undefined,
    declineReason: outcome?.reason ?? undefined, declineNote: outcome?.note ?? undefined, decidedAt: outcome?.createdAt.toISOString(),
    kgCollected: g === undefined ? undefined : gramsToKg(g),
    message: outcomeText(lang, o),
  };
}

/** The DTOs of a page of offers, with what was collected at the accepted ones. */
export async function toOfferDtos(db: Executor, rows: OfferWithOutcome[], lang: Lang): Promise<OfferDto[]> {
  const accepted = rows.filter((r) => r.outcome?.kind === 'accepted');
  const dates = accepted.map((r) => r.outcome!.date!).sort();
  const collected = dates.length === 0 ? new Map<string, number>()
    : await collectedAtDonor(db, [...new Set(accepted.map((r) => r.offer.donorId))], dates[0], dates[dates.length - 1]);
  return rows.map((r) => toOfferDto(r, lang, collected));
}

export async function findOffers(db: Executor, q: { status?: 'open' | 'accepted' | 'declined'; donorId?: string; limit: number; cursor?: string }, lang: Lang) {
  const { page, nextCursor } = await keysetPage(q, OFFER_ORDER, (w) => listOffers(db, { status: q.status, donorId: q.donorId, ...w }));
  return { items: await toOfferDtos(db, page, lang), nextCursor };
}

export async function requireOffer(db: Executor, id: string, opts: { lock?: boolean; donorId?: string } = {}) {
  const row = await findOffer(db, id, opts);
  if (!row || (opts.donorId && row.offer.donorId !== opts.donorId)) throw notFound('offer');
  return row;
}

/**
 * Records an offer, from the donor's link or phoned in and entered by a coordinator, and tells
 * the coordinators at once (inbox, and email or SMS by their choice). An offer ready today is
 * urgent: it goes out in quiet hours too. Its window must not be over already.
 */
export async function createOffer(tx: Executor, donorId: string, body: z.infer<typeof offerBody>, by: { linkId?: string; userId?: string }, now: Date) {
  const donor = await findSite(tx, donorId);
  if (!donor || donor.kind !== 'donor' || !donor.active) {
    throw unprocessable('not_a_donor', (m) => m.notADonor(), { errors: [{ path: 'body.donorId', message: (m: Messages) => m.donor.notActiveDonor() }] });
  }
  const readyFrom = new Date(body.readyFrom);
  const readyUntil = new Date(body.readyUntil);
  if (readyUntil <= now) throw fieldProblem('body.readyUntil', (m) => m.donor.offerWindowPast());
  const offer = await insertOffer(tx, {
    donorId, linkId: by.linkId ?? null, recordedBy: by.userId ?? null, grams: kgToGrams(body.kg), temperatureClass: body.temperatureClass,
    categories: body.categories, readyFrom, readyUntil, note: body.note ?? null, createdAt: now,
  });
  const coordinators = await usersWithRoles(tx, ['coordinator']);
  await notify(tx, coordinators.map((u) => u.id), {
    kind: 'offer_received', key: `offer:${offer.id}`, urgent: localDate(readyFrom) <= localDate(now),
    params: { donorName: donor.name, kg: body.kg, temperatureClass: body.temperatureClass, readyFrom: readyFrom.toISOString(), readyUntil: readyUntil.toISOString() },
    data: { offerId: offer.id, donorId },
  }, now);
  return { offer, outcome: null, donorName: donor.name } satisfies OfferWithOutcome;
}

function assertOpen(o: OfferWithOutcome) {
  if (o.outcome) {
    const status = o.outcome.kind;
    throw conflict('offer_decided', (m) => m.donor.offerDecided(status), { offerStatus: status });
  }
}

/**
 * Tells the donor the outcome by a message to the offer's link (or, for a phoned-in offer, the
 * donor's first live link) when it has an email or a phone; the page shows it either way.
 */
async function messageDonor(tx: Executor, o: OfferWithOutcome) {
  const own = o.offer.linkId ? await findLink(tx, o.offer.linkId) : undefined;
  const link = own && !own.revokedAt && (own.email || own.phone) ? own : (await messageableLinks(tx, o.offer.donorId))[0];
  if (!link) return;
  const row = await insertDonorMessage(tx, {
    linkId: link.id, offerId: o.offer.id, channel: link.email ? 'email' : 'sms', text: outcomeText('fi', o)!,
  });
  await enqueueInTx(tx, 'send-donor-message', { messageId: row.id }, { jobId: `donor-message-${row.id}` });
}

/**
 * Accepts an offer as a one-off pickup on `date` in `window` (default: the part of the offer's
 * ready window on that day): the planning of that day collects it; for today, the solver puts it
 * on today's published routes at once. When no route can take it, the acceptance is refused
 * (409 `same_day_not_routed` with the reason): the donor is promised no pickup that no van
 * makes, and the offer stays open for another day or a decline.
 */
export async function acceptOffer(tx: Executor, id: string, body: z.infer<typeof acceptBody>, by: string, policy: DonorPolicy, now: Date)
  : Promise<OfferWithOutcome & { sameDay?: SameDayOutcome }> {
  const o = await requireOffer(tx, id, { lock: true });
  assertOpen(o);
  const today = localDate(now);
  if (body.date < today) throw fieldProblem('body.date', (m) => m.donor.acceptDatePast());
  const window = acceptedWindow(o.offer, body.date, body.window);
  if (!window) throw unprocessable('window_required', (m) => m.donor.windowRequired(body.date), { errors: [{ path: 'body.window', message: (m: Messages) => m.donor.windowRequired(body.date) }] });
  if (window.end <= now) throw unprocessable('pickup_window_past', (m) => m.donor.pickupWindowPast(), { errors: [{ path: 'body.window', message: (m: Messages) => m.donor.pickupWindowPast() }] });
  const depotId = await depotOfDonor(tx, o.offer.donorId);
  const outcome = await insertOutcome(tx, {
    offerId: id, kind: 'accepted', date: body.date, windowStart: window.start, windowEnd: window.end, depotId, decidedBy: by, createdAt: now,
  });
  const decided = { ...o, outcome };
  await messageDonor(tx, decided);
  const change = {
    kind: 'offer_accepted' as const, offerId: id, donorId: o.offer.donorId, depotId, date: body.date, taskId: `offer-${id}`,
    windowStart: window.start, windowEnd: window.end, grams: o.offer.grams, temperatureClass: o.offer.temperatureClass,
    requiresRefrigeration: isCold(o.offer.temperatureClass),
  };
  // A later day whose plan is already made (after the 18:00 planning of tomorrow) takes it too.
  const sameDay = body.date === today
    ? await onSameDayChange(tx, change, now, { osrmUrl: policy.osrmUrl })
    : await onPlannedDayChange(tx, change, now, { osrmUrl: policy.osrmUrl });
  // No route can take it today: nothing is promised to the donor (this transaction rolls back,
  // the offer stays open), and the coordinator may accept it for another day.
  if (sameDay?.status === 'refused') {
    const { reason, routes } = sameDay;
    throw conflict('same_day_not_routed', (m) => m.donor.notRouted(reason), { reason, routes });
  }
  return { ...decided, sameDay };
}

export async function declineOffer(tx: Executor, id: string, body: z.infer<typeof declineBody>, by: string, now: Date) {
  const o = await requireOffer(tx, id, { lock: true });
  assertOpen(o);
  const outcome = await insertOutcome(tx, { offerId: id, kind: 'declined', reason: body.reason, note: body.note ?? null, decidedBy: by, createdAt: now });
  const decided = { ...o, outcome };
  await messageDonor(tx, decided);
  return decided;
}

/** The `send-donor-message` processor: sends one outcome message to the link's email or phone, once. */
export async function sendDonorMessage(deps: { database: Database; channels: Channels; now: () => Date; log: Logger }, id: string) {
  const db = deps.database.db;
  const found = await messageWithLink(db, id);
  if (!found || found.m.status !== 'pending') return;
  const { m, link } = found;
  const send = m.channel === 'email' && link.email && deps.channels.email
    ? () => deps.channels.email!({ to: link.email!, subject: 'Kassi', text: m.text, messageId: `<${m.id}@kassi.donors>` })
    : m.channel === 'sms' && link.phone && deps.channels.sms ? () => deps.channels.sms!({ to: link.phone!, text: m.text, idempotencyKey: m.id }) : null;
  if (!send) {
    await updateDonorMessage(db, id, { status: 'no_channel' });
    return;
  }
  try {
    await send();
  } catch (err) {
    const attempts = m.attempts + 1;
    await updateDonorMessage(db, id, { attempts, lastError: (err as Error).message.slice(0, 500), ...(attempts >= 4 ? { status: 'failed' } : {}) });
    if (attempts < 4) throw err;
    return;
  }
  await updateDonorMessage(db, id, { status: 'sent', sentAt: deps.now(), attempts: m.attempts + 1 });
}
