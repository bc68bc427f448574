/**
 * The printable route sheet: one HTML page with Finnish and English labels, times in
 * Helsinki time, a card per stop with boxes to fill in. It fits a phone (the cards stack
 * at narrow widths, nothing is wider than the screen) and A4 paper (two cards a row, none
 * split over a page). Pure: takes the route as the driver API shows it.
 */
import type { DriverRouteDto } from './drivers.schemas.ts';
import { PRINTABLE_CSS, VIEWPORT_META, escapeHtml, inlineStyle, printButton } from '../../http/html.ts';
import { count, fiDate, fiNumber, fiTime, fiWeekdayDate, placeLine, plural, vehicleLine } from '../../i18n/format.ts';

/** The route sheet's own style, allowed by its hash (see inlineStyle). */
const STYLE_TAG = inlineStyle(`
  *, *::before, *::after { box-sizing: border-box; }
  body { font: 11pt/1.4 system-ui, sans-serif; margin: 0 auto; padding: 12px; max-width: 64rem; overflow-wrap: anywhere; color: #111; }
  h1 { font-size: 15pt; margin: 0 0 .4em; }
  h2 { font-size: 12pt; margin: 0 0 .3em; }
  .en { color: #555; font-size: .85em; font-weight: normal; }
  dl { display: grid; grid-template-columns: minmax(0, 7.5em) minmax(0, 1fr); gap: .25em .8em; margin: 0 0 .5em; }
  dt { font-weight: bold; }
  dt .en { display: block; }
  .task { margin: 0 0 .4em; }
  .print { display: none; }
  dd { margin: 0; min-width: 0; }
  ol.stops { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: minmax(0, 1fr); gap: 10px; }
  .stop { border: 1px solid #444; border-radius: 6px; padding: 8px 10px; break-inside: avoid; page-break-inside: avoid; min-width: 0; }
  .seq { display: inline-block; min-width: 1.6em; text-align: center; background: #111; color: #fff; border-radius: 3px; }
  .kind { font-size: .8em; font-weight: normal; border: 1px solid #777; border-radius: 3px; padding: 0 .3em; white-space: nowrap; }
  .pickup .kind { background: #e8f1ff; } .delivery .kind { background: #eaf7e8; }
  .cold { font-size: .8em; font-weight: bold; border: 2px solid #0b4f8a; border-radius: 3px; padding: 0 .3em; white-space: nowrap; }
  .cold.frozen { background: #0b4f8a; color: #fff; }
  .changed { font-size: .8em; font-weight: bold; background: #fff3c4; border: 2px solid #8a5a00; border-radius: 3px; padding: 0 .3em; white-space: nowrap; }
  .record { margin: .3em 0 0; display: flex; flex-wrap: wrap; gap: .3em .8em; align-items: baseline; }
  .tick { font-size: 14pt; }
  .blank { display: inline-block; min-width: 4em; border-bottom: 1px solid #444; min-height: 1.2em; }
  .blank.wide { flex: 1 1 8em; }
  .button { display: inline-flex; align-items: center; min-height: 44px; padding: 0 .8em; margin: 2px 0; border: 1px solid #1a4d8f; border-radius: 6px; color: #1a4d8f; text-decoration: none; }
  .links { margin: .3em 0; display: flex; flex-wrap: wrap; gap: .4em; }
  @media (min-width: 48rem) { ol.stops { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
  @page { size: A4; margin: 12mm; }
  @media print {
    body { padding: 0; max-width: none; font-size: 9.5pt; }
    ol.stops { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 6px; }
    .screen { display: none; }
    a { color: inherit; text-decoration: none; }
    .print { display: inline; }
  }${PRINTABLE_CSS}
`);

const kg = (v: number) => `${fiNumber(v)} kg`;
/** "1 kassi / bag", "3 kassia / bags": a count in both languages of the sheet. */
const both = (n: number, fi: [string, string], en: [string, string]) => `${count('fi', n, ...fi)} / ${plural('en', n, ...en)}`;
/** A `tel:` target: what the phone dials, without the spaces and dashes people write. */
const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

type Stop = DriverRouteDto['stops'][number];

