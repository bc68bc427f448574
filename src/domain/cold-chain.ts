/**
 * The cold chain after intake, as pure rules (docs/food-safety.md, "the cold chain all the way to
 * the household"): what a temperature reading holds, what
 * happens to food taken into a unit in excursion, when a held lot may be released, which
 * own-check readings were missed, and what becomes of a bag that comes back undelivered.
 * Limits come from `food-safety.ts` (MMMa 318/2021).
 */
import type { Category, TemperatureClass } from './categories.ts';
import type { LocalDate } from './dates.ts';
import type { Text } from '../i18n/messages.ts';
import { CHILLED_MAX_C, FROZEN_MAX_C, FROZEN_TARGET_C, maxCelsius } from './food-safety.ts';

/** How long a frozen unit may read warmer than −18 °C (but not above −15 °C) before it is an excursion. */
export const FROZEN_WARM_SPAN_MS = 24 * 60 * 60 * 1000;

export type UnitLot = { id: string; category: Category; temperatureClass: TemperatureClass };

export type ReadingAssessment = {
  /** Out of range for the unit, or for at least one lot in it: an alert is opened. */
  excursion: boolean;
  /** A frozen unit warmer than −18 °C but not (yet) an excursion. */
  warning: boolean;
  /** The lots the reading puts on hold: those above their own limit (every lot in a frozen excursion). */
  heldLotIds: string[];
  /** The unit class's own limit, °C, for the alert's text (null: ambient). */
  limitC: number | null;
  /** Which rule made it an excursion (null: none): above the unit's limit, a freezer warm too long, or above some lots' own limits. */
  reason: ExcursionReason | null;
};

export type ExcursionReason = 'unit_limit' | 'frozen_warm_too_long' | 'lot_limit';

/**
 * What an alert says, as a code and its figures: stored with the alert and put into words in
 * the reader's language by the message catalogue (`alertDetail`), so a Finnish warehouse
 * volunteer and an English coordinator read the same alert each in their own language.
 */
export type AlertDetail =
  | { code: 'excursion_unit_limit'; unitName: string; celsius: number; temperatureClass: TemperatureClass; limitC: number }
  | { code: 'excursion_frozen_warm'; unitName: string; celsius: number }
  | { code: 'excursion_lot_limit'; unitName: string; celsius: number }
  | { code: 'reading_missed'; unitName: string; day: LocalDate; readings: number; readingsPerDay: number; missed: number }
  | { code: 'bags_unsettled'; vehicleName: string; date: LocalDate; bags: number }
  | { code: 'ride_too_long'; siteName: string; vehicleName: string; minutes: number; limitMin: number; temperatureClass: TemperatureClass };

/**
 * The detail of the excursion alert a reading opens, from its assessment.
 *
 * @example excursionDetail({ name: 'Cold room', temperatureClass: 'chilled' }, 8.5, assessReading(...))
 *   // { code: 'excursion_unit_limit', unitName: 'Cold room', celsius: 8.5, temperatureClass: 'chilled', limitC: 6 }
 */
export function excursionDetail(unit: { name: string; temperatureClass: TemperatureClass }, celsius: number, assessed: ReadingAssessment): AlertDetail {
  const base = { unitName: unit.name, celsius };
  if (assessed.reason === 'unit_limit' && assessed.limitC !== null) {
    return { code: 'excursion_unit_limit', ...base, temperatureClass: unit.temperatureClass, limitC: assessed.limitC };
  }
  return assessed.reason === 'frozen_warm_too_long' ? { code: 'excursion_frozen_warm', ...base } : { code: 'excursion_lot_limit', ...base };
}

/**
 * Assesses one own-check reading of a unit against the unit's class and every lot in it. A
 * chilled unit holds only the lots above their own category's limit (+3 °C fish, +4 °C minced
 * meat, +6 °C otherwise): a fish lot at +4 °C in a +5 °C room is held, the milk beside it is
 * not. A frozen unit is in excursion above −15 °C, or when it has read warmer than −18 °C
 * without a break for more than 24 hours (`warmSince`: the time of the first reading of the
 * current warm run, this one included); then every lot in it is held. Ambient units have no
 * limit.
 *
 * @example assessReading({ unitClass: 'chilled', celsius: 5, at, lots: [fish, milk] })
 *   // { excursion: true, warning: false, heldLotIds: [fish.id], limitC: 6, reason: 'lot_limit' }
 */
export function assessReading(input: {
  unitClass: TemperatureClass;
  celsius: number;
  at: Date;
  lots: readonly UnitLot[];
  warmSince?: Date | null;
}): ReadingAssessment {
  const { unitClass, celsius, at, lots } = input;
  if (!Number.isFinite(celsius)) throw new RangeError(`not a temperature: ${celsius}`);
  if (unitClass === 'ambient') return { excursion: false, warning: false, heldLotIds: [], limitC: null, reason: null };
  if (unitClass === 'frozen') {
    const warm = celsius > FROZEN_TARGET_C;
    const tooLong = warm && input.warmSince != null && at.getTime() - input.warmSince.getTime() > FROZEN_WARM_SPAN_MS;
    const reason = celsius > FROZEN_MAX_C ? 'unit_limit' : tooLong ? 'frozen_warm_too_long' : null;
    const excursion = reason !== null;
    return { excursion, warning: warm && !excursion, heldLotIds: excursion ? lots.map((l) => l.id) : [], limitC: FROZEN_MAX_C, reason };
  }
  const heldLotIds = lots.filter((l) => celsius > (maxCelsius(l) ?? Infinity)).map((l) => l.id);
  const reason = celsius > CHILLED_MAX_C ? 'unit_limit' : heldLotIds.length > 0 ? 'lot_limit' : null;
  return { excursion: reason !== null, warning: false, heldLotIds, limitC: CHILLED_MAX_C, reason };
}

