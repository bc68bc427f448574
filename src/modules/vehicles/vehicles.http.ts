import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { keysetPage } from '../../db/cursor.ts';
import { check, commonErrors, depotListQuery, hhmm, listOf, positiveKg, displayName } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { requireSite } from '../sites/sites.service.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';
import { insertVehicle, listVehicles, VEHICLE_ORDER, type VehicleRow } from './vehicles.repo.ts';

export const vehicleSchema = z.object({
  id: z.uuid(), depotId: z.uuid(), name: z.string(), refrigerated: z.boolean(),
  capacityKg: z.number(), capacityBags: z.number().int(), shiftStart: z.string(), shiftEnd: z.string(),
});

const createVehicleBody = z.strictObject({
  depotId: z.uuid(),
  name: displayName(100),
  refrigerated: z.boolean().default(false),
  capacityKg: positiveKg.refine((v) => v <= 40_000, check('atMostKg', 40_000)),
  capacityBags: z.number().int().min(1).max(10_000),
  shiftStart: hhmm,
  shiftEnd: hhmm,
}).refine((b) => b.shiftStart < b.shiftEnd, { ...check('endAfterStart', 'shiftEnd', 'shiftStart'), path: ['shiftEnd'] });

export const toVehicleDto = (v: VehicleRow) => ({
  id: v.id, depotId: v.depotId, name: v.name, refrigerated: v.refrigerated, capacityKg: gramsToKg(v.capacityG),
  capacityBags: v.capacityBags, shiftStart: v.shiftStart, shiftEnd: v.shiftEnd,
});

export const vehiclesHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['vehicles'];
  app.post('/vehicles', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Add a vehicle', body: createVehicleBody, response: { 201: vehicleSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    await requireSite(tx, req.body.depotId, 'depot');
    const { capacityKg, ...rest } = req.body;
    const row = await insertVehicle(tx, { ...rest, capacityG: kgToGrams(capacityKg) });
    const vehicle = toVehicleDto(row);
    await recordAudit(tx, { ...byRequest(req), entity: 'vehicle', entityId: vehicle.id, action: 'create', after: vehicle });
    return { status: 201, body: vehicle };
  }));

  app.get('/vehicles', {
    // A driver's own route names its vehicle (`GET /drivers/me/routes`); the fleet is the coordinator's.
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'List vehicles by name', querystring: depotListQuery, response: { 200: listOf(vehicleSchema), ...commonErrors } },
  }, async (req) => {
    const { page, nextCursor } = await keysetPage(req.query, VEHICLE_ORDER, (w) => listVehicles(deps.database.db, { ...w, depotId: req.query.depotId }));
    return { items: page.map(toVehicleDto), nextCursor };
  });
};
