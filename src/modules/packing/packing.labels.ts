/**
 * Printable bag labels and the picking list: HTML for an A4 sheet (labels of 9 × 6 cm), in
 * Finnish with English beneath, allergens in bold. Pure: takes the bags as the API shows them.
 */
import type { Allergen, Category, TemperatureClass } from '../../domain/categories.ts';
import { finnishDate, labelFacts } from '../../domain/labels.ts';
import { escapeHtml as e, fiNumber } from '../../http/html.ts';
import { en, fi } from '../../i18n/labels.ts';

export type LabelBag = {
  id: string;
  weightKg: number;
  temperatureClass: TemperatureClass;
  earliestUseBy?: string;
  contents: { lotId: string; category: Category; kg: number; product?: string; allergens: string[]; frozenOn?: string; batch?: string }[];
};
export type Network = { name: string; phone?: string };

const STYLE = `
  @page { size: A4; margin: 1cm; }
  body { font-family: system-ui, sans-serif; font-size: 9pt; margin: 0; }
  .labels { display: flex; flex-wrap: wrap; gap: 0.3cm; }
  .label { width: 9cm; min-height: 6cm; border: 1px solid #000; padding: 0.3cm; box-sizing: border-box; page-break-inside: avoid; }
  .label h2 { font-size: 11pt; margin: 0 0 .2em; }
  .en { color: #444; }
  .warn { font-weight: bold; }
  table { border-collapse: collapse; width: 100%; margin-top: 1em; page-break-before: always; }
  th, td { border: 1px solid #444; padding: .2em .4em; text-align: left; }
`;

/** One bag's label. */
export function renderLabel(bag: LabelBag, network: Network): string {
  const facts = labelFacts(bag.temperatureClass, bag.contents.map((c) => ({
    category: c.category, temperatureClass: c.frozenOn ? 'frozen' : 'chilled', allergens: c.allergens, frozenOn: c.frozenOn ?? null,
  })));
  const items = (w: typeof fi) => bag.contents.map((c) => e(c.product ?? w.category[c.category])).join(', ');
  const allergens = (w: typeof fi) => (facts.allergens.length === 0 ? e(w.noAllergens)
    : facts.allergens.map((a: Allergen) => `<strong>${e(w.allergen[a])}</strong>`).join(', '));
  return `<section class="label" data-bag="${e(bag.id)}">
  <h2>${e(fi.title)} <span class="en">/ ${e(en.title)}</span> · ${fiNumber(bag.weightKg, 3)} kg</h2>
  <p>${e(fi.contents)}: ${items(fi)}<br><span class="en">${e(en.contents)}: ${items(en)}</span></p>
  <p>${e(fi.allergens)}: ${allergens(fi)}<br><span class="en">${e(en.allergens)}: ${allergens(en)}</span></p>
  ${bag.earliestUseBy ? `<p class="warn">${e(fi.useBy)} ${finnishDate(bag.earliestUseBy)} <span class="en">/ ${e(en.useBy)} ${finnishDate(bag.earliestUseBy)}</span></p>` : ''}
  ${facts.frozenOn ? `<p class="warn">${e(fi.frozenOn(finnishDate(facts.frozenOn)))}<br><span class="en">${e(en.frozenOn(finnishDate(facts.frozenOn)))}</span></p>` : ''}
  <p>${e(fi.storage(facts.storage.temperatureClass, facts.storage.maxC))}<br><span class="en">${e(en.storage(facts.storage.temperatureClass, facts.storage.maxC))}</span></p>
  <p>${e(network.name)}${network.phone ? ` · ☎ ${e(network.phone)}` : ''}</p>
</section>`;
}

const page = (title: string, body: string) => `<!doctype html>
<html lang="fi">
<head><meta charset="utf-8"><title>${e(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body>
</html>
`;

/** The label of one bag as a printable page. */
export function renderBagLabelPage(bag: LabelBag, network: Network): string {
  return page(`${fi.title} ${bag.id}`, `<div class="labels">${renderLabel(bag, network)}</div>`);
}

/** Every label of a packing run on A4 sheets, then the picking list: which kilos of which lot go into which bag. */
export function renderRunLabelsPage(run: { id: string; bags: LabelBag[] }, network: Network): string {
  const rows = run.bags.flatMap((b, i) => b.contents.map((c) => `<tr><td>${i + 1}</td><td>${e(c.lotId)}</td><td>${e(c.product ?? fi.category[c.category])}</td>`
    + `<td>${e(c.batch ?? '')}</td><td>${fiNumber(c.kg, 3)}</td></tr>`)).join('\n');
  return page(`${fi.pickingList} ${run.id}`, `<div class="labels">${run.bags.map((b) => renderLabel(b, network)).join('\n')}</div>
<table>
<caption>${e(fi.pickingList)} / ${e(en.pickingList)}</caption>
<thead><tr><th>${e(fi.bag)}</th><th>${e(fi.lot)}</th><th>${e(fi.product)}</th><th>batch</th><th>${e(fi.kg)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`);
}
