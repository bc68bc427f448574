/**
 * Planning a packing run: which grams of which lots go into which of N bags. The plan is
 * exact to the gram (the bags weigh together what the picks take from the lots), so the
 * ledger's `pack` entries and the bag records always agree.
 */
import {
  BAG_MIN_G, BAG_TARGET_G, type BagType, bagClassTakes, bagTakes, type Category, DEFAULT_BAG_CLASS, hygieneSide, TEMPERATURE_CLASSES, type TemperatureClass,
} from './categories.ts';
import { type LocalDate, localDate } from './dates.ts';
import { bagHandOutBy } from './hand-out.ts';
import { DEFAULT_FOOD_POLICY, effectiveUseBy, type FoodPolicy, packability, type SafetyRule } from './food-safety.ts';
import { type FefoLot, type LotPick, pickFefo, type UnusableStock, unusableStock } from './fefo.ts';
import { gramsToKg, sumGrams } from './weight.ts';
import type { Text } from '../i18n/messages.ts';

export type PackingRequest = {
  bagType: BagType;
  /** The class of the bags; defaults to {@link DEFAULT_BAG_CLASS} of the bag type. */
  temperatureClass?: TemperatureClass;
  bagCount: number;
  /** The network's food-safety settings; defaults to {@link DEFAULT_FOOD_POLICY}. */
  policy?: FoodPolicy;
  /** Grams per bag; defaults to the bag type's target. Only FEFO runs fill to it. */
  targetG?: number;
  onDate: LocalDate;
  /** FEFO runs only: make the full bags the stock allows instead of refusing. */
  allowPartial: boolean;
  /** The FEFO candidates, or (with `picks`) at least the named lots. */
  lots: readonly FefoLot[];
  /** Lots and grams named by the volunteer; when given, FEFO is not used. */
  picks?: readonly LotPick[];
};

export type PackedBag = {
  weightG: number;
  /** The earliest use-by that still limits hand-out among the contents (see `effectiveUseBy`). */
  earliestUseBy: LocalDate | null;
  /** The last day the bag may be handed out (see `bagHandOutBy`); null: nothing limits it. */
  handOutBy: LocalDate | null;
  contents: LotPick[];
};

export type PackingPlan = {
  ok: true;
  bagType: BagType;
  temperatureClass: TemperatureClass;
  targetG: number;
  requestedBags: number;
  bags: PackedBag[];
  /** Grams taken per lot: the run's traceability record and its `pack` ledger entries. */
  picks: LotPick[];
  totalG: number;
  /** With `allowPartial`, when fewer bags were made than asked: why (the same figures a refused run gives). */
  shortage?: Omit<PackingShortage, 'ok' | 'rule' | 'message' | 'requestedBags'>;
};

/** Not enough usable stock for the bags asked: the service answers 409 with these figures. */
export type PackingShortage = {
  ok: false;
  rule: 'insufficient_stock';
  message: Text;
  requestedBags: number;
  availableBags: number;
  availableG: number;
  /** Why the rest of the stock such a bag would take cannot be packed, per rule. */
  unusable: UnusableStock;
  /** All the usable stock a bag of this type could take in each class, and the full bags it makes (a frozen bag asked while only chilled stock is there). */
  availableByClass: { temperatureClass: TemperatureClass; availableG: number; availableBags: number }[];
};

/**
 * Raw meat or fish and ready-to-eat food the run would have to put into one bag (see
 * `hygieneSide`): named lots of both sides, or a FEFO run whose kilos of each side cannot
 * be split into separate bags of the target weight. The service answers 409 with these.
 */
export type RawWithReadyToEat = {
  ok: false;
  rule: 'raw_with_ready_to_eat';
  message: Text;
  rawG: number;
  readyToEatG: number;
  rawCategories: Category[];
  readyToEatCategories: Category[];
};

/** A named pick the rules refuse. `availableG` comes with `exceeds_stock`. */
export type PackingRefusal = {
  ok: false;
  rule: 'unknown_lot' | 'duplicate_lot' | 'wrong_category' | 'wrong_temperature_class' | 'invalid_weight' | 'exceeds_stock' | 'too_few_grams' | SafetyRule;
  message: Text;
  lotId?: string;
  availableG?: number;
};

