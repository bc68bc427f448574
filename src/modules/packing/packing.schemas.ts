import { z } from 'zod';
import { BAG_TYPES, CATEGORIES, DISCARD_REASONS } from '../../domain/categories.ts';
import { BAG_STATUSES } from '../../domain/reservations.ts';
import { check, localDate, pageQuery, positiveKg, temperatureClass } from '../../http/schemas.ts';

export const bagType = z.enum(BAG_TYPES);

export const createPackingRunBody = z.strictObject({
  depotId: z.uuid(),
  bagType,
  /** The class of the bags: a chilled bag holds chilled and ambient lots, a frozen bag only frozen, an ambient bag only ambient. Default: ambient for bread and hygiene, chilled for food and family. */
  temperatureClass: temperatureClass.optional(),
  bagCount: z.number().int().min(1).max(1000),
  /** Weight of one bag; defaults to the bag type's target. FEFO runs fill every bag to it. */
  targetKg: positiveKg.refine((v) => v <= 50, check('atMostKg', 50)).optional(),
  /** FEFO runs: pack the full bags the stock allows instead of refusing with 409. */
  allowPartial: z.boolean().optional(),
  /** The unit of the bags' class at the depot where the bags wait; default: the depot's first unit of that class. */
  storageUnitId: z.uuid().optional(),
  /** Lots and kilos named by the volunteer; without them FEFO chooses. */
  lots: z.array(z.strictObject({ lotId: z.uuid(), kg: positiveKg })).min(1).max(100).optional(),
});

export const bagStatus = z.enum(BAG_STATUSES);

/** One line of a bag's picking list: how many kilos of which lot went into it. */
export const bagContentSchema = z.object({
  lotId: z.uuid(),
  /** The lot's short code, as the stock screen and the picking list show it. */
  lotCode: z.string(),
  category: z.enum(CATEGORIES),
  kg: z.number(),
  product: z.string().optional(),
  /** EU 1169/2011 Annex II codes; null: not stated at intake (unknown), `[]`: declared none. */
  allergens: z.array(z.string()).nullable(),
  batch: z.string().optional(),
  dateKind: z.string(),
  date: localDate.nullable(),
  frozenOn: localDate.optional(),
  /** False when `frozenOn` is only the day food received frozen came in: the label says the freezing date is not known. */
  frozenOnKnown: z.boolean(),
});

export const bagSchema = z.object({
  id: z.uuid(),
  packingRunId: z.uuid(),
  depotId: z.uuid(),
  bagType,
  /** Set by the packing run: what the bag holds and how it must travel. */
  temperatureClass,
  /** The storage unit the bag waits in at the depot (`POST /bags/moves` moves it). */
  storageUnitId: z.uuid().optional(),
  weightKg: z.number(),
  earliestUseBy: localDate.optional(),
  /** The last day the bag may be handed out: the earliest limit of its contents (use-by, frozen shelf life, best-before or its check, an undated food's shelf life); null: nothing limits it. Labels print it as "Jaettava viimeistään". */
  handOutBy: localDate.nullable(),
  /** `held`: an excursion of its unit holds it (never reserved, loaded or delivered until released); `recalled`: taken out by a recall. */
  status: bagStatus,
  reservationId: z.uuid().optional(),
  packedAt: z.string(),
  statusAt: z.string(),
  /** The per-bag picking list; empty for bags packed before contents were recorded. */
  contents: z.array(bagContentSchema),
});

export const packingRunSchema = z.object({
  id: z.uuid(),
  depotId: z.uuid(),
  bagType,
  temperatureClass,
  requestedBags: z.number().int(),
  bagCount: z.number().int(),
  /** The unit the run put its bags in. */
  storageUnitId: z.uuid().optional(),
  packedAt: z.string(),
  totalKg: z.number(),
  /** Each bag with its picking list (`contents`: which kilos of which lot go into it). */
  bags: z.array(bagSchema),
  /** The picking list lot by lot, in pick order: how many kilos to take, and what finds the lot on its shelf (its code as the stock screen shows it, product, unit, date). */
  lots: z.array(z.object({
    lotId: z.uuid(),
    code: z.string(),
    kg: z.number(),
    category: z.enum(CATEGORIES),
    product: z.string().optional(),
    batch: z.string().optional(),
    dateKind: z.string(),
    date: localDate.nullable(),
    frozenOn: localDate.optional(),
    /** False when `frozenOn` is only the day it was received: the picking list says the freezing date is not known. */
    frozenOnKnown: z.boolean(),
    /** The storage unit the lot is in now. */
    storageUnitId: z.uuid(),
    storageUnitName: z.string(),
  })),
});

/** The answer to a new run: with `allowPartial`, fewer bags than asked come with `shortage`, why (as a refused run's 409 says it). */
export const createdPackingRunSchema = packingRunSchema.extend({
  shortage: z.object({
    available: z.number().int(),
    availableKg: z.number(),
    /** Stock this bag could take that the rules keep out, per reason (past use-by, on hold…). */
    unusable: z.array(z.object({ reason: z.string(), kg: z.number() })),
    /** The usable stock for this bag type in each class, and the full bags it makes. */
    availableByClass: z.array(z.object({ temperatureClass, bags: z.number().int(), kg: z.number() })),
  }).optional(),
});

export const packingRunSummarySchema = packingRunSchema.omit({ bags: true });

export const listPackingRunsQuery = z.strictObject({
  depotId: z.uuid().optional(),
  bagType: bagType.optional(),
  /** Runs packed on this local (Europe/Helsinki) day. */
  day: localDate.optional(),
  ...pageQuery,
});

export const listBagsQuery = z.strictObject({
  depotId: z.uuid().optional(),
  /** Bags waiting in this unit. */
  storageUnitId: z.uuid().optional(),
  bagType: bagType.optional(),
  temperatureClass: temperatureClass.optional(),
  status: bagStatus.optional(),
  reservationId: z.uuid().optional(),
  packingRunId: z.uuid().optional(),
  ...pageQuery,
});

export const bagsAvailableQuery = z.strictObject({
  depotId: z.uuid(),
  bagType,
  temperatureClass: temperatureClass.optional(),
  /** The delivery day asked about: bags whose `handOutBy` is before it do not count (as a reservation for it would not hold them). Default: today in Helsinki. */
  date: localDate.optional(),
});
export const bagsAvailableSchema = z.object({
  depotId: z.uuid(),
  bagType,
  /** The day the count is for (`date`, or today). */
  date: localDate,
  /** Echoes the filter; without it `available` counts bags of every class. */
  temperatureClass: temperatureClass.optional(),
  available: z.number().int(),
  /** Bags free to reserve per class. */
  byClass: z.array(z.object({ temperatureClass, available: z.number().int() })),
});

export const moveBagsBody = z.strictObject({
  /** Bags waiting at the depot (in stock, reserved or held), of the unit's depot and class. */
  bagIds: z.array(z.uuid()).min(1).max(500),
  storageUnitId: z.uuid(),
});

export const bagReleaseBody = z.strictObject({
  /** The corrective action: what was checked or done before the bag goes back out. */
  note: z.string().trim().min(1).max(1000),
});

export const bagDiscardBody = z.strictObject({
  reason: z.enum(DISCARD_REASONS),
  note: z.string().trim().min(1).max(1000).optional(),
});
