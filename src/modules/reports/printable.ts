/**
 * The printable pages: the funder's report (with its chart) and the donor's certificate.
 * Pure renderers over the reports' JSON, in Finnish by default, words from the message
 * catalogue (`report`), numbers in Finnish style.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORIES, type Category } from '../../domain/categories.ts';
import { gramsToKg, kgToGrams, sumGrams } from '../../domain/weight.ts';
import { PRINTABLE_CSS, VIEWPORT_META, escapeHtml as e, inlineStyle, printButton } from '../../http/html.ts';
import { fiNumber, fiPeriod, monthName } from '../../i18n/format.ts';
import { SERVED_COLUMNS } from './funder.service.ts';
import { catalogues, type Lang, type Messages } from '../../i18n/messages.ts';
import { renderSvg } from './reports.chart.ts';
import type { Certificate, FunderReport } from './reports.schemas.ts';

const STYLE = `
  *, *::before, *::after { box-sizing: border-box; }
  body { font-family: system-ui, sans-serif; font-size: 11pt; margin: 0 auto; padding: 12px; max-width: 60rem; color: #111; overflow-wrap: anywhere; }
  h1 { font-size: 18pt; margin: 0 0 .2em; }
  h2 { font-size: 13pt; margin: 1.2em 0 .4em; }
  table { border-collapse: collapse; margin: .4em 0 1em; }
  th, td { border: 1px solid #666; padding: .25em .5em; text-align: left; }
  td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  th { background: #eee; }
  .note { color: #444; font-size: 10pt; }
  figure { margin: 1em 0; }
  @page { size: A4; margin: 1.5cm; }
  @media print { body { padding: 0; max-width: none; } }${PRINTABLE_CSS}`;
const STYLE_TAG = inlineStyle(STYLE);

type ReportMessages = Messages['report'];

function page(lang: Lang, title: string, body: string): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
${VIEWPORT_META}
<title>${e(title)}</title>
${STYLE_TAG}
</head>
<body>
${printButton(catalogues[lang].report.print)}
${body}
</body>
</html>
`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A figure's cell; `th` names its column where a phone shows the row as a card (`table.stack`). */
const num = (v: number, th?: string) => `<td class="n"${th ? ` data-th="${e(th)}"` : ''}>${fiNumber(v, 3)}</td>`;
const periodOf = (m: ReportMessages, r: { from: string; to: string }) => `<p>${e(m.period)}: ${e(fiPeriod(r.from, r.to))}</p>`;