export type PackingResult = PackingPlan | PackingShortage | PackingRefusal | RawWithReadyToEat;

/**
 * Plans a packing run. Without `picks`, FEFO fills every bag to exactly `targetG`, and a
 * bag is made only when its full weight is there: short stock makes the full bags it can
 * with `allowPartial`, or returns `insufficient_stock` (with how many bags are possible)
 * without. With `picks`, the named grams are used as they are, each lot spread evenly over
 * all bags, so bags differ by at most 1 g; every named lot must exist, fit the bag type,
 * be packable on `onDate` and have the stock. Each lot is spread over the bags rather than
 * filling bag after bag because a food bag should hold a share of everything packed; the
 * remainder grams rotate from lot to lot so no bag collects all of them. Raw meat or fish
 * never shares a bag with ready-to-eat food (`hygieneSide`): a FEFO run puts the raw kilos
 * into bags of their own, topped up with food of neither side, and the ready-to-eat kilos
 * into the others; when the kilos of each side do not split into whole bags, or named lots
 * mix the sides, the run is `raw_with_ready_to_eat` (409) with the kilos of each. Inputs are never
 * mutated; a bad `bagCount` or `targetG` (the edge validates them) throws a `RangeError`.
 *
 * @example planPackingRun({ bagType: 'bread', bagCount: 3, onDate: '2026-03-29', allowPartial: false,
 *   lots: [bread7kg] })
 *   // { ok: true, bags: [3 × { weightG: 2000, ... }], picks: [{ lotId, grams: 6000 }], totalG: 6000, ... }
 */
export function planPackingRun(request: PackingRequest): PackingResult {
  const { bagType, bagCount, onDate } = request;
  const targetG = request.targetG ?? BAG_TARGET_G[bagType];
  const temperatureClass = request.temperatureClass ?? DEFAULT_BAG_CLASS[bagType];
  const policy = request.policy ?? DEFAULT_FOOD_POLICY;
  if (!Number.isSafeInteger(bagCount) || bagCount < 1) throw new RangeError(`bag count must be a positive integer: ${bagCount}`);
  if (!Number.isSafeInteger(targetG) || targetG < 1) throw new RangeError(`target grams must be a positive integer: ${targetG}`);

  if (!request.picks && targetG < BAG_MIN_G[bagType]) {
    return { ok: false, rule: 'too_few_grams', message: (m) => m.bagBelowMinimum(bagType, gramsToKg(BAG_MIN_G[bagType]), gramsToKg(targetG)) };
  }

  const lotsById = new Map(request.lots.map((lot) => [lot.id, lot]));
  let picks: LotPick[];
  let bags = bagCount;
  let shortage: PackingPlan['shortage'];
  const fefo = (grams: number, bagClass = temperatureClass) =>
    pickFefo(request.lots, grams, { onDate, bagType, policy, takes: (lot) => bagClassTakes(bagClass, lot.temperatureClass) });

  if (request.picks) {
    const refusal = refuseNamedPicks(request.picks, lotsById, { bagType, temperatureClass, bagCount, onDate, policy });
    if (refusal) return refusal;
    picks = request.picks.map((pick) => ({ ...pick }));
  } else {
    const wanted = fefo(bagCount * targetG);
    picks = wanted.picks;
    if (wanted.shortfallG > 0) {
      const availableBags = Math.floor(wanted.pickedG / targetG);
      const unusable = unusableStock(request.lots, { onDate, bagType, policy });
      shortage = {
        availableBags,
        availableG: wanted.pickedG,
        unusable,
        availableByClass: TEMPERATURE_CLASSES.map((c) => {
          const g = fefo(sumGrams(request.lots.map((l) => Math.max(0, l.stockG))), c).pickedG;
          return { temperatureClass: c, availableG: g, availableBags: Math.floor(g / targetG) };
        }),
      };
      if (!request.allowPartial || availableBags === 0) {
        const why = unusable.map((u) => ({ rule: u.rule, kg: gramsToKg(u.grams) }));
        return {
          ok: false,
          rule: 'insufficient_stock',
          message: (m) => m.stockForBags(availableBags, bagCount, temperatureClass, bagType, gramsToKg(wanted.pickedG), why),
          requestedBags: bagCount,
          ...shortage,
        };
      }
      bags = availableBags;
      picks = fefo(bags * targetG).picks;
    }
  }

  const sides = splitBySide(picks, lotsById);
  let contentsOfBags: LotPick[][];
  if (sides.raw.length > 0 && sides.readyToEat.length > 0) {
    const split = request.picks ? null : splitRawFromReadyToEat(sides, bags, targetG);
    if (!split) return rawWithReadyToEat(sides, lotsById, request.picks ? null : { bags, targetG });
    contentsOfBags = split;
  } else {
    contentsOfBags = spreadOverBags(picks, bags);
  }

  const packed = contentsOfBags.map((contents) => ({
    weightG: sumGrams(contents.map((c) => c.grams)),
    earliestUseBy: earliestOf(contents.map((c) => effectiveUseBy(lotsById.get(c.lotId)!))),
    handOutBy: bagHandOutBy(contents.map((c) => {
      const lot = lotsById.get(c.lotId)!;
      return { ...lot, receivedOn: localDate(lot.receivedAt) };
    }), onDate, policy),
    contents,
  }));
  return {
    ok: true, bagType, temperatureClass, targetG, requestedBags: bagCount, bags: packed, picks, totalG: sumGrams(picks.map((p) => p.grams)),
    ...(shortage ? { shortage } : {}),
  };
}

