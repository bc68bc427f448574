import { byRequest } from '../audit/audit.http.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { and, eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../deps.ts';
import { vehicles } from '../../db/schema/index.ts';
import { orderOf, pastKey, sortKey } from '../../db/keyset.ts';
import { keysetPage } from '../../db/cursor.ts';
import { check, commonErrors, depotListQuery, hhmm, listOf, positiveKg, displayName } from '../../http/schemas.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { requireSite } from '../sites/sites.service.ts';
import { gramsToKg, kgToGrams } from '../../domain/weight.ts';

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

export const toVehicleDto = (v: typeof vehicles.$inferSelect) => ({
  id: v.id, depotId: v.depotId, name: v.name, refrigerated: v.refrigerated, capacityKg: gramsToKg(v.capacityG),
  capacityBags: v.capacityBags, shiftStart: v.shiftStart, shiftEnd: v.shiftEnd,
});

const VEHICLE_ORDER = sortKey<typeof vehicles.$inferSelect>([{ column: vehicles.name, part: 'text' }, { column: vehicles.id, part: 'uuid' }], (v) => [v.name, v.id]);

export const vehiclesHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const tags = ['vehicles'];
  app.post('/vehicles', {
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'Add a vehicle', body: createVehicleBody, response: { 201: vehicleSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    await requireSite(tx, req.body.depotId, 'depot');
    const { capacityKg, ...rest } = req.body;
    const [row] = await tx.insert(vehicles).values({ ...rest, capacityG: kgToGrams(capacityKg) }).returning();
    const vehicle = toVehicleDto(row);
    await recordAudit(tx, { ...byRequest(req), entity: 'vehicle', entityId: vehicle.id, action: 'create', after: vehicle });
    return { status: 201, body: vehicle };
  }));

  app.get('/vehicles', {
    // A driver's own route names its vehicle (`GET /drivers/me/routes`); the fleet is the coordinator's.
    config: { access: { roles: ['coordinator'] } },
    schema: { tags, summary: 'List vehicles by name', querystring: depotListQuery, response: { 200: listOf(vehicleSchema), ...commonErrors } },
  }, async (req) => {
    const { page, nextCursor } = await keysetPage(req.query, VEHICLE_ORDER, (w) => deps.database.db.select().from(vehicles)
      .where(and(req.query.depotId ? eq(vehicles.depotId, req.query.depotId) : undefined, pastKey(VEHICLE_ORDER, w.after)))
      .orderBy(...orderOf(VEHICLE_ORDER)).limit(w.limit));
    return { items: page.map(toVehicleDto), nextCursor };
  });
};
