/** Rules of the network's organisations. */

const BUSINESS_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/**
 * Whether `id` is a valid Finnish business ID (Y-tunnus): seven digits, a dash and a check
 * digit. The check digit is `11 − (Σ digit × weight mod 11)` with weights 7, 9, 10, 5, 8, 4,
 * 2, or 0 when the remainder is 0; a remainder of 1 is never issued.
 *
 * @example isValidBusinessId('0201256-6') // true
 * @example isValidBusinessId('0201256-5') // false
 */
export function isValidBusinessId(id: string): boolean {
  const m = /^(\d{7})-(\d)$/.exec(id);
  if (!m) return false;
  const sum = [...m[1]].reduce((acc, d, i) => acc + Number(d) * BUSINESS_ID_WEIGHTS[i], 0);
  const remainder = sum % 11;
  if (remainder === 1) return false;
  return (remainder === 0 ? 0 : 11 - remainder) === Number(m[2]);
}

/**
 * Whether a food-bank point is run by an organisation registered as a food-aid operator with
 * the municipal food control (Ruokavirasto, "Ruoka-apu ja hävikkiruoka": food-aid actors
 * register their activity with the food control authority; *Ruoka-apuohje*
 * 931/04.02.00.01/2022). A point without an organisation, or whose organisation has no
 * registration date, is not: master data, the coordinator's plan and the funder's report
 * flag it, and with `REQUIRE_POINT_REGISTRATION` it takes no reservations.
 *
 * @example isRegisteredPoint({ organisation: { foodAidRegisteredOn: '2024-02-01' } }) // true
 * @example isRegisteredPoint({ organisation: null }) // false
 */
export function isRegisteredPoint(point: { organisation: { foodAidRegisteredOn: string | null } | null | undefined }): boolean {
  return point.organisation?.foodAidRegisteredOn != null;
}
