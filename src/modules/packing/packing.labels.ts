/**
 * Printable bag labels and the picking list: HTML for an A4 sheet (labels of 9 × 6 cm), in
 * Finnish with English beneath, allergens in bold. Pure: takes the bags as the API shows them.
 */
import type { Allergen, Category, DateKind, TemperatureClass } from '../../domain/categories.ts';
import { finnishDate, labelFacts } from '../../domain/labels.ts';
import { PRINTABLE_CSS, VIEWPORT_META, escapeHtml as e, inlineStyle, printButton } from '../../http/html.ts';
import { fiDate, fiNumber } from '../../i18n/format.ts';
import { en, fi } from '../../i18n/labels.ts';

export type LabelBag = {
  id: string;
  weightKg: number;
  temperatureClass: TemperatureClass;
  earliestUseBy?: string;
  handOutBy: string | null;
  contents: {
    lotId: string; lotCode: string; category: Category; kg: number; product?: string; allergens: string[] | null; frozenOn?: string; frozenOnKnown?: boolean; batch?: string;
  }[];
};
/** One lot of a run's picking list: the kilos to take and what finds it on its shelf. */
export type PickLot = {
  code: string; kg: number; category: Category; product?: string; batch?: string; dateKind: string; date: string | null; frozenOn?: string; frozenOnKnown?: boolean;
  storageUnitName: string;
};
export type Network = { name: string; phone?: string };

const STYLE = `
  @page { size: A4; margin: 1cm; }
  *, *::before, *::after { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; font-size: 11pt; margin: 0; padding: 12px; overflow-wrap: anywhere; }
  .labels { display: flex; flex-wrap: wrap; gap: 0.3cm; }
  .label { width: 9cm; max-width: 100%; min-height: 6cm; border: 1px solid #000; padding: 0.3cm; page-break-inside: avoid; break-inside: avoid; }
  .label h2 { font-size: 11pt; margin: 0 0 .2em; }
  .en { color: #444; }
  .warn { font-weight: bold; }
  .picking { page-break-before: always; }
  .picking h1 { font-size: 13pt; }
  table { border-collapse: collapse; width: 100%; margin: .5em 0 1.5em; }
  caption { text-align: left; font-weight: bold; font-size: 11pt; }
  th, td { border: 1px solid #444; padding: .2em .4em; text-align: left; }
  td.kg { text-align: right; white-space: nowrap; }
  .code { font-family: ui-monospace, monospace; font-weight: bold; }
  @media print { body { font-size: 9pt; padding: 0; } }${PRINTABLE_CSS}
`;
const STYLE_TAG = inlineStyle(STYLE);

