import { z } from 'zod';
import { check, instant, kg, localDate, pageQuery, temperatureClass } from '../../http/schemas.ts';
import { routeSchema, skipReason, stopSchema, stopSiteSchema } from '../route-plans/route-plans.schemas.ts';

export const myRoutesQuery = z.strictObject({ date: localDate.optional(), ...pageQuery });

export const stopParams = z.object({ id: z.uuid(), stopId: z.uuid() });

export const driverStopSchema = stopSchema.extend({
  site: stopSiteSchema,
  /** What to do, in English and Finnish: "Pick up about 60 kg from Prisma Mikkeli". */
  action: z.string(),
  actionFi: z.string(),
  /** For a delivery: the bags per type that were dispatched (what is really on board), not the plan's count. */
  bagsByType: z.array(z.object({ bagType: z.string(), temperatureClass: temperatureClass.optional(), bags: z.number().int() })),
  /** The coldest bags handed over here: "kylmä" (chilled) or "pakaste" (frozen) on the sheet and in the app. */
  coldChain: z.enum(['chilled', 'frozen']).optional(),
  /** Opens directions from where the phone is to this stop in a map app. */
  navigationUrl: z.string(),
  /**
   * Against the version this plan replaced (`replacesVersion`): `added` when this driver did not
   * have the task before, `updated` when its arrival moved by 15 minutes or more or its load changed.
   */
  change: z.enum(['added', 'updated']).optional(),
});

/** `POST /routes/:id/load`: when the loading happened (a phone that was offline sends when the button was pressed); default now. */
export const loadBody = z.strictObject({ loadedAt: instant.optional() });

/** A bag of the route that stayed at the depot at loading, and why (`expired`: past its hand-out date, discarded). */
export const leftBehindBagSchema = z.object({
  bagId: z.uuid(),
  /** The code printed on the bag's label. */
  code: z.string(),
  bagType: z.string(),
  temperatureClass,
  handOutBy: localDate.nullable(),
  reason: z.enum(['expired', 'held', 'recalled']),
  reservationId: z.uuid(),
  stopId: z.uuid(),
});

const leftBehindCounts = z.object({ expired: z.number().int(), held: z.number().int(), recalled: z.number().int() });

/** `POST /routes/:id/load`: what went on board and what stayed behind. */
export const loadResultSchema = z.object({
  routeId: z.uuid(),
  date: localDate,
  loadedAt: z.string(),
  loadedBy: z.uuid().optional(),
  /** True when the route had been loaded before: nothing was changed. */
  alreadyLoaded: z.boolean(),
  /** Bags of the route's deliveries dispatched (on board) or since delivered. */
  bagsLoaded: z.number().int(),
  /** How many stayed behind, by reason. */
  leftBehind: leftBehindCounts,
  bagsLeftBehind: z.array(leftBehindBagSchema),
});

export const driverRouteSchema = routeSchema.extend({
  planId: z.uuid(),
  /** The plan's version: a phone that cached an older version shows what changed. */
  planVersion: z.number().int(),
  /** The published version this one replaced, when the day was re-planned after a publish. */
  replacesVersion: z.number().int().optional(),
  date: localDate,
  vehicle: z.object({ id: z.uuid(), name: z.string(), refrigerated: z.boolean() }),
  depot: stopSiteSchema,
  stops: z.array(driverStopSchema),
  /** Opens the whole route (depot, stops in order, depot) in a map app: the first leg when it needs several. */
  mapUrl: z.string(),
  /**
   * The whole route as links a phone's map app opens whole (at most 9 waypoints each): leg
   * `i` runs from stop `fromSeq` (0: the depot) to stop `toSeq` (stops + 1: back at the depot).
   */
  navigation: z.array(z.object({ fromSeq: z.number().int(), toSeq: z.number().int(), url: z.string() })),
  sheetUrl: z.string(),
  /** After loading: the bags that stayed at the depot and why (empty before loading). */
  leftBehind: leftBehindCounts,
  bagsLeftBehind: z.array(leftBehindBagSchema),
});
export type DriverRouteDto = z.infer<typeof driverRouteSchema>;

/** When it happened (a phone that was offline sends the time the button was pressed); default now. */
const completedAt = instant.optional();

export const completeStopBody = z.strictObject({
  bagsDelivered: z.number().int().min(0).max(10_000).optional(),
  kgCollected: kg.refine((v) => v >= 0 && v <= 5000, check('betweenKg', 0, 5000)).optional(),
  note: z.string().trim().max(1000).optional(),
  /** A delivery: undelivered chilled or frozen bags go back to stock only when kept cold on the way back. */
  coldChainKept: z.boolean().optional(),
  completedAt,
});

/** `POST /routes/:id/stops/:stopId/corrections`: the figure the stop has (kilos for a pickup, bags for a delivery), with the same bounds as when it was recorded. */
export const correctStopBody = z.strictObject({
  bagsDelivered: completeStopBody.shape.bagsDelivered,
  kgCollected: completeStopBody.shape.kgCollected,
  note: z.string().trim().max(1000).optional(),
  /** When the correction was made (a phone that was offline sends when the button was pressed); default now. */
  correctedAt: completedAt,
}).refine((b) => (b.bagsDelivered === undefined) !== (b.kgCollected === undefined), { ...check('oneOf', 'kgCollected', 'bagsDelivered'), path: ['kgCollected'] });

export const skipStopBody = z.strictObject({
  reason: skipReason,
  note: z.string().trim().max(1000).optional(),
  completedAt,
}).refine((b) => b.reason !== 'other' || (b.note !== undefined && b.note.length > 0), { ...check('noteForOther'), path: ['note'] });

export const completedStopSchema = stopSchema.extend({
  /** Undelivered bags of a short delivery that went back to stock or were discarded. */
  bagsReturnedToStock: z.number().int().optional(),
  bagsDiscarded: z.number().int().optional(),
  /**
   * Present when the stop's route belongs to a plan that a newer published version replaced
   * (the phone was offline while the coordinator re-planned). The outcome is kept on this
   * stop all the same; `current` is the same task in the current plan, if it has one, which
   * this outcome also completed when nothing else was left to do there.
   */
  planChanged: z.object({
    currentVersion: z.number().int(),
    current: z.object({
      routeId: z.uuid(), stopId: z.uuid(), driverId: z.uuid().optional(), status: z.enum(['planned', 'done', 'skipped']),
    }).optional(),
  }).optional(),
});
export type CompletedStopDto = z.infer<typeof completedStopSchema>;