function stopCard(s: Stop): string {
  const e = escapeHtml;
  const who = [s.site.contactName, s.site.contact].filter(Boolean).map((x) => e(x!)).join(', ');
  const contact = who || s.site.phone
    ? `<dt>Yhteys <span class="en">Contact</span></dt><dd>${[who, s.site.phone ? `<span class="print">☎ ${e(s.site.phone)}</span>` : ''].filter(Boolean).join(' ')}</dd>`
    : '';
  const call = s.site.phone ? `<a class="button" href="${e(telHref(s.site.phone))}">☎ Soita <span class="en">Call</span> ${e(s.site.phone)}</a>` : '';
  const cold = s.coldChain ? ` <span class="cold ${s.coldChain}">${s.coldChain === 'frozen' ? 'pakaste / frozen' : 'kylmä / chilled'}</span>` : '';
  const changed = s.change ? ` <span class="changed">${s.change === 'added' ? 'uusi / new' : 'muuttunut / changed'}</span>` : '';
  const status = s.status === 'done' ? '✔ Tehty / Done' : s.status === 'skipped' ? '✘ Ohitettu / Skipped' : '';
  const fill = s.kind === 'pickup'
    ? '<span class="fill">Noudettu (kg) <span class="en">Collected</span> <span class="blank"></span></span>'
    : '<span class="fill">Toimitetut kassit <span class="en">Bags delivered</span> <span class="blank"></span></span>';
  return `
  <li class="stop ${s.kind}">
    <h2><span class="seq">${s.seq}</span> <span class="eta">klo ${fiTime(s.arrival)}</span> ${e(s.site.name)}
      <span class="kind">${s.kind === 'pickup' ? 'Nouto / Pickup' : 'Toimitus / Delivery'}</span>${cold}${changed}</h2>
    <p class="task"><strong>${e(s.actionFi)}</strong><br><span class="en">${e(s.action)}</span></p>
    <dl>
      <dt>Aikaikkuna <span class="en">Window</span></dt><dd>klo ${fiTime(s.windowStart)}–${fiTime(s.windowEnd)}</dd>
      <dt>Osoite <span class="en">Address</span></dt><dd>${e(placeLine(s.site.address, s.site.municipality))}</dd>
      ${contact}
      <dt>Kuorma jälkeen <span class="en">Load after</span></dt><dd>${kg(s.loadKgAfter)}, ${both(s.loadBagsAfter, ['kassi', 'kassia'], ['bag', 'bags'])}</dd>
    </dl>
    <p class="links screen"><a class="button" href="${e(s.navigationUrl)}">Navigoi <span class="en">Navigate</span></a> ${call}</p>
    <p class="record"><span class="tick">${status || '☐'}</span> ${fill}</p>
    <p class="record">Huom. <span class="en">Notes</span> <span class="blank wide">${e(s.note ?? '')}</span></p>
  </li>`;
}

export function renderRouteSheet(route: DriverRouteDto, extra: { driverName?: string; planVersion: number }): string {
  const e = escapeHtml;
  const stopsLast = route.stops.length + 1;
  const legName = (seq: number) => (seq === 0 || seq === stopsLast ? 'varasto / depot' : String(seq));
  const legs = route.navigation.map((l, i) =>
    `<a class="button" href="${e(l.url)}">Osa ${i + 1}/${route.navigation.length}: ${legName(l.fromSeq)} → ${legName(l.toSeq)}</a>`).join(' ');
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
${VIEWPORT_META}
<title>Reittikortti / Route sheet ${e(fiDate(route.date))} ${e(route.vehicle.name)}</title>
${STYLE_TAG}
</head>
<body>
${printButton('Tulosta / Print')}
<header class="head">
<h1>Reittikortti <span class="en">Route sheet</span></h1>
<dl>
  <dt>Päivä <span class="en">Date</span></dt><dd>${e(fiWeekdayDate(route.date))}</dd>
  <dt>Ajoneuvo <span class="en">Vehicle</span></dt><dd>${e(vehicleLine(route.vehicle.name, route.vehicle.refrigerated, 'kylmäauto / refrigerated'))}</dd>
  <dt>Kuljettaja <span class="en">Driver</span></dt><dd>${e(extra.driverName ?? '—')}</dd>
  <dt>Lähtö <span class="en">Departure</span></dt><dd>klo ${fiTime(route.start)} ${e(route.depot.name)}</dd>
  <dt>Paluu <span class="en">Return</span></dt><dd>klo ${fiTime(route.end)}</dd>
  <dt>Matka <span class="en">Distance</span></dt><dd>${fiNumber(route.distanceKm)} km, ${both(route.stops.length, ['pysähdys', 'pysähdystä'], ['stop', 'stops'])}</dd>
  <dt>Suunnitelma <span class="en">Plan</span></dt><dd>v${extra.planVersion}${route.replacesVersion ? ` (korvaa version ${route.replacesVersion} / replaces v${route.replacesVersion})` : ''}</dd>
</dl>
${legs ? `<p class="links screen">${legs}</p>` : ''}
</header>
<ol class="stops">${route.stops.map(stopCard).join('')}
</ol>
</body>
</html>
`;
}
