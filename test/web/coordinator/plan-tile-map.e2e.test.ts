/// <reference lib="dom" />
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import type { seedNetwork } from '../../helpers/fixtures.ts';
import { overlappingPairs, seedShopsAtOnePlace } from './shops-at-one-place.ts';

/** A 1 × 1 green PNG: what the tile server answers for every tile. */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwAFhgGAqkUO8QAAAABJRU5ErkJggg==', 'base64');

/** A tile server of its own on another origin than the app: any /z/x/y.png is the tile above, and it counts them. */
async function startTileServer() {
  const served: string[] = [];
  const server = createServer((req, res) => {
    if (!/^\/\d+\/\d+\/\d+\.png$/.test(req.url ?? '')) { res.writeHead(404).end(); return; }
    served.push(req.url!);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': TILE.length }).end(TILE);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served, close: () => new Promise((r) => server.close(r)) };
}

const tiles = await startTileServer();

/** Every script and stylesheet a browser context fetched (the page's and its service worker's). */
function fetchedAssets(context: BrowserContext): string[] {
  const urls: string[] = [];
  context.on('request', (r) => { if (/\/assets\//.test(r.url())) urls.push(r.url()); });
  return urls;
}
const LEAFLET_CHUNK = /\/assets\/(tile-map|leaflet)-/;

/**
 * The plan's map on real tiles (MAP_TILE_URL set), on a 360 px phone: three shops in one
 * shopping centre are three stops at one place, and all three markers show on the tiles, none
 * over another, each opening its stop's name when tapped; the tiles' attribution shows; the
 * page keeps its content security policy; Leaflet is fetched for the coordinator only.
 */
describe('the coordinator’s plan map on tiles', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200', MAP_TILE_URL: `${tiles.url}/{z}/{x}/{y}.png` } });
  afterAll(() => tiles.close());
  beforeAll(async () => {
    const net = await seedShopsAtOnePlace(world.ctx);
    Object.assign(world, { net });
  });

  it('draws the routes on the tiles with every stop visible and tappable, the attribution shown, and no policy violation', async () => {
    const { net } = world as unknown as { net: Awaited<ReturnType<typeof seedNetwork>> };
    const context = await world.browser.newContext(PHONE);
    const assets = fetchedAssets(context);
    const refused: string[] = [];
    context.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) refused.push(m.text()); });
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Reitit' }).click();
    await page.getByRole('button', { name: 'Suunnittele reitit' }).click();
    await page.getByText(/Versio 1: valmis/).waitFor({ timeout: 20_000 });
    const map = page.getByRole('region', { name: /Kartta: 1 reitti/ });
    await map.waitFor();
    await map.locator('img.leaflet-tile-loaded').first().waitFor();

    // The tiles came from the tile server and are drawn.
    expect(tiles.served.length).toBeGreaterThan(0);
    const drawn = await map.locator('img.leaflet-tile-loaded').evaluateAll((imgs) => imgs.filter((i) => (i as HTMLImageElement).naturalWidth > 0 && i.getBoundingClientRect().width > 0).length);
    expect(drawn).toBeGreaterThan(0);
    expect(await map.locator('path.leaflet-interactive, path').count()).toBeGreaterThan(0);
    expect(assets.some((u) => LEAFLET_CHUNK.test(u))).toBe(true);

    // All three stops show, none over another, each the element a tap on its centre reaches.
    const markers = await map.evaluate((el) => Array.from(el.querySelectorAll('.leaflet-marker-icon[data-stop]')).filter((m) => m.getAttribute('data-stop') !== 'depot').map((m) => {
      const r = m.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const box = el.getBoundingClientRect();
      const inside = r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= box.bottom;
      return { label: m.getAttribute('title') ?? '', number: m.textContent, box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom }, onTop: !!hit && m.contains(hit), inside };
    }));
    expect(markers.map((m) => m.label.replace(/^\d+\. /, '')).sort()).toEqual(['Kauppa A', 'Kauppa B', 'Kauppa C']);
    expect(markers.map((m) => m.number).sort()).toEqual(['1', '2', '3']);
    for (const m of markers) expect({ label: m.label, onTop: m.onTop, inside: m.inside }).toEqual({ label: m.label, onTop: true, inside: true });
    expect(overlappingPairs(markers)).toEqual([]);
    for (const m of markers) {
      await page.getByRole('button', { name: m.label }).tap();
      await expect.poll(() => map.locator('.leaflet-popup-content').textContent()).toBe(m.label);
      await map.locator('.leaflet-popup-close-button').click();
    }

    const attribution = map.getByRole('link', { name: '© OpenStreetMap contributors' });
    expect(await attribution.isVisible()).toBe(true);
    expect(await attribution.getAttribute('href')).toBe('https://www.openstreetmap.org/copyright');

    expect(await widerThanPhone(page)).toBe(false);
    expect(await axeProblems(page)).toEqual([]);
    expect(refused).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'coordinator-plan-map-tiles-360.png'), fullPage: true });
    await context.close();
  }, 120_000);

  it('is not fetched on a driver\'s screens', async () => {
    const driver = await world.ctx.userToken('driver');
    const context = await world.browser.newContext(PHONE);
    const assets = fetchedAssets(context);
    const page = await signIn(context, world.base, driver.email, driver.password);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((u) => LEAFLET_CHUNK.test(u))).toEqual([]);
    await context.close();
  }, 60_000);

  it('sets a new site\'s location by a tap on the map', async () => {
    const { net } = world as unknown as { net: Awaited<ReturnType<typeof seedNetwork>> };
    const context = await world.browser.newContext(PHONE);
    const refused: string[] = [];
    context.on('console', (m) => { if (/Content Security Policy|Refused to/.test(m.text())) refused.push(m.text()); });
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Perustiedot' }).click();
    await page.getByText('Lisää paikka').click();
    await page.getByLabel('Tyyppi').selectOption('depot');
    await page.getByLabel('Nimi').fill('Karttavarasto');
    await page.getByLabel('Kunta').fill('Mikkeli');
    const map = page.getByRole('region', { name: /napauta paikkaa/ });
    await map.locator('img.leaflet-tile-loaded').first().waitFor();
    await map.tap();
    const location = page.getByLabel('Sijainti', { exact: true });
    await expect.poll(() => location.inputValue()).toMatch(/^\d+,\d{5}, \d+,\d{5}$/);
    const [lat, lon] = (await location.inputValue()).split(', ').map((v) => Number(v.replace(',', '.')));
    expect(await map.locator('[data-pin]').count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Tallenna paikka' }).click();
    await expect.poll(async () => (await world.ctx.http().get('/sites').set(net.auth)).body.items.find((x: { name: string }) => x.name === 'Karttavarasto') ?? null)
      .toMatchObject({ lat: expect.closeTo(lat, 4), lon: expect.closeTo(lon, 4) });
    expect(refused).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'coordinator-site-pin-map-360.png'), fullPage: true });
    await context.close();
  }, 90_000);
});
