/// <reference lib="dom" />
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localTimeOnDate } from '../../../src/domain/dates.ts';
import { bearer } from '../../helpers/app.ts';
import { LANDSCAPE, PHONE, appInBrowser, axeProblems, openTile, phoneAt, settled, watchRequests } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';
import { MONDAY, TUESDAY, stockBags, testClock } from '../../helpers/reservations.ts';
import { planAndWait } from '../../helpers/route-plans.ts';

/**
 * A new user's day replayed role by role, in Finnish, on a 360 px phone and turned sideways
 * (740 × 360), against the real server: every screen of the day opens, shows its main content,
 * is screenshotted into test-results/day-one/, and axe-core finds no serious or critical
 * violation; at 360 px nothing scrolls sideways. The printable pages too, at 360 px.
 * The deep checks of each screen live in the role's own tests; this one walks the whole day.
 * The server's clock and the browser's are the test clock: the Monday before the fixture
 * point's Tuesday distribution, then that Tuesday, so the wall clock does not matter.
 */
const DIR = join(process.cwd(), 'test-results', 'day-one');
const DEVICES = [['360', PHONE], ['landscape', LANDSCAPE]] as const;
type Who = { email: string; password: string };

describe('a new user’s day replayed, every screen in both orientations', { timeout: 180_000 }, () => {
  const clock = testClock(localTimeOnDate(MONDAY, '11:00'));
  const world = appInBrowser({ now: clock.now, env: { PLANNING_TIME_LIMIT_MS: '300' } });
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  let wh: Who & { token: string };
  let lead: Who;
  let driver: Who & { id: string; token: string };
  let coordinator: Who;
  let volunteer: Who;
  let runId: string;
  let routeId: string;
  let shot = 0;
  const report: { screen: string; axe: string[] }[] = [];

  /** Screenshot, axe and (at 360 px) no sideways scrolling for the screen as it is now. */
  async function check(page: Page, role: string, screen: string, device: string) {
    await settled(page);
    shot += 1;
    const name = `${String(shot).padStart(2, '0')}-${role}-${screen}-${device}`;
    await page.screenshot({ path: join(DIR, `${name}.png`), fullPage: true });
    const axe = await axeProblems(page);
    report.push({ screen: name, axe });
    expect({ screen: name, axe }).toEqual({ screen: name, axe: [] });
    if (device === '360') {
      expect({ screen: name, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ screen: name, width: expect.toSatisfy((w: number) => w <= 360) });
    }
  }

  /** Signed in as `who` on the device, with the test clock in the browser too. */
  const phone = (who: Who, device: typeof PHONE | typeof LANDSCAPE) => phoneAt(world.browser, world.base, clock.now(), who, device);
  const open = openTile;

  beforeAll(async () => {
    // This run's screenshots only (a failed run's numbering differs).
    rmSync(DIR, { recursive: true, force: true });
    mkdirSync(DIR, { recursive: true });
    const { ctx } = world;
    net = await seedNetwork(ctx);
    await post(ctx, net.auth, `/sites/${net.donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '10:00', expectedKg: 40 });
    await post(ctx, net.auth, '/vehicles', { depotId: net.depot.id, name: 'Pakettiauto 1', refrigerated: true, capacityKg: 800, capacityBags: 100, shiftStart: '07:30', shiftEnd: '16:00' });
    await stockBags(ctx.deps.database.db, { depotId: net.depot.id, count: 6, weightG: 5000, packedAt: clock.now() });
    wh = await ctx.userToken('warehouse');
    lead = await ctx.userToken('point_lead', { pointId: net.point.id });
    driver = await ctx.userToken('driver');
    coordinator = await ctx.userToken('coordinator');
    volunteer = await ctx.userToken('warehouse');
    await post(ctx, bearer((await ctx.userToken('point_lead', { pointId: net.point.id })).token), '/reservations', { pointId: net.point.id, date: TUESDAY, bagType: 'food', bags: 3 });
    const plan = await planAndWait(ctx, net.auth, net.depot.id, TUESDAY);
    expect(plan.routes).toHaveLength(1);
    routeId = plan.routes[0].id;
    await post(ctx, net.auth, `/route-plans/${plan.id}/publish`, { assignments: [{ routeId, driverId: driver.id }] }, 200);
    // 20 kg of chilled food in a lot (the stock's lot list); packing 10 bags of it makes 4.
    await post(ctx, bearer(wh.token), '/intakes', {
      donorId: net.donor.id,
      lines: [{ category: 'dairy', kg: 20, temperatureClass: 'chilled', dateKind: 'use_by', date: addDays(TUESDAY, 6), receiptCelsius: 4, storageUnitId: net.units.chilled.id, product: 'Kevytmaito 1 l' }],
    });
    // A packing shift in two days: the volunteer has no hygiene passport.
    const start = new Date(clock.now().getTime() + 2 * 86_400_000);
    await post(ctx, net.auth, '/shifts', { siteId: net.depot.id, kind: 'packing', needed: 2, note: 'Pakkaus A', start: start.toISOString(), end: new Date(start.getTime() + 3 * 3600_000).toISOString() });
  }, 120_000);

  it('warehouse: intake, stock with its lots, temperatures with a too-warm reading in red, packing "Pakattiin N/M kassia"', async () => {
    for (const [device, size] of DEVICES) {
      const { context, page } = await phone(wh, size);
      await open(page, 'Vastaanotto');
      await page.getByLabel('Lahjoittaja').waitFor();
      await check(page, 'warehouse', 'intake', device);

      await open(page, 'Varasto');
      await page.locator('ul.lots li.lot', { hasText: 'Kevytmaito' }).first().waitFor();
      await check(page, 'warehouse', 'stock', device);

      await open(page, 'Lämpötilat');
      // The freezer (no lots in it, so the packing below still has food) reads +5 °C.
      const freezer = page.locator('form', { hasText: 'Freezer' });
      await freezer.getByLabel(/^Freezer/).fill('5');
      await freezer.getByRole('button', { name: 'Tallenna lukema' }).click();
      const warm = freezer.getByRole('alert').filter({ hasText: /^Liian lämmin: Freezer 5 °C/ });
      await warm.waitFor();
      const [r, g] = (await warm.evaluate((el) => getComputedStyle(el).color)).match(/\d+/g)!.map(Number);
      expect(r).toBeGreaterThan(g + 60);
      await check(page, 'warehouse', 'temperatures', device);

      await open(page, 'Pakkaus');
      await page.getByLabel('Kasseja').fill('10');
      // Packed once, on the last pass (it empties the lot the stock screen lists).
      if (device === 'landscape') {
        await page.getByRole('button', { name: 'Pakkaa' }).click();
        await page.getByRole('status').filter({ hasText: /Pakattiin \d+\/10 kassia/ }).waitFor();
      }
      await check(page, 'warehouse', 'packing', device);
      await context.close();
    }
    runId = (await world.ctx.http().get('/packing-runs').query({ depotId: net.depot.id }).set(bearer(wh.token))).body.items[0].id;
  }, 120_000);

  it('point lead: reserve, and reservations with reserved, delivered and received', async () => {
    for (const [device, size] of DEVICES) {
      const { context, page } = await phone(lead, size);
      await open(page, 'Varaa kasseja');
      await page.getByText(/^Vapaana \d+/).waitFor();
      await check(page, 'point', 'reserve', device);

      await open(page, 'Varaukset');
      const card = page.locator('article.card', { hasText: 'Ruokakassi' }).first();
      expect(await card.locator('dl').innerText()).toMatch(/Varattu\s+3/);
      await check(page, 'point', 'reservations', device);
      await context.close();
    }
  }, 120_000);

  it('driver: today’s route, and tomorrow’s with its buttons disabled and the reason beside them', async () => {
    for (const [device, size] of DEVICES) {
      clock.set(localTimeOnDate(TUESDAY, '08:00'));
      let { context, page } = await phone(driver, size);
      await open(page, 'Päivän reitti');
      await page.locator('li.stop', { hasText: 'Test shop' }).getByRole('button', { name: 'Merkitse tehdyksi' }).waitFor();
      await check(page, 'driver', 'today', device);
      await context.close();

      clock.set(localTimeOnDate(MONDAY, '19:00'));
      ({ context, page } = await phone(driver, size));
      await open(page, 'Päivän reitti');
      await page.getByRole('button', { name: 'Huomenna' }).click();
      const done = page.locator('li.stop', { hasText: 'Test shop' }).getByRole('button', { name: 'Merkitse tehdyksi' });
      await done.waitFor();
      expect(await done.isDisabled()).toBe(true);
      expect(await done.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent)).toMatch(/^Reitin päivä on /);
      await check(page, 'driver', 'tomorrow', device);
      await context.close();
    }
  }, 120_000);

  it('coordinator: plan, reports with the chart, Tarjoukset, sites', async () => {
    clock.set(localTimeOnDate(MONDAY, '11:00'));
    for (const [device, size] of DEVICES) {
      const { context, page } = await phone(coordinator, size);
      await open(page, 'Reitit');
      // The screen opens on tomorrow, Tuesday, whose plan is published: wait until that plan has loaded.
      await page.getByRole('button', { name: 'Suunnittele uudelleen' }).waitFor();
      await check(page, 'coordinator', 'plan', device);

      await open(page, 'Raportit');
      await page.getByRole('button', { name: 'Näytä', exact: true }).click();
      await page.getByRole('img', { name: /^Kaavio: / }).waitFor();
      await check(page, 'coordinator', 'reports', device);

      await open(page, 'Tarjoukset');
      await page.getByRole('heading', { level: 1 }).waitFor();
      await check(page, 'coordinator', 'offers', device);

      await open(page, 'Perustiedot');
      await page.getByText('Test point').first().waitFor();
      await check(page, 'coordinator', 'sites', device);
      await context.close();
    }
  }, 120_000);

  it('volunteer: without a hygiene passport, a packing shift says why before any tap', async () => {
    for (const [device, size] of DEVICES) {
      const { context, page } = await phone(volunteer, size);
      await open(page, 'Vuorot');
      const packing = page.locator('article.card', { hasText: 'Pakkaus A' });
      await packing.getByText('Pakkausvuoroon tarvitaan voimassa oleva hygieniapassi. Pyydä koordinaattoria lisäämään se.').waitFor();
      expect(await packing.getByRole('button', { name: 'Ilmoittaudu' }).count()).toBe(0);
      await check(page, 'volunteer', 'shifts', device);
      await context.close();
    }
  }, 120_000);

  it('printable pages at 360 px: labels, funder’s report, certificate, route sheet', async () => {
    const window = `from=${addDays(MONDAY, -7)}&to=${addDays(TUESDAY, 7)}`;
    const pages = [
      { name: 'labels', path: `/packing-runs/${runId}/labels`, auth: bearer(wh.token) },
      { name: 'funder', path: `/reports/funder?${window}`, auth: net.auth },
      { name: 'certificate', path: `/reports/donors/${net.donor.id}/certificate?${window}`, auth: net.auth },
      { name: 'route-sheet', path: `/routes/${routeId}/sheet`, auth: bearer(driver.token) },
    ];
    for (const p of pages) {
      const context = await world.browser.newContext({ ...PHONE, isMobile: true, locale: 'fi-FI', timezoneId: 'Europe/Helsinki', extraHTTPHeaders: { ...p.auth, accept: 'text/html' } });
      const page = watchRequests(await context.newPage());
      const res = await page.goto(`${world.base}${p.path}`);
      expect({ page: p.name, status: res?.status() }).toEqual({ page: p.name, status: 200 });
      expect(await page.locator('html').getAttribute('lang')).toBe('fi');
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await check(page, 'print', p.name, '360');
      await context.close();
    }
    // What each screen's axe run found (all empty), for the run's log.
    console.log(report.map((r) => `${r.screen}: ${r.axe.length ? r.axe.join(', ') : 'no serious or critical violations'}`).join('\n'));
  }, 120_000);
});
