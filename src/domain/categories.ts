/**
 * The fixed vocabularies of the warehouse: categories, temperature classes, date kinds,
 * bag types and discard reasons. Arrays are `as const` so the edge can build
 * `z.enum(CATEGORIES)` from the same list the rules use.
 */

export const TEMPERATURE_CLASSES = ['ambient', 'chilled', 'frozen'] as const;
export type TemperatureClass = (typeof TEMPERATURE_CLASSES)[number];

export const CATEGORIES = [
  'bread',
  'dairy',
  'meat',
  'minced_meat',
  'fish',
  'smoked_fish',
  'ready_meals',
  'eggs',
  'fruit_veg',
  'dry_goods',
  'non_food',
  'frozen',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** The class a category normally travels and is stored in; a line may only be colder. */
export const USUAL_CLASS: Readonly<Record<Category, TemperatureClass>> = {
  bread: 'ambient',
  dairy: 'chilled',
  meat: 'chilled',
  minced_meat: 'chilled',
  fish: 'chilled',
  smoked_fish: 'chilled',
  ready_meals: 'chilled',
  eggs: 'chilled',
  fruit_veg: 'ambient',
  dry_goods: 'ambient',
  non_food: 'ambient',
  frozen: 'frozen',
};

/**
 * The 14 allergens that must be declared (EU 1169/2011, Annex II), as codes: cereals
 * containing gluten, crustaceans, eggs, fish, peanuts, soybeans, milk, nuts, celery, mustard,
 * sesame, sulphur dioxide and sulphites, lupin, molluscs.
 */
export const ALLERGENS = [
  'gluten', 'crustaceans', 'eggs', 'fish', 'peanuts', 'soybeans', 'milk', 'nuts', 'celery', 'mustard', 'sesame', 'sulphites', 'lupin', 'molluscs',
] as const;
export type Allergen = (typeof ALLERGENS)[number];

export const DATE_KINDS = ['use_by', 'best_before', 'none'] as const;
export type DateKind = (typeof DATE_KINDS)[number];

export const DISCARD_REASONS = ['spoiled', 'expired', 'temperature', 'recall', 'other'] as const;
export type DiscardReason = (typeof DISCARD_REASONS)[number];

/** Why food was turned away at receipt (never stock, never in the ledger). */
export const REFUSAL_REASONS = ['use_by_past', 'too_warm', 'damaged', 'spoiled', 'other'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const BAG_TYPES = ['food', 'bread', 'family', 'hygiene'] as const;
export type BagType = (typeof BAG_TYPES)[number];

/** Target weight of one bag, in grams (the network's bag types), when the packing run does not name its own. */
export const BAG_TARGET_G: Readonly<Record<BagType, number>> = {
  food: 5_000,
  bread: 2_000,
  family: 9_000,
  hygiene: 1_500,
};

/** The lightest bag of each type worth handing out; a lighter one is a typo (1 g, not 1 kg). */
export const BAG_MIN_G: Readonly<Record<BagType, number>> = {
  food: 1_000,
  bread: 300,
  family: 2_000,
  hygiene: 200,
};

const FOOD_CATEGORIES: readonly Category[] = CATEGORIES.filter((c) => c !== 'non_food');

/** Which categories each bag type may take: soap never goes into a food bag, nor food into a hygiene bag. */
export const BAG_CATEGORIES: Readonly<Record<BagType, readonly Category[]>> = {
  food: FOOD_CATEGORIES,
  family: FOOD_CATEGORIES,
  bread: ['bread'],
  hygiene: ['non_food'],
};

const COLDNESS: Readonly<Record<TemperatureClass, number>> = { ambient: 0, chilled: 1, frozen: 2 };

/**
 * Orders temperature classes from warm to cold, so a rule can say "never warmer than"
 * with one comparison instead of a table of allowed pairs.
 *
 * @example coldness('ambient') < coldness('chilled') // true; coldness('frozen') // 2
 */
export function coldness(temperatureClass: TemperatureClass): number {
  return COLDNESS[temperatureClass];
}

/**
 * Whether a bag of `bagType` may contain food of `category`. A function rather than an
 * index so callers do not need to know the table's shape.
 *
 * @example bagTakes('bread', 'bread') // true; bagTakes('food', 'non_food') // false
 */
export function bagTakes(bagType: BagType, category: Category): boolean {
  return BAG_CATEGORIES[bagType].includes(category);
}

/** The class a packing run packs when it does not name one: bread and hygiene bags are ambient, food bags chilled. */
export const DEFAULT_BAG_CLASS: Readonly<Record<BagType, TemperatureClass>> = {
  food: 'chilled',
  family: 'chilled',
  bread: 'ambient',
  hygiene: 'ambient',
};

/**
 * Whether a bag of temperature class `bagClass` may hold a lot of class `lotClass`: a
 * chilled bag holds chilled and ambient food, a frozen bag only frozen food (frozen food
 * is handed out frozen: Ruokavirasto, "Ruoka-apu ja hävikkiruoka"), an ambient bag only
 * ambient food. So no bag mixes frozen with anything, and nothing chilled rides warm.
 *
 * @example bagClassTakes('chilled', 'ambient') // true; bagClassTakes('frozen', 'chilled') // false
 */
export function bagClassTakes(bagClass: TemperatureClass, lotClass: TemperatureClass): boolean {
  if (bagClass === 'chilled') return lotClass === 'chilled' || lotClass === 'ambient';
  return bagClass === lotClass;
}

/**
 * The class of a bag from the classes of its contents: the coldest one (how existing bags
 * were classed when bags got a class).
 *
 * @example coldestClass(['ambient', 'chilled']) // 'chilled'; coldestClass([]) // 'ambient'
 */
export function coldestClass(classes: readonly TemperatureClass[]): TemperatureClass {
  return classes.reduce<TemperatureClass>((a, c) => (coldness(c) > coldness(a) ? c : a), 'ambient');
}
