/**
 * What a bag's label must say (docs/food-safety.md, "product information and labels"; Ruokavirasto
 * *Ruoka-apuohje*: frozen food handed out frozen, with its freezing date): the allergens of
 * everything inside (EU 1169/2011 Annex II), the earliest use-by, the earliest freezing date
 * ("Pakastettu pp.kk.vvvv – ei saa pakastaa uudelleen") and how the bag must be kept. Pure.
 */
import { ALLERGENS, type Allergen, type Category, type TemperatureClass } from './categories.ts';
import type { LocalDate } from './dates.ts';
import { chilledMaxC, FROZEN_TARGET_C } from './food-safety.ts';

/**
 * One content of a bag as its label sees it. `allergens` null: nobody stated them at intake
 * (unknown, not "none"). `frozenOnKnown` false: `frozenOn` is only the day it was received.
 */
export type LabelContent = {
  category: Category; temperatureClass: TemperatureClass; allergens: readonly string[] | null; frozenOn: LocalDate | null; frozenOnKnown?: boolean;
};

export type LabelFacts = {
  /** In Annex II order, each once. */
  allergens: Allergen[];
  /**
   * Some content's allergens are unknown: the label says to check the products' packaging and
   * never "no declared allergens" (that is said only when every content declared none).
   */
  allergensUnknown: boolean;
  /** The earliest known freezing date among frozen contents: the label says "do not refreeze". */
  frozenOn: LocalDate | null;
  /**
   * Some frozen content's freezing date is not known (chilled food received frozen without the
   * donor's date): the label says so instead of printing the day it was received.
   */
  frozenOnUnknown: boolean;
  /** How to keep the bag: ambient, chilled at most `maxC`, or frozen at `maxC` (−18 °C) or colder. */
  storage: { temperatureClass: TemperatureClass; maxC: number | null };
};

/**
 * The facts of one bag's label from its contents. A chilled bag is kept at the lowest limit of
 * what is in it (+3 °C with fish, +4 °C with minced meat, else +6 °C).
 *
 * @example labelFacts('chilled', [{ category: 'fish', temperatureClass: 'chilled', allergens: ['fish'], frozenOn: null }])
 *   // { allergens: ['fish'], allergensUnknown: false, frozenOn: null, frozenOnUnknown: false, storage: { temperatureClass: 'chilled', maxC: 3 } }
 */
export function labelFacts(bagClass: TemperatureClass, contents: readonly LabelContent[]): LabelFacts {
  const present = new Set(contents.flatMap((c) => c.allergens ?? []));
  const frozenContents = contents.filter((c) => c.temperatureClass === 'frozen' && c.frozenOn !== null);
  const frozen = frozenContents.filter((c) => c.frozenOnKnown !== false).map((c) => c.frozenOn!).sort();
  const chilled = contents.filter((c) => c.temperatureClass === 'chilled').map((c) => chilledMaxC(c.category));
  const maxC = bagClass === 'frozen' ? FROZEN_TARGET_C : bagClass === 'chilled' ? Math.min(6, ...chilled) : null;
  return {
    allergens: ALLERGENS.filter((a) => present.has(a)),
    allergensUnknown: contents.some((c) => c.allergens === null),
    frozenOn: frozen[0] ?? null,
    frozenOnUnknown: frozenContents.some((c) => c.frozenOnKnown === false),
    storage: { temperatureClass: bagClass, maxC },
  };
}

/**
 * A date as a Finnish label writes it, `pp.kk.vvvv`.
 *
 * @example finnishDate('2026-03-09') // '09.03.2026'
 */
export function finnishDate(date: LocalDate): string {
  return `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;
}

/**
 * The short code a volunteer matches a lot by: the stock screen, the picking list and its
 * printable page all show it beside the lot's product, unit and date. It is the first eight
 * hex digits of the lot's id, upper case, in two groups of four (easy to read aloud and to
 * write on a crate). Two of a depot's 3,000 lots share a code with a chance of about 0.1 %
 * (3,000² / 2³³), and even then the product, unit and date beside it tell them apart.
 *
 * @example lotCode('3f2a91c0-5d4e-4b1a-9c2d-0e8f7a6b5c4d') // '3F2A-91C0'
 */
export function lotCode(lotId: string): string {
  const hex = lotId.replace(/-/g, '').slice(0, 8).toUpperCase();
  return `${hex.slice(0, 4)}-${hex.slice(4)}`;
}
