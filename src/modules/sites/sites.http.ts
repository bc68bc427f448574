import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { keysetPage } from '../../db/cursor.ts';
import { commonErrors, idParams, listOf, pageOnlyQuery } from '../../http/schemas.ts';
import { actorOf, assertPointScope } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import {
  DISTRIBUTION_DAY_ORDER, listDistributionDays, listPickupSchedules, listSites, PICKUP_SCHEDULE_ORDER, SITE_ORDER, siteIdsOnDriversRoutes,
} from './sites.repo.ts';
import { mayReadSiteContact, type ContactReader } from '../../domain/contact.ts';
import { localDate } from '../../domain/dates.ts';
import type { FastifyRequest } from 'fastify';
import {
  createDistributionDayBody, createPickupScheduleBody, createSiteBody, distributionDaySchema, listSitesQuery,
  patchSiteBody, pickupScheduleSchema, siteSchema,
} from './sites.schemas.ts';
import { addDistributionDay, addPickupSchedule, createSite, locateSite, patchSite, requireSite, toDistributionDayDto, toPickupScheduleDto, toSiteDtos } from './sites.service.ts';

const SERVED_BY_RULE = 'A donor or point is served by the depot in its `depotId`; without one, by the only depot of the network, '
  + 'or the nearest depot (great-circle) when there are several. `servedByDepotId` names that depot and `servedBy` the rule '
  + '(`set`, `only_depot`, `nearest_depot`): route planning collects the donor\'s pickups from it, and reservations take the point\'s bags from it.';

const LOCATION_RULE = 'Without `lat` and `lon` (both or neither), the geocoder at `GEOCODER_URL` (a Nominatim search API) finds them for '
  + '`address, municipality` before anything is written: 422 `address_not_found` when it finds nothing, 422 `location_missing` when no geocoder '
  + 'is configured or the address is empty, 503 `geocoder_unavailable` when it does not answer.';

export const sitesHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['sites'];
  /** Sites as this reader may see them: a contact person's name and phone only to those who call them (domain/contact.ts). */
  const forReader = async <S extends { id: string; kind: 'depot' | 'donor' | 'point' }>(req: FastifyRequest, items: S[]) => {
    const actor = actorOf(req);
    const reader: ContactReader = {
      role: actor.role, pointId: actor.pointId,
      routeSiteIds: actor.role === 'driver' ? await siteIdsOnDriversRoutes(db, actor.id, localDate(deps.now())) : undefined,
    };
    return items.map((s) => (mayReadSiteContact(reader, s) ? s : { ...s, contact: undefined, contactName: undefined, phone: undefined }));
  };

  app.post('/sites', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Create a depot, donor or food-bank point', description: `${SERVED_BY_RULE}\n\n${LOCATION_RULE}`, body: createSiteBody,
      response: { 201: siteSchema, ...commonErrors },
    },
  }, async (req, reply) => {
    const location = await locateSite(req.body, deps.config.GEOCODER_URL);
    return runWrite(deps.database, req, reply, async (tx) => {
      const site = await createSite(tx, { ...req.body, ...location });
      await recordAudit(tx, { ...byRequest(req), entity: 'site', entityId: site.id, action: 'create', after: site });
      return { status: 201, body: site };
    });
  });

  app.get('/sites', {
    config: { access: { roles: 'any_user' } },
    schema: {
      tags, summary: 'List sites',
      description: 'A site\'s `contactName`, `phone` and `contact` are shown only to those who call them: the coordinator; the warehouse for donors and depots; '
        + 'a driver for the sites on their routes from today on and the depots; a point lead for their own point and the depots.',
      querystring: listSitesQuery, response: { 200: listOf(siteSchema), ...commonErrors },
    },
  }, async (req) => {
    const { page, nextCursor } = await keysetPage(req.query, SITE_ORDER, (w) => listSites(db, { kind: req.query.kind, ...w }));
    return { items: await forReader(req, await toSiteDtos(db, page)), nextCursor };
  });

  app.get('/sites/:id', {
    config: { access: { roles: 'any_user' } },
    schema: { tags, summary: 'One site', params: idParams, response: { 200: siteSchema, ...commonErrors } },
  }, async (req) => (await forReader(req, await toSiteDtos(db, [await requireSite(db, req.params.id)])))[0]);

  app.patch('/sites/:id', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Change a site', params: idParams, body: patchSiteBody, response: { 200: siteSchema, ...commonErrors } },
  }, async (req) => db.transaction(async (tx) => {
    const [before] = await toSiteDtos(tx, [await requireSite(tx, req.params.id)]);
    const after = await patchSite(tx, req.params.id, req.body, deps.now());
    await recordAudit(tx, { ...byRequest(req), entity: 'site', entityId: req.params.id, action: 'update', before, after });
    return after;
  }));

  app.post('/sites/:id/pickup-schedules', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: "Add a donor's recurring pickup", params: idParams, body: createPickupScheduleBody, response: { 201: pickupScheduleSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const schedule = await addPickupSchedule(tx, req.params.id, req.body);
    await recordAudit(tx, { ...byRequest(req), entity: 'site', entityId: req.params.id, action: 'add_pickup_schedule', after: schedule });
    return { status: 201, body: schedule };
  }));

  app.get('/sites/:id/pickup-schedules', {
    // Schedules are the coordinator's; drivers get their pickups on their routes.
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: "A donor's pickup schedules", params: idParams, querystring: pageOnlyQuery, response: { 200: listOf(pickupScheduleSchema), ...commonErrors },
    },
  }, async (req) => {
    await requireSite(db, req.params.id, 'donor');
    const { page, nextCursor } = await keysetPage(req.query, PICKUP_SCHEDULE_ORDER, (w) => listPickupSchedules(db, req.params.id, w));
    return { items: page.map(toPickupScheduleDto), nextCursor };
  });

  app.post('/sites/:id/distribution-days', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: "Add a point's distribution day", params: idParams, body: createDistributionDayBody, response: { 201: distributionDaySchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const day = await addDistributionDay(tx, req.params.id, req.body);
    await recordAudit(tx, { ...byRequest(req), entity: 'site', entityId: req.params.id, action: 'add_distribution_day', after: day });
    return { status: 201, body: day };
  }));

  app.get('/sites/:id/distribution-days', {
    // A point lead reserves for their point's distribution days, so they read those (another point's are 404).
    config: { access: { roles: ['coordinator', 'point_lead'], scope: 'own_point' } },
    schema: {
      tags, summary: "A point's distribution days", params: idParams, querystring: pageOnlyQuery, response: { 200: listOf(distributionDaySchema), ...commonErrors },
    },
  }, async (req) => {
    assertPointScope(actorOf(req), req.params.id, 'point');
    await requireSite(db, req.params.id, 'point');
    const { page, nextCursor } = await keysetPage(req.query, DISTRIBUTION_DAY_ORDER, (w) => listDistributionDays(db, req.params.id, w));
    return { items: page.map(toDistributionDayDto), nextCursor };
  });
};
