/**
 * Greenhouse-gas emissions avoided by food that was eaten instead of wasted. One published
 * average factor for all food, applied to the kilos a donor gave: a certificate for a shop's
 * own waste reporting, not a life-cycle assessment of each product.
 */

/**
 * 2.5 kg CO₂e per kg of food: FAO's *Food wastage footprint* (2013) puts the carbon
 * footprint of food produced and not eaten at 3.3 Gt CO₂e a year (without land-use change),
 * for about 1.3 Gt of food wasted; 3.3 / 1.3 ≈ 2.54, rounded down so the figure does not
 * overstate what was avoided.
 */
export const CO2E_KG_PER_KG_FOOD = 2.5;

/** The publication the factor comes from, as printed under the figure. */
export const CO2E_FACTOR_SOURCE =
  'FAO (2013). Food wastage footprint: Impacts on natural resources. Summary report. Food and Agriculture Organization of the United Nations, Rome.';

/**
 * Grams of CO₂e avoided by `grams` of food passed on rather than thrown away, rounded to the gram.
 *
 * @example co2eAvoidedG(120_500) // 301_250 (120.5 kg of food → 301.25 kg CO₂e)
 */
export function co2eAvoidedG(grams: number): number {
  return Math.round(grams * CO2E_KG_PER_KG_FOOD);
}
