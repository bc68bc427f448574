/**
 * How long chilled and frozen food may ride without refrigeration, and what a delivery's ride
 * was. The route solver plans within these limits; a delivery records its ride (from the
 * route's loading to the stop's completion) as proof, and an unrefrigerated ride over the limit
 * raises an alert.
 */
import type { TemperatureClass } from './categories.ts';

/**
 * Longest ride of chilled bags in a vehicle without refrigeration, minutes (from loading at the
 * depot to the hand-over at the stop; for a chilled pickup, from the donor back to the depot).
 * The sources leave the figure open: MMMa 318/2021 (annex 3, storage temperatures) allows
 * perishable food to warm briefly during transport and distribution by at most 3 °C over its
 * limit, and Ruokatieto's guidance on food transport asks a temperature record only of chilled
 * transports longer than two hours. An hour in an insulated bag keeps dairy (limit +6 °C) and
 * fish (+3 °C) within that brief 3 °C rise in a Finnish van; the network's rule is 60 minutes
 * (docs/food-safety.md), which this constant names.
 */
export const CHILLED_RIDE_MAX_MIN = 60;

/**
 * Longest ride of frozen bags without refrigeration, minutes. MMMa 318/2021 keeps frozen food at
 * −18 °C or colder with a brief rise to −15 °C during transport; an hour in an insulated bag
 * stays within it. The same 60 minutes as chilled, named apart so a network can tighten it alone.
 */
export const FROZEN_RIDE_MAX_MIN = 60;

/**
 * The ride limit of a load, minutes: the strictest limit of the classes on board, or null when
 * nothing on board needs cold (ambient bags ride as long as the route takes).
 *
 * @example rideLimitMinutes(['ambient', 'frozen']) // 60 (FROZEN_RIDE_MAX_MIN)
 * @example rideLimitMinutes(['ambient']) // null
 */
export function rideLimitMinutes(classes: readonly TemperatureClass[]): number | null {
  const limits = [
    ...(classes.includes('chilled') ? [CHILLED_RIDE_MAX_MIN] : []),
    ...(classes.includes('frozen') ? [FROZEN_RIDE_MAX_MIN] : []),
  ];
  return limits.length === 0 ? null : Math.min(...limits);
}

/**
 * Whole minutes a delivery's bags rode: from the route's loading to the stop's completion,
 * rounded to the nearest minute, never below zero (a completion stamped a little before the
 * loading by a phone's clock reads 0). Null when the route was never loaded.
 *
 * @example rideMinutes(new Date('2026-12-08T07:00:00Z'), new Date('2026-12-08T07:42:20Z')) // 42
 */
export function rideMinutes(loadedAt: Date | null, completedAt: Date): number | null {
  if (loadedAt === null) return null;
  return Math.max(0, Math.round((completedAt.getTime() - loadedAt.getTime()) / 60_000));
}

/**
 * Whether a cold delivery's ride broke its limit: only in a vehicle without refrigeration, and
 * only for a load that needs cold (see {@link rideLimitMinutes}). Exactly the limit is within it.
 *
 * @example rideTooLong({ minutes: 75, classes: ['chilled'], refrigerated: false }) // true
 * @example rideTooLong({ minutes: 75, classes: ['chilled'], refrigerated: true }) // false
 */
export function rideTooLong(ride: { minutes: number | null; classes: readonly TemperatureClass[]; refrigerated: boolean }): boolean {
  const limit = rideLimitMinutes(ride.classes);
  return !ride.refrigerated && limit !== null && ride.minutes !== null && ride.minutes > limit;
}
