/**
 * The words printed on bag labels and the picking list, Finnish first; the `LabelWords` type
 * makes the type checker fail when a word is missing in either language.
 */
import type { Allergen, Category, TemperatureClass } from '../domain/categories.ts';
import { catalogues } from './messages.ts';

export interface LabelWords {
  title: string;
  contents: string;
  allergens: string;
  noAllergens: string;
  useBy: string;
  frozenOn: (date: string) => string;
  storage: (cls: TemperatureClass, maxC: number | null) => string;
  pickingList: string;
  bag: string;
  lot: string;
  product: string;
  kg: string;
  category: Record<Category, string>;
  allergen: Record<Allergen, string>;
}

const c = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n)} °C`;

export const fi: LabelWords = {
  title: 'Ruoka-apukassi',
  contents: 'Sisältö',
  allergens: 'Allergeenit',
  noAllergens: 'ei ilmoitettuja allergeeneja',
  useBy: 'Viimeinen käyttöpäivä',
  frozenOn: (date) => `Pakastettu ${date} – ei saa pakastaa uudelleen`,
  storage: (cls, maxC) => (cls === 'frozen' ? `Säilytä pakastettuna ${c(maxC!)} tai kylmempänä` : cls === 'chilled' ? `Säilytä kylmässä, enintään ${c(maxC!)}` : 'Säilytä huoneenlämmössä'),
  pickingList: 'Keräilylista',
  bag: 'Kassi',
  lot: 'Erä',
  product: 'Tuote',
  kg: 'kg',
  category: catalogues.fi.terms.category,
  allergen: {
    gluten: 'gluteenia sisältävät viljat', crustaceans: 'äyriäiset', eggs: 'kananmuna', fish: 'kala', peanuts: 'maapähkinä', soybeans: 'soija', milk: 'maito',
    nuts: 'pähkinät', celery: 'selleri', mustard: 'sinappi', sesame: 'seesami', sulphites: 'rikkidioksidi ja sulfiitit', lupin: 'lupiini', molluscs: 'nilviäiset',
  },
};

export const en: LabelWords = {
  title: 'Food-aid bag',
  contents: 'Contents',
  allergens: 'Allergens',
  noAllergens: 'no declared allergens',
  useBy: 'Use by',
  frozenOn: (date) => `Frozen on ${date} – do not refreeze`,
  storage: (cls, maxC) => (cls === 'frozen' ? `Keep frozen at ${c(maxC!)} or colder` : cls === 'chilled' ? `Keep chilled at ${c(maxC!)} at most` : 'Keep at room temperature'),
  pickingList: 'Picking list',
  bag: 'Bag',
  lot: 'Lot',
  product: 'Product',
  kg: 'kg',
  category: catalogues.en.terms.category,
  allergen: {
    gluten: 'cereals containing gluten', crustaceans: 'crustaceans', eggs: 'eggs', fish: 'fish', peanuts: 'peanuts', soybeans: 'soybeans', milk: 'milk',
    nuts: 'nuts', celery: 'celery', mustard: 'mustard', sesame: 'sesame', sulphites: 'sulphur dioxide and sulphites', lupin: 'lupin', molluscs: 'molluscs',
  },
};
