import { z } from 'zod';
import { instant, localDate, pageQuery } from '../../http/schemas.ts';
import { siteSchema } from '../sites/sites.schemas.ts';

export const createPlanBody = z.strictObject({
  date: localDate,
  depotId: z.uuid(),
});

export const planAcceptedSchema = z.object({
  id: z.uuid(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'published']),
  version: z.number().int(),
});

/** Why a driver could not do a stop: the site was closed, nobody came, no way in, the day ran out, the vehicle failed. */
export const skipReason = z.enum(['closed', 'no_one_there', 'no_access', 'out_of_time', 'vehicle_problem', 'other']);

export const stopSchema = z.object({
  id: z.uuid(),
  seq: z.number().int(),
  siteId: z.uuid(),
  kind: z.enum(['pickup', 'delivery']),
  taskId: z.string(),
  arrival: instant,
  departure: instant,
  windowStart: instant,
  windowEnd: instant,
  kg: z.number(),
  bags: z.number().int(),
  bagType: z.string().optional(),
  /** A delivery's coldest bag class: chilled ("kylmä") or frozen ("pakaste") bags need refrigeration. */
  temperatureClass: z.enum(['ambient', 'chilled', 'frozen']).optional(),
  loadKgAfter: z.number(),
  loadBagsAfter: z.number().int(),
  status: z.enum(['planned', 'done', 'skipped']),
  bagsDelivered: z.number().int().optional(),
  kgCollected: z.number().optional(),
  note: z.string().optional(),
  /** Why a skipped stop was not done. */
  skipReason: skipReason.optional(),
  completedAt: instant.optional(),
  /**
   * A done delivery of chilled or frozen bags: minutes from the route's loading to the stop's
   * completion (the proof of the cold ride; over `CHILLED_RIDE_MAX_MIN` / `FROZEN_RIDE_MAX_MIN`
   * in a vehicle without refrigeration raises a `ride_too_long` alert).
   */
  rideMinutes: z.number().int().optional(),
  /**
   * A done stop's corrections, oldest first (append-only): each supersedes the figure before it
   * (the first one the stop's first outcome), so the history reads `before → after` each time;
   * `kgCollected`/`bagsDelivered` above show the current figure.
   */
  corrections: z.array(z.object({
    id: z.uuid(),
    kgBefore: z.number().optional(), kgAfter: z.number().optional(),
    bagsBefore: z.number().int().optional(), bagsAfter: z.number().int().optional(),
    note: z.string().optional(),
    correctedAt: instant,
    correctedBy: z.uuid(),
    /** The correction it superseded; none when it corrected the stop's first outcome. */
    supersedes: z.uuid().optional(),
  })).optional(),
});
export type StopDto = z.infer<typeof stopSchema>;
export type StopCorrectionDto = NonNullable<StopDto['corrections']>[number];

export const routeSchema = z.object({
  id: z.uuid(),
  vehicleId: z.uuid(),
  driverId: z.uuid().optional(),
  start: instant,
  end: instant,
  distanceKm: z.number(),
  durationMin: z.number(),
  /** When the route was loaded (`POST /routes/:id/load`): its bags were dispatched then. */
  loadedAt: instant.optional(),
  /** Who confirmed the loading: the driver, or a coordinator recording it. */
  loadedBy: z.uuid().optional(),
  stops: z.array(stopSchema),
});
export type RouteDto = z.infer<typeof routeSchema>;

/** The site of a stop or an unassigned task: where it is and whom to call (`contactName`, `phone`). */
export const stopSiteSchema = siteSchema.pick({
  id: true, name: true, municipality: true, address: true, lat: true, lon: true, contact: true, contactName: true, phone: true, foodAidRegistered: true,
});

/** A stop as the coordinator's plan shows it: with its site. */
export const planStopSchema = stopSchema.extend({ site: stopSiteSchema });
export const planRouteSchema = routeSchema.extend({ stops: z.array(planStopSchema) });

export const unassignedSchema = z.object({
  taskId: z.string(),
  siteId: z.uuid(),
  site: stopSiteSchema,
  reason: z.string(),
  detail: z.string().optional(),
});

export const planSchema = z.object({
  id: z.uuid(),
  depotId: z.uuid(),
  date: localDate,
  version: z.number().int(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'published']),
  /** The failure reason of a failed plan. */
  error: z.string().optional(),
  /** A published plan replaced by a newer published version of the same day. */
  superseded: z.boolean(),
  routes: z.array(planRouteSchema),
  unassigned: z.array(unassignedSchema),
  totals: z.object({
    vehicles: z.number().int(),
    distanceKm: z.number(),
    durationMin: z.number(),
    /** Wall-clock time the worker spent building and solving the plan. */
    planMs: z.number().optional(),
    /** A plan of today made during the day starts from when it was made (rounded up to 5 minutes): no van leaves earlier, and tasks whose windows had closed are unassigned (`window_passed`). */
    startsFrom: instant.optional(),
  }).optional(),
  createdAt: instant,
  finishedAt: instant.optional(),
  publishedAt: instant.optional(),
});
export type PlanDto = z.infer<typeof planSchema>;

export const planSummarySchema = planSchema.omit({ routes: true });

export const listPlansQuery = z.strictObject({
  depotId: z.uuid().optional(),
  date: localDate.optional(),
  ...pageQuery,
});

export const publishBody = z.strictObject({
  assignments: z.array(z.strictObject({ routeId: z.uuid(), driverId: z.uuid() })).max(500),
});

/** Publishing assigns drivers only: the bags are dispatched when each route is loaded on its day (`POST /routes/:id/load`). */
export const publishResultSchema = planSchema;