/**
 * The start of a frozen unit's current warm run (readings warmer than −18 °C without one at
 * −18 °C or colder between them), counting the new reading, or null when the new reading is
 * not warm. `previous` are the unit's earlier readings, in any order.
 *
 * @example warmRunStart([{ at: mon8, celsius: -16 }, { at: sun8, celsius: -20 }], { at: tue9, celsius: -17 }) // mon8
 */
export function warmRunStart(previous: readonly { at: Date; celsius: number }[], reading: { at: Date; celsius: number }): Date | null {
  if (reading.celsius <= FROZEN_TARGET_C) return null;
  let start = reading.at;
  const earlier = previous.filter((r) => r.at.getTime() <= reading.at.getTime()).sort((a, b) => b.at.getTime() - a.at.getTime());
  for (const r of earlier) {
    if (r.celsius <= FROZEN_TARGET_C) break;
    start = r.at;
  }
  return start;
}

/**
 * Whether a lot taken into a unit (weighed in, moved, frozen) goes on hold at once: when the
 * unit's latest reading was an excursion that the lot's own limit does not tolerate (every lot
 * of a frozen unit in excursion). Food put into a warm room is held like the food already there.
 *
 * @example holdsOnArrival({ category: 'dairy', temperatureClass: 'chilled' }, { celsius: 8.5, excursion: true }) // true
 * @example holdsOnArrival({ category: 'dairy', temperatureClass: 'chilled' }, { celsius: 5, excursion: true }) // false (fish was held)
 */
export function holdsOnArrival(
  lot: Pick<UnitLot, 'category' | 'temperatureClass'>,
  latest: { celsius: number; excursion: boolean } | null,
): boolean {
  if (!latest || !latest.excursion) return false;
  if (lot.temperatureClass === 'frozen') return true;
  const limit = maxCelsius(lot);
  return limit !== null && latest.celsius > limit;
}

/**
 * Whether a held lot may be released. A release needs a note (the corrective action; the
 * edge answers a missing one 400). A frozen lot past its use-by that a freezer excursion held
 * cannot be released: its use-by only stopped counting while it stayed frozen, so it is
 * discarded. `today` is the local day of the release.
 *
 * @example checkRelease({ temperatureClass: 'frozen', dateKind: 'use_by', date: '2026-03-01' },
 *   { today: '2026-03-10', heldByFreezerExcursion: true }) // { ok: false, rule: 'frozen_past_use_by_after_excursion', ... }
 */
export function checkRelease(
  lot: { temperatureClass: TemperatureClass; dateKind: string; date: LocalDate | null },
  ctx: { today: LocalDate; heldByFreezerExcursion: boolean },
): { ok: true } | ({ ok: false } & { rule: 'frozen_past_use_by_after_excursion'; message: Text }) {
  if (ctx.heldByFreezerExcursion && lot.temperatureClass === 'frozen' && lot.dateKind === 'use_by' && lot.date !== null && lot.date < ctx.today) {
    return {
      ok: false, rule: 'frozen_past_use_by_after_excursion',
      message: (m) => m.frozenPastUseByAfterExcursion(lot.date!),
    };
  }
  return { ok: true };
}

/**
 * How many own-check readings a unit missed on a day: `readingsPerDay` expected (0 means the
 * unit is not monitored), minus those recorded that day, never below zero.
 *
 * @example missedReadings({ readingsPerDay: 2, readingsThatDay: 1 }) // 1
 */
export function missedReadings(input: { readingsPerDay: number; readingsThatDay: number }): number {
  return Math.max(0, input.readingsPerDay - input.readingsThatDay);
}

export type ReturnedBagOutcome = { to: 'in_stock' } | { to: 'discarded'; reason: string };

/**
 * What becomes of a bag that comes back undelivered. An ambient bag returns to stock; a
 * chilled or frozen one only when the driver records that the cold chain was kept
 * (`coldChainKept: true`), otherwise it is discarded with reason `temperature`. A bag past its
 * hand-out date (`handOutBy`) never returns. The caller handles an explicit "discard them all".
 *
 * @example returnedBag({ temperatureClass: 'chilled', handOutBy: null }, { today, coldChainKept: false })
 *   // { to: 'discarded', reason: 'temperature' }
 */
export function returnedBag(
  bag: { temperatureClass: TemperatureClass; handOutBy: LocalDate | null },
  ctx: { today: LocalDate; coldChainKept: boolean },
): ReturnedBagOutcome {
  if (bag.handOutBy !== null && bag.handOutBy < ctx.today) {
    return { to: 'discarded', reason: `expired: hand-out date ${bag.handOutBy} passed before return` };
  }
  if (bag.temperatureClass !== 'ambient' && !ctx.coldChainKept) return { to: 'discarded', reason: 'temperature' };
  return { to: 'in_stock' };
}

/**
 * Whether a delivery carrying bags of these classes needs refrigeration in the route solver,
 * exactly as a chilled pickup does (a refrigerated vehicle, or a ride within `rideLimitMinutes`).
 *
 * @example deliveryNeedsRefrigeration(['ambient', 'chilled']) // true
 */
export function deliveryNeedsRefrigeration(classes: readonly TemperatureClass[]): boolean {
  return classes.some((c) => c !== 'ambient');
}