function refuseNamedPicks(
  picks: readonly LotPick[],
  lotsById: ReadonlyMap<string, FefoLot>,
  run: { bagType: BagType; temperatureClass: TemperatureClass; bagCount: number; onDate: LocalDate; policy: FoodPolicy },
): PackingRefusal | null {
  const { bagType, temperatureClass, bagCount, onDate, policy } = run;
  const seen = new Set<string>();
  for (const { lotId, grams } of picks) {
    const lot = lotsById.get(lotId);
    if (!lot) return { ok: false, rule: 'unknown_lot', message: (m) => m.noSuchLot(lotId), lotId };
    if (seen.has(lotId)) return { ok: false, rule: 'duplicate_lot', message: (m) => m.lotNamedTwice(lotId), lotId };
    seen.add(lotId);
    if (!Number.isSafeInteger(grams) || grams <= 0) {
      return { ok: false, rule: 'invalid_weight', message: (m) => m.onLot(lotId, m.pickWeightPositive()), lotId };
    }
    if (!bagTakes(bagType, lot.category)) {
      return { ok: false, rule: 'wrong_category', message: (m) => m.bagDoesNotTake(bagType, lot.category), lotId };
    }
    if (!bagClassTakes(temperatureClass, lot.temperatureClass)) {
      return { ok: false, rule: 'wrong_temperature_class', message: (m) => m.bagClassDoesNotTake(temperatureClass, lot.temperatureClass), lotId };
    }
    const verdict = packability(lot, onDate, policy);
    if (!verdict.ok) return { ok: false, rule: verdict.rule, message: (m) => m.onLot(lotId, verdict.message(m)), lotId };
    if (grams > lot.stockG) {
      return {
        ok: false,
        rule: 'exceeds_stock',
        message: (m) => m.lotHoldsLess(lotId, gramsToKg(lot.stockG), gramsToKg(grams)),
        lotId,
        availableG: lot.stockG,
      };
    }
  }
  const totalG = sumGrams(picks.map((p) => p.grams));
  if (totalG < bagCount * BAG_MIN_G[bagType]) {
    return { ok: false, rule: 'too_few_grams', message: (m) => m.tooFewGrams(gramsToKg(totalG), bagCount, bagType, gramsToKg(BAG_MIN_G[bagType])) };
  }
  return null;
}

