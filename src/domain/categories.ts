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

/**
 * Categories that are perishable by nature and must carry a use-by date (`dateKind: 'use_by'`):
 * raw meat and minced meat, fresh fish, cold-smoked or gravad fish and ready meals. These are
 * the foods that are "highly perishable from a microbiological point of view" and so carry a
 * use-by by law (EU 1169/2011 art. 24); the Commission's food-donation guidelines
 * (2017/C 361/01, 6.3.2) and EFSA's 2020 opinion on date marking keep such food strictly
 * within its use-by, and Ruokavirasto's *Ruoka-apuohje* makes no exception for food aid. A
 * best-before or an undated line of these is a mistake at the door, not a real product.
 */
export const USE_BY_CATEGORIES: readonly Category[] = ['meat', 'minced_meat', 'fish', 'smoked_fish', 'ready_meals'];

/**
 * Categories where a product without any date is real (`dateKind: 'none'`). 1169/2011 Annex X
 * 1(d) exempts from date marking fresh fruit and vegetables, bakers' wares normally eaten
 * within 24 hours, and vinegar, cooking salt, solid sugar and sugar confectionery: so loose
 * bakery bread, loose fruit and vegetables, dry goods (salt, sugar, vinegar) and non-food may
 * come undated. Every other category is dated by law (eggs: 2022/2258; dairy, meat, fish,
 * ready meals and frozen food: 1169/2011 art. 9(1)(f) and 24), so an undated line of them is
 * refused and the date asked for.
 */
export const UNDATED_CATEGORIES: readonly Category[] = ['bread', 'fruit_veg', 'dry_goods', 'non_food'];

/**
 * Raw meat and raw fish: food that is cooked before it is eaten and can carry pathogens onto
 * what is not. 852/2004 Annex II ch. IX 3 asks that food is protected against contamination,
 * and the Commission's food-donation guidelines (2017/C 361/01, 5) and Oiva 6.2 ("raaka-aineet
 * ja valmiit tuotteet erillään") keep raw and ready-to-eat food apart in storage and transport.
 */
export const RAW_CATEGORIES: readonly Category[] = ['meat', 'minced_meat', 'fish'];

/**
 * Ready-to-eat food: eaten as it is, without cooking that would kill what raw meat or fish
 * left on it (2073/2005 art. 2(g)): bread, dairy, cold-smoked or gravad fish, ready meals
 * (sandwiches, salads, cooked dishes), and fruit and vegetables (often eaten raw). Eggs, dry
 * goods and frozen food are cooked or sealed, and non-food is not food: they are neither.
 */
export const READY_TO_EAT_CATEGORIES: readonly Category[] = ['bread', 'dairy', 'smoked_fish', 'ready_meals', 'fruit_veg'];

/** Which side of the raw / ready-to-eat divide a category is on, or null for neither. */
export type HygieneSide = 'raw' | 'ready_to_eat';

/**
 * The side of a category (see {@link RAW_CATEGORIES}, {@link READY_TO_EAT_CATEGORIES}).
 *
 * @example hygieneSide('minced_meat') // 'raw'; hygieneSide('bread') // 'ready_to_eat'; hygieneSide('dry_goods') // null
 */
export function hygieneSide(category: Category): HygieneSide | null {
  if (RAW_CATEGORIES.includes(category)) return 'raw';
  if (READY_TO_EAT_CATEGORIES.includes(category)) return 'ready_to_eat';
  return null;
}

/**
 * The allergens a category usually carries, which the intake form proposes (the volunteer
 * still reads the package): bread gluten, dairy milk, eggs eggs, fish fish (1169/2011 Annex II).
 */
export const USUAL_ALLERGENS: Readonly<Record<Category, readonly Allergen[]>> = {
  bread: ['gluten'],
  dairy: ['milk'],
  eggs: ['eggs'],
  fish: ['fish'],
  smoked_fish: ['fish'],
  meat: [],
  minced_meat: [],
  ready_meals: [],
  fruit_veg: [],
  dry_goods: [],
  non_food: [],
  frozen: [],
};

/**
 * The date kind a new intake line of the category starts with (the form's default; the
 * package decides): use-by for the perishable categories and dairy, none where undated
 * products are real, best-before otherwise.
 *
 * @example usualDateKind('meat') // 'use_by'; usualDateKind('bread') // 'none'; usualDateKind('dry_goods') // 'best_before'
 */
export function usualDateKind(category: Category): DateKind {
  if (USE_BY_CATEGORIES.includes(category) || category === 'dairy') return 'use_by';
  if (UNDATED_CATEGORIES.includes(category)) return 'none';
  return 'best_before';
}

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