/** The chart of the funder's page: households served and bags delivered per organisation. */
export function funderChartSpec(r: FunderReport, m: ReportMessages): TopLevelSpec {
  const values = r.byOrganisation.flatMap((o) => [
    { organisation: o.name ?? m.noOrganisation, figure: m.households, value: o.households },
    { organisation: o.name ?? m.noOrganisation, figure: m.bagsDelivered, value: o.bagsDelivered },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: m.chartTitle,
    data: { values },
    mark: { type: 'bar' },
    width: 560,
    height: 200,
    encoding: {
      x: { field: 'organisation', type: 'nominal', title: m.organisation, axis: { labelAngle: 0 } },
      xOffset: { field: 'figure', type: 'nominal' },
      y: { field: 'value', type: 'quantitative', title: null },
      color: { field: 'figure', type: 'nominal', title: null },
    },
    config: { font: 'sans-serif' },
  } as TopLevelSpec;
}

/** The funder's report as a printable page with its chart (an inline SVG, no scripts). */
export async function renderFunderPage(r: FunderReport, lang: Lang): Promise<string> {
  const m = catalogues[lang].report;
  const figures = (['kgIn', 'kgOut', 'kgDiscarded', 'bagsPacked', 'bagsDelivered', 'bagsHandedOut', 'households', 'persons', 'children', 'seniors',
    'distributions', 'organisationsActive', 'pointsActive', 'volunteersActive', 'volunteerHours', 'newVolunteers'] as const)
    .map((k) => `<tr><th>${e(m[k])}</th>${num(r[k])}</tr>`).join('\n');
  const orgRows = r.byOrganisation.map((o) => `<tr><th scope="row">${e(o.name ?? m.noOrganisation)}${o.foodAidRegistered ? '' : ` <strong>(${e(m.notRegistered)})</strong>`}</th>${SERVED_COLUMNS.map((c) => num(o[c], m[c])).join('')}</tr>`).join('\n');
  const chart = r.byOrganisation.length ? `<figure>${await renderSvg(funderChartSpec(r, m))}</figure>` : '';
  return page(lang, `${m.funderTitle} ${fiPeriod(r.from, r.to)}`, `<h1>${e(m.funderTitle)}</h1>
${periodOf(m, r)}
<p class="note">${e(m.funderIntro)}</p>
<table>
<thead><tr><th>${e(m.figure)}</th><th class="n">${e(m.value)}</th></tr></thead>
<tbody>
${figures}
</tbody>
</table>
<h2>${e(m.byOrganisation)}</h2>
<table class="stack">
<thead><tr><th>${e(m.organisation)}</th>${SERVED_COLUMNS.map((c) => `<th class="n">${e(m[c])}</th>`).join('')}</tr></thead>
<tbody>
${orgRows}
</tbody>
</table>
${chart}`);
}

/** The donor's certificate as a printable page: kilos by category and month, refusals, CO₂e with its factor and source. */
export function renderCertificatePage(c: Certificate, lang: Lang): string {
  const m = catalogues[lang].report;
  const categoryName = (cat: Category) => capitalise(catalogues[lang].terms.category[cat]);
  const months = [...new Set(c.months.map((x) => x.month))];
  const categories = CATEGORIES.filter((cat) => c.byCategory.some((b) => b.category === cat));
  const cell = (month: string, cat: Category) => c.months.find((x) => x.month === month && x.category === cat)?.kgReceived ?? 0;
  const monthTotal = (month: string) => gramsToKg(sumGrams(c.months.filter((x) => x.month === month).map((x) => kgToGrams(x.kgReceived))));
  const table = months.length === 0 ? `<p>${e(m.nothingReceived)}</p>` : `<table class="stack">
<thead><tr><th>${e(m.category)}</th>${months.map((mo) => `<th class="n">${e(monthName(mo, lang))}</th>`).join('')}<th class="n">${e(m.total)}</th></tr></thead>
<tbody>
${categories.map((cat) => `<tr><th scope="row">${e(categoryName(cat))}</th>${months.map((mo) => num(cell(mo, cat), monthName(mo, lang))).join('')}${num(c.byCategory.find((b) => b.category === cat)!.kgReceived, m.total)}</tr>`).join('\n')}
<tr><th scope="row">${e(m.total)}</th>${months.map((mo) => num(monthTotal(mo), monthName(mo, lang))).join('')}${num(c.kgReceived, m.total)}</tr>
</tbody>
</table>`;
  return page(lang, `${m.certificateTitle} – ${c.donorName}`, `<h1>${e(m.certificateTitle)}</h1>
<p><strong>${e(m.donor)}:</strong> ${e(c.donorName)}</p>
${periodOf(m, c)}
<p>${e(m.certificateIntro(c.donorName))}</p>
<h2>${e(m.kgReceived)}</h2>
${table}
<table>
<tbody>
<tr><th>${e(m.kgReceived)}</th>${num(c.kgReceived)}</tr>
<tr><th>${e(m.kgRefused)}</th>${num(c.kgRefused)}</tr>
${c.refusedByReason.map((r) => `<tr><td>– ${e(m.refusalReasons[r.reason])}</td>${num(r.kgRefused)}</tr>`).join('\n')}
<tr><th>${e(m.co2eAvoided)}</th>${num(c.co2eAvoidedKg)}</tr>
</tbody>
</table>
<p class="note">${e(m.co2eBasis(fiNumber(c.co2eFactorKgPerKg, 2)))} ${e(m.co2eDerivation)}<br>${e(m.co2eSource)}: ${e(c.co2eFactorSource)}</p>`);
}
