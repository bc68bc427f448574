/**
 * Mass arithmetic. Inside Kassi every mass is an integer number of grams, so sums are
 * exact; kilograms (decimal numbers with at most 3 decimals) exist only at the HTTP edge.
 */

/** The heaviest single intake line that is still believable (5,000 kg). */
export const MAX_INTAKE_LINE_G = 5_000_000;

const GRAMS_PER_KG = 1000;

/** The most kilograms that are still a safe integer number of grams (about 9 × 10¹² kg). */
export const MAX_EXACT_KG = Number.MAX_SAFE_INTEGER / GRAMS_PER_KG;

/**
 * Whether `kg` is a kilogram amount Kassi can store exactly: finite, and a whole number
 * of grams up to float noise. Meant for a zod `.refine` at the edge, so bad input is a
 * 400 and never reaches {@link kgToGrams}.
 *
 * @example isExactKg(1.005) // true; isExactKg(0.1 + 0.2) // true; isExactKg(1.0005) // false
 */
export function isExactKg(kg: number): boolean {
  if (!Number.isFinite(kg)) return false;
  const scaled = kg * GRAMS_PER_KG;
  const grams = Math.round(scaled);
  if (!Number.isSafeInteger(grams)) return false;
  // A few units in the last place: the error of `kg * 1000` itself and of a client that
  // summed a handful of decimals (0.1 + 0.2). A genuine 4th decimal is far larger.
  const tolerance = Math.max(Math.abs(scaled), 1) * Number.EPSILON * 16;
  return Math.abs(scaled - grams) <= tolerance;
}

/**
 * Converts kilograms from the API to integer grams. Throws a `RangeError` (rather than
 * returning a Result) because the edge has already validated with {@link isExactKg}: a
 * bad value here is a programming error. Negative amounts are allowed (adjustments);
 * callers reject zero or negatives where they are meaningless.
 *
 * @example kgToGrams(1.005) // 1005; kgToGrams(0.1 + 0.2) // 300; kgToGrams(1.0005) // throws
 */
export function kgToGrams(kg: number): number {
  if (!isExactKg(kg)) {
    throw new RangeError(`not a kilogram amount with at most 3 decimals: ${kg}`);
  }
  const grams = Math.round(kg * GRAMS_PER_KG);
  return grams === 0 ? 0 : grams; // no -0 in the database
}

/**
 * Converts integer grams to kilograms for the API. Division by 1000 is correctly rounded,
 * so the result is exactly the number a client would parse from the 3-decimal text.
 *
 * @example gramsToKg(1005) // 1.005
 */
export function gramsToKg(grams: number): number {
  assertGrams(grams);
  const kg = grams / GRAMS_PER_KG;
  return kg === 0 ? 0 : kg;
}

/**
 * Splits `totalG` into `parts` integers that sum exactly to the total and differ by at
 * most 1 g; the larger parts come first. Used to share a lot over N bags without losing
 * or inventing a gram.
 *
 * @example splitEvenly(10_001, 4) // [2501, 2500, 2500, 2500]
 */
export function splitEvenly(totalG: number, parts: number): number[] {
  assertGrams(totalG);
  if (!Number.isSafeInteger(parts) || parts < 1) {
    throw new RangeError(`parts must be a positive integer: ${parts}`);
  }
  const base = Math.floor(totalG / parts);
  const remainder = totalG - base * parts; // 0 <= remainder < parts, also for negative totals
  return Array.from({ length: parts }, (_, i) => (i < remainder ? base + 1 : base));
}

/**
 * Sums gram amounts, refusing anything that is not a safe integer so that an accidental
 * kilogram or a sum past 2^53 fails loudly instead of silently losing grams.
 *
 * @example sumGrams([1005, 2000, -5]) // 3000; sumGrams([]) // 0
 */
export function sumGrams(values: readonly number[]): number {
  let total = 0;
  for (const value of values) {
    assertGrams(value);
    total += value;
  }
  assertGrams(total);
  return total;
}

function assertGrams(grams: number): void {
  if (!Number.isSafeInteger(grams)) {
    throw new RangeError(`grams must be a safe integer: ${grams}`);
  }
}
