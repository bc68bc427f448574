import type { FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { AppError } from '../../errors.ts';
import { commonErrors, idParams, listOf, noBody, problemSchema } from '../../http/schemas.ts';
import { langOf, type Lang } from '../../i18n/messages.ts';
import { actorOf, donorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { donorReport } from './donor-report.service.ts';
import { listOffers, OFFER_ORDER } from './donors.repo.ts';
import {
  acceptBody, coordinatorOfferBody, createDonorLinkBody, createdDonorLinkSchema, declineBody, donorLinkBody, donorLinkParams, donorLinkPersonalDataSchema, donorLinkSchema,
  donorOfferSchema, donorPickupSchema, donorPickupsQuery, donorReportQuery, donorReportSchema, offerBody, offerSchema, offersQuery, skipBody, skipSchema,
} from './donors.schemas.ts';
import { cancelSkip, donorPickups, skipPickup, toSkipDto, type DonorPolicy } from './donors.service.ts';
import { createDonorLink, listDonorLinks, openDonorSession, revokeDonorLink, toDonorLinkDto } from './links.service.ts';
import { donorLinkPersonalData, eraseDonorLink } from './link-privacy.service.ts';
import { acceptOffer, createOffer, declineOffer, findOffers, toOfferDto, toOfferDtos } from './offers.service.ts';
import { keysetPage } from '../../db/cursor.ts';
import { findSites } from '../sites/sites.repo.ts';
import { donorCertificate } from '../reports/certificate.service.ts';
import { renderCertificatePage } from '../reports/printable.ts';
import { readReport } from '../reports/reports.repo.ts';
import { certificateQuery, certificateSchema } from '../reports/reports.schemas.ts';

/** The donor's page is Finnish; English only when the browser asks for it first. */
const donorLang = (req: FastifyRequest): Lang => (/^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'fi');
/** What coordinators read of an outcome is what the donor was told (in Finnish), unless they read English. */
const readerLang = (req: FastifyRequest): Lang => langOf(req.headers['accept-language']);

/**
 * Limits the donor API per link and per address (each `DONOR_RATE_PER_MIN` a minute): a leaked
 * link or one busy address cannot flood the coordinators with offers. Counted in Redis when the
 * API has it, in memory otherwise.
 */
function donorLimiter(points: number, redis: Redis | undefined, prefix: string) {
  const make = (name: string): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: `${prefix}donor-${name}` });
    return redis ? new RateLimiterRedis({ storeClient: redis, points, duration: 60, keyPrefix: `${prefix}donor-${name}`, insuranceLimiter: memory }) : memory;
  };
  const perLink = make('link');
  const perAddress = make('address');
  return async (req: FastifyRequest) => {
    const { linkId } = donorOf(req);
    try {
      await Promise.all([perLink.consume(linkId), perAddress.consume(req.ip)]);
    } catch (err) {
      if (err instanceof Error) throw err;
      const seconds = Math.max(1, Math.ceil(((err as { msBeforeNext?: number }).msBeforeNext ?? 1000) / 1000));
      throw new AppError('rate_limited', 429, (m) => m.tooManyAttempts(seconds), { retryAfterSeconds: seconds });
    }
  };
}

