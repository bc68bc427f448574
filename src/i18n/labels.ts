/**
 * The words printed on bag labels and the picking list, Finnish first; the `LabelWords` type
 * makes the type checker fail when a word is missing in either language.
 */
import type { Allergen, Category, DateKind, TemperatureClass } from '../domain/categories.ts';
import { catalogues } from './messages.ts';
import { celsius } from './format.ts';

export interface LabelWords {
  title: string;
  /** The printable page's print button. */
  print: string;
  contents: string;
  allergens: string;
  noAllergens: string;
  /** Some content's allergens were not stated at intake. */
  allergensUnknown: string;
  /** Some frozen content's freezing date is not known. */
  frozenOnUnknown: string;
  useBy: string;
  /** "Jaettava viimeistään 8.12.2026": the bag's `handOutBy`. */
  handOutBy: (date: string) => string;
  frozenOn: (date: string) => string;
  storage: (cls: TemperatureClass, maxC: number | null) => string;
  pickingList: string;
  /** The picking list's first table: what to take off which shelf. */
  fromShelves: string;
  /** Its second table: which kilos of which lot into which bag. */
  intoBags: string;
  bag: string;
  lot: string;
  product: string;
  storageUnit: string;
  date: string;
  batch: string;
  kg: string;
  frozenOnShort: (date: string) => string;
  frozenOnUnknownShort: string;
  dateKind: Record<DateKind, string>;
  category: Record<Category, string>;
  allergen: Record<Allergen, string>;
}

export const fi: LabelWords = {
  title: 'Ruoka-apukassi',
  print: 'Tulosta',
  contents: 'Sisältö',
  allergens: 'Allergeenit',
  noAllergens: 'ei ilmoitettuja allergeeneja',
  allergensUnknown: 'tarkista tuotteiden pakkauksista',
  frozenOnUnknown: 'Pakastuspäivä ei tiedossa – ei saa pakastaa uudelleen',
  useBy: 'Viimeinen käyttöpäivä',
  handOutBy: (date) => `Jaettava viimeistään ${date}`,
  frozenOn: (date) => `Pakastettu ${date} – ei saa pakastaa uudelleen`,
  storage: (cls, maxC) => (cls === 'frozen' ? `Säilytä pakastettuna ${celsius(maxC!)} tai kylmempänä` : cls === 'chilled' ? `Säilytä kylmässä, enintään ${celsius(maxC!)}` : 'Säilytä huoneenlämmössä'),
  pickingList: 'Keräilylista',
  fromShelves: 'Hae hyllyistä',
  intoBags: 'Kasseihin',
  bag: 'Kassi',
  lot: 'Erä',
  product: 'Tuote',
  storageUnit: 'Säilytystila',
  date: 'Päiväys',
  batch: 'Valmistuserä',
  kg: 'kg',
  frozenOnShort: (date) => `pakastettu ${date}`,
  frozenOnUnknownShort: 'pakastuspäivä ei tiedossa',
  dateKind: catalogues.fi.terms.dateKind,
  category: catalogues.fi.terms.category,
  allergen: {
    gluten: 'gluteenia sisältävät viljat', crustaceans: 'äyriäiset', eggs: 'kananmuna', fish: 'kala', peanuts: 'maapähkinä', soybeans: 'soija', milk: 'maito',
    nuts: 'pähkinät', celery: 'selleri', mustard: 'sinappi', sesame: 'seesami', sulphites: 'rikkidioksidi ja sulfiitit', lupin: 'lupiini', molluscs: 'nilviäiset',
  },
};

export const en: LabelWords = {
  title: 'Food-aid bag',
  print: 'Print',
  contents: 'Contents',
  allergens: 'Allergens',
  noAllergens: 'no declared allergens',
  allergensUnknown: "check the products' packaging",
  frozenOnUnknown: 'Freezing date not known – do not refreeze',
  useBy: 'Use by',
  handOutBy: (date) => `Hand out by ${date}`,
  frozenOn: (date) => `Frozen on ${date} – do not refreeze`,
  storage: (cls, maxC) => (cls === 'frozen' ? `Keep frozen at ${celsius(maxC!)} or colder` : cls === 'chilled' ? `Keep chilled at ${celsius(maxC!)} at most` : 'Keep at room temperature'),
  pickingList: 'Picking list',
  fromShelves: 'Take from the shelves',
  intoBags: 'Into the bags',
  bag: 'Bag',
  lot: 'Lot',
  product: 'Product',
  storageUnit: 'Storage unit',
  date: 'Date',
  batch: 'Batch',
  kg: 'kg',
  frozenOnShort: (date) => `frozen on ${date}`,
  frozenOnUnknownShort: 'freezing date not known',
  dateKind: catalogues.en.terms.dateKind,
  category: catalogues.en.terms.category,
  allergen: {
    gluten: 'cereals containing gluten', crustaceans: 'crustaceans', eggs: 'eggs', fish: 'fish', peanuts: 'peanuts', soybeans: 'soybeans', milk: 'milk',
    nuts: 'nuts', celery: 'celery', mustard: 'mustard', sesame: 'sesame', sulphites: 'sulphur dioxide and sulphites', lupin: 'lupin', molluscs: 'molluscs',
  },
};
