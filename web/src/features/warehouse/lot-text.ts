import type { ApiAnswer, ApiItem } from '../../api/types.ts';
import { t } from '../../i18n/index.ts';
import { formatDate } from '../../lib/format.ts';

/**
 * What finds a lot on its shelf; the stock screen, the alerts and the picking list show the same.
 * `packableUntil` is the API's: the day the lot counts as expiring by (a frozen lot by its frozen shelf life).
 */
type Held = ApiAnswer<'/alerts'>['holds'][number];
export type LotFacts = Pick<Held, 'code' | 'category' | 'product' | 'dateKind' | 'date'> & Partial<Pick<Held, 'packableUntil'> & Pick<ApiItem<'/lots'>, 'frozenOn'>>;

/** `Erä 3F2A-91C0 · Kevytmaito 1 l (Maitotuotteet)`: the lot's code and what it is. */
export function lotName(l: LotFacts): string {
  const d = t.value;
  const category = d.terms.category[l.category] ?? l.category;
  return `${d.warehouse.lot} ${l.code} · ${l.product ? `${l.product} (${category})` : category}`;
}

/**
 * `viimeinen käyttöpäivä 3.12.2026 · Cold room`: the lot's date (and freezing date) and where it
 * is kept; beside the package's date the day it may really be packed until, when that differs
 * (food frozen in time).
 */
export function lotPlace(l: LotFacts, unitName: string): string {
  const d = t.value;
  const date = l.date && l.dateKind !== 'none' ? `${d.terms.dateKind[l.dateKind]} ${formatDate(l.date)}` : '';
  const frozen = l.frozenOn ? d.warehouse.frozenOnShort(formatDate(l.frozenOn)) : '';
  const until = l.packableUntil && l.packableUntil !== l.date ? d.warehouse.packableUntil(formatDate(l.packableUntil)) : '';
  return [date, frozen, until, unitName].filter((x) => x !== '').join(' · ');
}
