/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { SHOTS, axeProblems, launchChromium, overflowing, printButtonAndPdf, smallestText } from '../../helpers/browser.ts';
import { ESSOTE_DAY, planAndWait, post, seedEssoteDay } from '../../helpers/route-plans.ts';

/**
 * The printable route sheet in Debian's Chromium against the real server: on a 360 px phone
 * and on A4 (print media, 186 mm between the 12 mm margins) no element reaches past the
 * page's width, and axe-core finds nothing serious. Screenshots go to the temp directory.
 */
const A4_PRINTABLE_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

describe('the route sheet on a phone and on A4', () => {
  let ctx: TestContext;
  let browser: Browser;
  let sheetUrl: string;
  let driverToken: string;

  beforeAll(async () => {
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '300' } });
    const day = await seedEssoteDay(ctx);
    const plan = await planAndWait(ctx, day.auth, day.depot.id, ESSOTE_DAY);
    expect(plan.status).toBe('done');
    const drivers = await Promise.all(plan.routes.map(() => ctx.userToken('driver')));
    await post(ctx, day.auth, `/route-plans/${plan.id}/publish`, { assignments: plan.routes.map((r: { id: string }, i: number) => ({ routeId: r.id, driverId: drivers[i].id })) }, 200);
    type Route = { id: string; stops: { siteId: string }[] };
    const longest = (plan.routes as Route[]).reduce((a, r) => (r.stops.length > a.stops.length ? r : a));
    driverToken = drivers[plan.routes.indexOf(longest)].token;
    // The longest names and addresses a sheet meets, and a contact with a phone, on a site of
    // the route the sheet shows (the sheet reads its sites when it is opened).
    await ctx.http().patch(`/sites/${longest.stops[0].siteId}`).set(day.auth).send({
      name: 'Itä-Savon Elintarvikeapu ry:n Vastaanottokeskus ja Jakelupiste (Pieksämäen toimipiste)',
      address: 'Teollisuuskatu 1234 B 56, sisäänkäynti pihan puolelta lastauslaiturin vierestä',
      contactName: 'Marja-Liisa Hämäläinen-Kärkkäinen', phone: '+358 40 123 4567',
    }).expect(200);
    const address = ctx.app.server.address() as { port: number };
    sheetUrl = `http://127.0.0.1:${address.port}/routes/${longest.id}/sheet`;
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await ctx?.close();
  });

  const open = async (width: number, media: 'screen' | 'print') => {
    // A phone honours the page's viewport meta (without one it lays out 980 px and zooms out).
    const phone = media === 'screen' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {};
    const context = await browser.newContext({ viewport: { width, height: 800 }, ...phone, extraHTTPHeaders: bearer(driverToken) });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) refused.push(m.text()); });
    await page.emulateMedia({ media });
    const res = await page.goto(sheetUrl);
    expect(res?.status()).toBe(200);
    // The sheet's own <style> is allowed by its hash: nothing on it is refused.
    expect(refused).toEqual([]);
    return page;
  };

  it('fits a 360 px phone: stacked cards, nothing wider than the screen, touch targets of 44 px, axe clean', async () => {
    const page = await open(360, 'screen');
    expect(await page.locator('li.stop').count()).toBeGreaterThan(3);
    expect(await overflowing(page, 360)).toEqual([]);
    const lefts = await page.locator('li.stop').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(1); // one column
    const small = await page.locator('a.button').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 44).length);
    expect(small).toBe(0);
    expect(await page.locator('a.button[href="tel:+358401234567"]').count()).toBe(1);
    expect(await axeProblems(page)).toEqual([]);
    expect((await smallestText(page)).px).toBeGreaterThanOrEqual(12);
    expect(await printButtonAndPdf(page)).toMatchObject({ onScreen: true, tallEnough: true, printed: 1, inPrint: false, label: 'Tulosta / Print' });
    await page.screenshot({ path: join(SHOTS, 'route-sheet-360.png'), fullPage: true });
    await page.screenshot({ path: join(SHOTS, 'route-sheet-360-first-screen.png') });
    await page.context().close();
  });

  it('fits A4 in print: two cards a row, nothing past the printable width, no navigation buttons', async () => {
    const page = await open(A4_PRINTABLE_PX, 'print');
    expect(await overflowing(page, A4_PRINTABLE_PX)).toEqual([]);
    const lefts = await page.locator('li.stop').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
    expect(new Set(lefts).size).toBe(2);
    expect(await page.locator('a.button').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().width > 0).length)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'route-sheet-a4.png'), fullPage: true });
    await page.screenshot({ path: join(SHOTS, 'route-sheet-a4-first-screen.png') });
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.length).toBeGreaterThan(1000);
    await page.context().close();
  });
});