export const donorsHttp = (deps: Deps, opts: { redis?: Redis } = {}): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const policy = (): DonorPolicy => ({ skipCutoffMinutes: deps.config.DONOR_SKIP_CUTOFF_MINUTES, osrmUrl: deps.config.OSRM_URL });
  const limit = donorLimiter(deps.config.DONOR_RATE_PER_MIN, opts.redis, `${deps.config.REDIS_PREFIX}:`);
  const donorOnly = { access: { roles: ['donor'] as const } };
  const donorErrors = { ...commonErrors, 429: problemSchema };
  const tags = ['donors'];

  // --- The coordinator's links ---------------------------------------------------------------
  app.post('/sites/:id/donor-links', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Give a donor a contact link (the token is shown this once)',
      description: 'The token is stored only as its hash: a lost link is revoked and a new one made. Not kept for an idempotent replay (a retry makes another link).',
      params: idParams, body: createDonorLinkBody, response: { 201: createdDonorLinkSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const body = await db.transaction(async (tx) => {
      const { link, token, path } = await createDonorLink(tx, req.params.id, req.body, actorOf(req).id, deps.now());
      const dto = toDonorLinkDto(link);
      await recordAudit(tx, { ...byRequest(req), entity: 'donor_link', entityId: link.id, action: 'create', after: dto });
      return { ...dto, token, path };
    });
    return reply.code(201).send(body);
  });

  app.get('/sites/:id/donor-links', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: "A donor's contact links (never their tokens)", params: idParams, response: { 200: z.object({ items: z.array(donorLinkSchema) }), ...commonErrors } },
  }, async (req) => ({ items: (await listDonorLinks(db, req.params.id)).map(toDonorLinkDto) }));

  app.post('/sites/:id/donor-links/:linkId/revoke', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Revoke a donor link: it and every session it opened answer 401 from now on', params: donorLinkParams, body: noBody, response: { 200: donorLinkSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { before, after } = await revokeDonorLink(tx, req.params.id, req.params.linkId, actorOf(req).id, deps.now());
    const dto = toDonorLinkDto(after);
    await recordAudit(tx, { ...byRequest(req), entity: 'donor_link', entityId: after.id, action: 'revoke', before: toDonorLinkDto(before), after: dto });
    return { status: 200, body: dto };
  }));

  app.get('/sites/:id/donor-links/:linkId/personal-data', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: "Everything Kassi holds about a donor's contact person (GDPR art. 15)",
      description: 'The link\'s name, phone and email, when it was made and revoked, its sessions, the outcome messages sent to it, the offers and skips made through it, and what the audit trail says was done to it.',
      params: donorLinkParams, response: { 200: donorLinkPersonalDataSchema, ...commonErrors },
    },
  }, async (req) => donorLinkPersonalData(db, req.params.id, req.params.linkId, readerLang(req)));

  app.post('/sites/:id/donor-links/:linkId/erase', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: "Erase a donor's contact person (GDPR art. 17)",
      description: 'Removes the phone and email, the name becomes a pseudonym (as an erased user\'s), the link is revoked (its sessions answer 401) and nothing not yet sent to it goes. '
        + 'The offers, skips, messages and audit entries stay. A second erasure changes nothing and answers the same.',
      params: donorLinkParams, body: noBody, response: { 200: donorLinkSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { before, after, changed } = await eraseDonorLink(tx, req.params.id, req.params.linkId, actorOf(req).id, deps.now());
    const dto = toDonorLinkDto(after);
    if (changed) await recordAudit(tx, { ...byRequest(req), entity: 'donor_link', entityId: after.id, action: 'erase', before: toDonorLinkDto(before), after: dto });
    return { status: 200, body: dto };
  }));

  app.post('/auth/donor-link', {
    config: { access: { roles: 'anyone' }, rateLimit: { max: deps.config.LOGIN_MAX_PER_IP, timeWindow: 60 * 1000 } },
    schema: {
      tags: ['auth'], summary: "Open a donor's link: its token for a donor session",
      description: 'A wrong token, a revoked link and a deactivated donor all answer the same 401. The session (role `donor`) reaches only the `/donor/...` routes, for its own site.',
      body: donorLinkBody, response: { 200: z.object({ token: z.string(), expiresAt: z.string() }), 400: problemSchema, 401: problemSchema, 429: problemSchema },
    },
  }, async (req) => db.transaction((tx) => openDonorSession(tx, req.body.token, deps.config.TOKEN_TTL_HOURS, deps.now())));

  // --- The donor's own API -------------------------------------------------------------------
  app.get('/donor/me', {
    config: donorOnly, preHandler: limit,
    schema: { tags, summary: 'The donor a session speaks for: its name and the link\'s', response: { 200: z.object({ donorId: z.uuid(), donorName: z.string(), linkName: z.string() }), ...donorErrors } },
  }, async (req) => {
    const { donorId } = donorOf(req);
    const [site] = await findSites(db, [donorId]);
    return { donorId, donorName: site.name, linkName: actorOf(req).name };
  });

  app.get('/donor/pickups', {
    config: donorOnly, preHandler: limit,
    schema: {
      tags, summary: "The donor's scheduled pickups (default: the next 14 days), skipped or not, with the cut-off and past kilos",
      querystring: donorPickupsQuery, response: { 200: z.object({ items: z.array(donorPickupSchema) }), ...donorErrors },
    },
  }, async (req) => ({ items: await donorPickups(db, donorOf(req).donorId, req.query, policy(), deps.now()) }));

  app.post('/donor/skips', {
    config: donorOnly, preHandler: limit,
    schema: {
      tags, summary: '"Ei noudettavaa tällä kertaa": skip one scheduled pickup (before the cut-off)',
      description: `409 \`skip_after_cutoff\` (or \`pickup_past\`) with \`cutoff\` after the cut-off, ${deps.config.DONOR_SKIP_CUTOFF_MINUTES} minutes before the window starts. A skip of today's pickup takes the stop off today's published route.`,
      body: skipBody, response: { 200: skipSchema, 201: skipSchema, ...donorErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { donorId, linkId } = donorOf(req);
    const { skip, created } = await skipPickup(tx, donorId, req.body, { linkId }, policy(), deps.now());
    return { status: created ? 201 : 200, body: toSkipDto(skip) };
  }));

  app.post('/donor/skips/:id/cancel', {
    config: donorOnly, preHandler: limit,
    schema: { tags, summary: 'Undo a skip (before the same cut-off)', params: idParams, body: noBody, response: { 200: skipSchema, ...donorErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { skip } = await cancelSkip(tx, donorOf(req).donorId, req.params.id, policy(), deps.now());
    return { status: 200, body: toSkipDto(skip) };
  }));

  app.post('/donor/offers', {
    config: donorOnly, preHandler: limit,
    schema: {
      tags, summary: '"Ylimääräistä noudettavaa": offer food beyond the schedule; the coordinators are told at once',
      body: offerBody, response: { 201: donorOfferSchema, ...donorErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { donorId, linkId } = donorOf(req);
    const offer = await createOffer(tx, donorId, req.body, { linkId }, deps.now());
    return { status: 201, body: donorView(toOfferDto(offer, donorLang(req))) };
  }));

  app.get('/donor/offers', {
    config: donorOnly, preHandler: limit,
    schema: {
      tags, summary: "The donor's offers, newest first, with what it was told ('Noudamme ti 9.12. klo 11–12')",
      querystring: offersQuery.omit({ donorId: true }), response: { 200: listOf(donorOfferSchema), ...donorErrors },
    },
  }, async (req) => {
    const { donorId } = donorOf(req);
    const { page, nextCursor } = await keysetPage(req.query, OFFER_ORDER, (w) => listOffers(db, { status: req.query.status, donorId, ...w }));
    return { items: (await toOfferDtos(db, page, donorLang(req))).map(donorView), nextCursor };
  });

  app.get('/donor/certificate', {
    config: donorOnly, preHandler: limit,
    schema: {
      tags, summary: "The donor's own certificate for its waste reporting (as `GET /reports/donors/:id/certificate`): kg received by category and month, kg refused, CO₂e avoided",
      description: 'A printable page (Finnish by default, `locale=en`); JSON with `Accept: application/json`.',
      querystring: certificateQuery, produces: ['text/html', 'application/json'], response: { 200: certificateSchema, ...donorErrors },
    },
  }, async (req, reply) => {
    const certificate = await readReport(deps.database, (ex) => donorCertificate(deps.database, ex, donorOf(req).donorId, req.query));
    if (req.accepts().type(['text/html', 'application/json']) === 'application/json') return certificate;
    return reply.type('text/html; charset=utf-8').send(renderCertificatePage(certificate, req.query.locale) as never);
  });

  // --- The coordinator's offers --------------------------------------------------------------
  app.get('/offers', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Offers, newest first ("Tarjoukset"): `status=open` for those waiting for an answer', querystring: offersQuery, response: { 200: listOf(offerSchema), ...commonErrors } },
  }, async (req) => findOffers(db, req.query, readerLang(req)));

  app.post('/offers', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Record an offer a donor phoned in', body: coordinatorOfferBody, response: { 201: offerSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { donorId, ...body } = req.body;
    const offer = await createOffer(tx, donorId, body, { userId: actorOf(req).id }, deps.now());
    return { status: 201, body: toOfferDto(offer, readerLang(req)) };
  }));

  app.post('/offers/:id/accept', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Accept an offer as a one-off pickup on a day and window; the donor is told',
      description: 'For today, the pickup goes into the published route that takes it most cheaply (a new version; its driver is told); '
        + 'when no route can take it, 409 `same_day_not_routed` with the `reason` (and each route\'s in `routes`) changes nothing: the offer stays open, '
        + 'to be accepted for another day. Later days are planned with it.',
      params: idParams, body: acceptBody, response: { 200: offerSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const { sameDay, ...o } = await acceptOffer(tx, req.params.id, req.body, actorOf(req).id, policy(), deps.now());
    const dto = toOfferDto(o, readerLang(req));
    await recordAudit(tx, { ...byRequest(req), entity: 'offer', entityId: o.offer.id, action: 'accept', after: { status: dto.status, pickup: dto.pickup } });
    return {
      status: 200,
      body: {
        ...dto,
        sameDay: sameDay && {
          status: sameDay.status,
          ...('planId' in sameDay ? { planId: sameDay.planId, version: sameDay.version } : {}),
          ...(sameDay.status === 'added' ? { routeId: sameDay.routeId, stopId: sameDay.stopId, arrival: sameDay.arrival.toISOString() } : {}),
          ...(sameDay.status === 'refused' ? { reason: sameDay.reason } : {}),
        },
      },
    };
  }));

  app.post('/offers/:id/decline', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Decline an offer with a reason; the donor is told', params: idParams, body: declineBody, response: { 200: offerSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const o = await declineOffer(tx, req.params.id, req.body, actorOf(req).id, deps.now());
    await recordAudit(tx, { ...byRequest(req), entity: 'offer', entityId: o.offer.id, action: 'decline', after: { status: 'declined', reason: req.body.reason } });
    return { status: 200, body: toOfferDto(o, readerLang(req)) };
  }));

  app.get('/reports/donors', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags: ['reports'], summary: 'Offers (kg offered, accepted, collected, declined by reason) and skipped pickups by donor',
      querystring: donorReportQuery, response: { 200: donorReportSchema, ...commonErrors },
    },
  }, async (req) => donorReport(db, req.query.from, req.query.to));
};

/** A donor's view of its offer: nothing of the coordinators' notes, nobody's name. */
function donorView(o: z.infer<typeof offerSchema>): z.infer<typeof donorOfferSchema> {
  const { donorName: _n, declineNote: _d, sameDay: _s, source: _src, ...rest } = o;
  return rest;
}