/**
 * Gives every bag `floor(grams / bags)` of each lot and hands the remainder grams out one
 * by one, continuing round the bags where the previous lot stopped: bag weights then
 * differ by at most 1 g, and are all equal when the total divides evenly.
 */
function spreadOverBags(picks: readonly LotPick[], bags: number): LotPick[][] {
  const contents: LotPick[][] = Array.from({ length: bags }, () => []);
  let next = 0; // the bag that gets the next remainder gram
  for (const { lotId, grams } of picks) {
    const base = Math.floor(grams / bags);
    const remainder = grams - base * bags;
    for (let i = 0; i < bags; i++) {
      const extra = (i - next + bags) % bags < remainder ? 1 : 0;
      if (base + extra > 0) contents[i].push({ lotId, grams: base + extra });
    }
    next = (next + remainder) % bags;
  }
  return contents;
}

type Sides = { raw: LotPick[]; readyToEat: LotPick[]; neither: LotPick[] };

/** The picks by side of the raw / ready-to-eat divide, each in the order given (FEFO). */
function splitBySide(picks: readonly LotPick[], lotsById: ReadonlyMap<string, FefoLot>): Sides {
  const out: Sides = { raw: [], readyToEat: [], neither: [] };
  for (const pick of picks) {
    const side = hygieneSide(lotsById.get(pick.lotId)!.category);
    (side === 'raw' ? out.raw : side === 'ready_to_eat' ? out.readyToEat : out.neither).push(pick);
  }
  return out;
}

/**
 * Bags of exactly `targetG` each where the raw picks fill bags of their own (topped up with
 * food of neither side, taken in FEFO order) and the ready-to-eat picks the rest, or null
 * when the raw kilos need more whole bags than leave room for the ready-to-eat kilos.
 */
function splitRawFromReadyToEat(sides: Sides, bags: number, targetG: number): LotPick[][] | null {
  const rawG = sumGrams(sides.raw.map((p) => p.grams));
  const readyG = sumGrams(sides.readyToEat.map((p) => p.grams));
  const rawBags = Math.ceil(rawG / targetG);
  if (rawBags + Math.ceil(readyG / targetG) > bags) return null;
  let topUp = rawBags * targetG - rawG;
  const rawSide = [...sides.raw];
  const readySide = [...sides.readyToEat];
  for (const pick of sides.neither) {
    const toRaw = Math.min(topUp, pick.grams);
    if (toRaw > 0) rawSide.push({ lotId: pick.lotId, grams: toRaw });
    if (pick.grams > toRaw) readySide.push({ lotId: pick.lotId, grams: pick.grams - toRaw });
    topUp -= toRaw;
  }
  return [...spreadOverBags(rawSide, rawBags), ...spreadOverBags(readySide, bags - rawBags)];
}

function rawWithReadyToEat(sides: Sides, lotsById: ReadonlyMap<string, FefoLot>, fefo: { bags: number; targetG: number } | null): RawWithReadyToEat {
  const rawG = sumGrams(sides.raw.map((p) => p.grams));
  const readyToEatG = sumGrams(sides.readyToEat.map((p) => p.grams));
  const categories = (picks: readonly LotPick[]) => [...new Set(picks.map((p) => lotsById.get(p.lotId)!.category))];
  const rawCategories = categories(sides.raw);
  const readyToEatCategories = categories(sides.readyToEat);
  return {
    ok: false, rule: 'raw_with_ready_to_eat', rawG, readyToEatG, rawCategories, readyToEatCategories,
    message: (m) => m.rawWithReadyToEat(gramsToKg(rawG), rawCategories, gramsToKg(readyToEatG), readyToEatCategories, fefo && { bags: fefo.bags, targetKg: gramsToKg(fefo.targetG) }),
  };
}

function earliestOf(dates: readonly (LocalDate | null)[]): LocalDate | null {
  let earliest: LocalDate | null = null;
  for (const date of dates) {
    if (date !== null && (earliest === null || date < earliest)) earliest = date;
  }
  return earliest;
}
