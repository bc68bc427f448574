/**
 * The printable route sheet: one HTML page with Finnish and English labels, times in
 * Helsinki time, a tick box per stop. Pure: takes the route as the driver API shows it.
 */
import type { DriverRouteDto } from './drivers.schemas.ts';
import { TIME_ZONE } from '../../domain/dates.ts';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]!));

/** `HH:mm` in Helsinki time. Example: `hhmm('2030-08-13T05:00:00.000Z')` is `'08:00'`. */
export function hhmm(iso: string): string {
  return new Date(iso).toLocaleTimeString('fi-FI', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).replace('.', ':');
}

const kg = (v: number) => `${Number(v.toFixed(1)).toLocaleString('fi-FI')} kg`;

export function renderRouteSheet(route: DriverRouteDto, extra: { driverName?: string; planVersion: number }): string {
  const e = escapeHtml;
  const rows = route.stops.map((s) => `
      <tr>
        <td class="n">${s.seq}</td>
        <td>${hhmm(s.arrival)}</td>
        <td>${hhmm(s.windowStart)}–${hhmm(s.windowEnd)}</td>
        <td><strong>${e(s.site.name)}</strong><br>${e(s.site.address || s.site.municipality)}${s.site.contact ? `<br>☎ ${e(s.site.contact)}` : ''}</td>
        <td>${s.kind === 'pickup' ? 'Nouto / Pickup' : 'Toimitus / Delivery'}</td>
        <td>${e(s.actionFi)}<br><span class="en">${e(s.action)}</span></td>
        <td>${kg(s.loadKgAfter)}, ${s.loadBagsAfter}</td>
        <td class="tick">${s.status === 'done' ? '✔' : '☐'}</td>
        <td class="notes"></td>
      </tr>`).join('');
  return `<!doctype html>
<html lang="fi">
<head>
<meta charset="utf-8">
<title>Reittikortti / Route sheet ${e(route.date)} ${e(route.vehicle.name)}</title>
<style>
  body { font-family: system-ui, sans-serif; font-size: 11pt; margin: 1.5cm; }
  h1 { font-size: 16pt; margin: 0 0 .3em; }
  dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; margin: 0 0 1em; }
  dt { font-weight: bold; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #444; padding: .3em .4em; vertical-align: top; text-align: left; }
  th { background: #eee; }
  .en { color: #555; font-size: 9pt; }
  .n, .tick { text-align: center; }
  .tick { font-size: 16pt; }
  .notes { min-width: 6em; }
  @media print { body { margin: 0; } a { color: inherit; text-decoration: none; } tr { page-break-inside: avoid; } }
</style>
</head>
<body>
<h1>Reittikortti / Route sheet</h1>
<dl>
  <dt>Päivä / Date</dt><dd>${e(route.date)}</dd>
  <dt>Ajoneuvo / Vehicle</dt><dd>${e(route.vehicle.name)}${route.vehicle.refrigerated ? ' (kylmä / refrigerated)' : ''}</dd>
  <dt>Kuljettaja / Driver</dt><dd>${e(extra.driverName ?? '—')}</dd>
  <dt>Lähtö / Departure</dt><dd>${hhmm(route.start)} ${e(route.depot.name)}</dd>
  <dt>Paluu / Return</dt><dd>${hhmm(route.end)}</dd>
  <dt>Matka / Distance</dt><dd>${Number(route.distanceKm.toFixed(1)).toLocaleString('fi-FI')} km</dd>
  <dt>Suunnitelma / Plan</dt><dd>v${extra.planVersion}</dd>
  <dt>Kartta / Map</dt><dd><a href="${e(route.mapUrl)}">${e(route.mapUrl)}</a></dd>
</dl>
<table>
  <thead>
    <tr>
      <th>#</th><th>Arvioitu aika / ETA</th><th>Aikaikkuna / Window</th><th>Paikka / Place</th><th>Tyyppi / Kind</th>
      <th>Tehtävä / Task</th><th>Kuorma jälkeen / Load after (kg, kassit / bags)</th><th>Tehty / Done</th><th>Huom. / Notes</th>
    </tr>
  </thead>
  <tbody>${rows}
  </tbody>
</table>
</body>
</html>
`;
}
