import { session } from '../../../lib/session.ts';

/** `GET /reports/chart.svg?…`: the chart as an image address (a data URL), null when the server gives none. */
export async function getReportChart(query: string): Promise<string | null> {
  const svg = await fetch(`/reports/chart.svg?${query}`, { headers: { authorization: `Bearer ${session.value?.token ?? ''}` } });
  return svg.ok ? `data:image/svg+xml;base64,${btoa(unescape(encodeURIComponent(await svg.text())))}` : null;
}