/** One bag's label. */
export function renderLabel(bag: LabelBag, network: Network): string {
  const facts = labelFacts(bag.temperatureClass, bag.contents.map((c) => ({
    category: c.category, temperatureClass: c.frozenOn ? 'frozen' : 'chilled', allergens: c.allergens, frozenOn: c.frozenOn ?? null, frozenOnKnown: c.frozenOnKnown,
  })));
  const items = (w: typeof fi) => bag.contents.map((c) => e(c.product ?? w.category[c.category])).join(', ');
  // "No declared allergens" only when every content declared none; any unknown content sends the reader to the packages.
  const allergens = (w: typeof fi) => {
    const listed = facts.allergens.map((a: Allergen) => `<strong>${e(w.allergen[a])}</strong>`).join(', ');
    if (facts.allergensUnknown) return listed ? `${listed}; ${e(w.allergensUnknown)}` : `<strong>${e(w.allergensUnknown)}</strong>`;
    return listed || e(w.noAllergens);
  };
  return `<section class="label" data-bag="${e(bag.id)}">
  <h2>${e(fi.title)} <span class="en">/ ${e(en.title)}</span> · ${fiNumber(bag.weightKg, 3)} kg</h2>
  <p>${e(fi.contents)}: ${items(fi)}<br><span class="en">${e(en.contents)}: ${items(en)}</span></p>
  <p>${e(fi.allergens)}: ${allergens(fi)}<br><span class="en">${e(en.allergens)}: ${allergens(en)}</span></p>
  ${bag.earliestUseBy ? `<p class="warn">${e(fi.useBy)} ${finnishDate(bag.earliestUseBy)} <span class="en">/ ${e(en.useBy)} ${finnishDate(bag.earliestUseBy)}</span></p>` : ''}
  ${bag.handOutBy ? `<p class="warn">${e(fi.handOutBy(fiDate(bag.handOutBy)))} <span class="en">/ ${e(en.handOutBy(fiDate(bag.handOutBy)))}</span></p>` : ''}
  ${facts.frozenOn ? `<p class="warn">${e(fi.frozenOn(finnishDate(facts.frozenOn)))}<br><span class="en">${e(en.frozenOn(finnishDate(facts.frozenOn)))}</span></p>` : ''}
  ${facts.frozenOnUnknown ? `<p class="warn">${e(fi.frozenOnUnknown)}<br><span class="en">${e(en.frozenOnUnknown)}</span></p>` : ''}
  <p>${e(fi.storage(facts.storage.temperatureClass, facts.storage.maxC))}<br><span class="en">${e(en.storage(facts.storage.temperatureClass, facts.storage.maxC))}</span></p>
  <p>${e(network.name)}${network.phone ? ` · ☎ ${e(network.phone)}` : ''}</p>
</section>`;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="fi">
<head><meta charset="utf-8">${VIEWPORT_META}<title>${e(title)}</title>${STYLE_TAG}</head>
<body>
${printButton(`${fi.print} / ${en.print}`)}
${body}
</body>
</html>
`;

/** The label of one bag as a printable page. */
export function renderBagLabelPage(bag: LabelBag, network: Network): string {
  return page(`${fi.title} ${bag.id}`, `<div class="labels">${renderLabel(bag, network)}</div>`);
}

/** What a volunteer reads to find a lot: its product (with the category), or the category alone. */
const what = (c: { product?: string; category: Category }) => (c.product ? `${c.product} (${fi.category[c.category]})` : fi.category[c.category]);

/** A lot's date as the picking list prints it: its kind and the date, and the freezing date of a frozen lot. */
function dateOf(l: PickLot): string {
  const kind = l.dateKind as DateKind;
  const date = l.date && kind !== 'none' ? `${fi.dateKind[kind]} ${finnishDate(l.date)}` : fi.dateKind.none;
  if (!l.frozenOn) return date;
  return l.frozenOnKnown === false ? `${date}, ${fi.frozenOnUnknownShort}` : `${date}, ${fi.frozenOnShort(finnishDate(l.frozenOn))}`;
}

/**
 * Every label of a packing run on A4 sheets, then the picking list: first what to take off
 * which shelf (each lot by its code, as the stock screen shows it, with product, storage unit,
 * date and kilos), then which kilos of which lot go into which bag.
 */
export function renderRunLabelsPage(run: { id: string; bags: LabelBag[]; lots: PickLot[] }, network: Network): string {
  const code = (c: string) => `<span class="code">${e(c)}</span>`;
  // Each cell names its column for a phone, where a row reads as a card (table.stack).
  const td = (th: string, html: string, cls = '') => `<td${cls ? ` class="${cls}"` : ''} data-th="${e(th)}">${html}</td>`;
  const shelves = run.lots.map((l) => `<tr>${td(fi.lot, code(l.code))}${td(fi.product, e(what(l)))}${td(fi.storageUnit, e(l.storageUnitName))}${td(fi.date, e(dateOf(l)))}`
    + `${td(fi.batch, e(l.batch ?? ''))}${td(fi.kg, fiNumber(l.kg, 3), 'kg')}</tr>`).join('\n');
  const bags = run.bags.flatMap((b, i) => b.contents.map((c) => `<tr>${td(fi.bag, String(i + 1))}${td(fi.lot, code(c.lotCode))}${td(fi.product, e(what(c)))}`
    + `${td(fi.kg, fiNumber(c.kg, 3), 'kg')}</tr>`)).join('\n');
  const head = (...cells: string[]) => `<thead><tr>${cells.map((c) => `<th>${e(c)}</th>`).join('')}</tr></thead>`;
  return page(`${fi.pickingList} ${run.id}`, `<div class="labels">${run.bags.map((b) => renderLabel(b, network)).join('\n')}</div>
<section class="picking">
<h1>${e(fi.pickingList)} <span class="en">/ ${e(en.pickingList)}</span></h1>
<table class="shelves stack">
<caption>${e(fi.fromShelves)} <span class="en">/ ${e(en.fromShelves)}</span></caption>
${head(fi.lot, fi.product, fi.storageUnit, fi.date, fi.batch, fi.kg)}
<tbody>
${shelves}
</tbody>
</table>
<table class="bags stack">
<caption>${e(fi.intoBags)} <span class="en">/ ${e(en.intoBags)}</span></caption>
${head(fi.bag, fi.lot, fi.product, fi.kg)}
<tbody>
${bags}
</tbody>
</table>
</section>`);
}
