import { z } from 'zod';
import { kg, localDate } from '../../http/schemas.ts';
import { routeSchema, stopSchema } from '../route-plans/route-plans.schemas.ts';

export const myRoutesQuery = z.strictObject({ date: localDate.optional() });

export const stopParams = z.object({ id: z.uuid(), stopId: z.uuid() });

const siteRef = z.object({
  id: z.uuid(),
  name: z.string(),
  municipality: z.string(),
  address: z.string(),
  lat: z.number(),
  lon: z.number(),
  contact: z.string().optional(),
});

export const driverStopSchema = stopSchema.extend({
  site: siteRef,
  /** What to do, in English and Finnish: "Pick up about 60 kg from Prisma Mikkeli". */
  action: z.string(),
  actionFi: z.string(),
  /** For a delivery: the bags per type to hand over. */
  bagsByType: z.array(z.object({ bagType: z.string(), bags: z.number().int() })),
});

export const driverRouteSchema = routeSchema.extend({
  planId: z.uuid(),
  date: localDate,
  vehicle: z.object({ id: z.uuid(), name: z.string(), refrigerated: z.boolean() }),
  depot: siteRef,
  stops: z.array(driverStopSchema),
  /** Opens the whole route (depot, stops in order, depot) in a map app. */
  mapUrl: z.string(),
  sheetUrl: z.string(),
});
export type DriverRouteDto = z.infer<typeof driverRouteSchema>;

export const completeStopBody = z.strictObject({
  bagsDelivered: z.number().int().min(0).max(10_000).optional(),
  kgCollected: kg.refine((v) => v >= 0 && v <= 5000, 'must be between 0 and 5,000 kg').optional(),
  note: z.string().trim().max(1000).optional(),
});

export const completedStopSchema = stopSchema.extend({
  /** Undelivered bags of a short delivery that went back to stock or were discarded. */
  bagsReturnedToStock: z.number().int().optional(),
  bagsDiscarded: z.number().int().optional(),
});
