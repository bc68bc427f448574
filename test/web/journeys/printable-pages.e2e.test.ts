/// <reference lib="dom" />
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrl } from '../../helpers/app.ts';
import { SHOTS, axeProblems, launchChromium, overflowing, printButtonAndPdf, smallestText } from '../../helpers/browser.ts';
import { line, startWarehouse } from '../../helpers/warehouse.ts';

/**
 * The printable pages a volunteer opens on a phone — a packing run's labels and picking list,
 * the funder's report and a donor's certificate — in Debian's Chromium against the real server:
 * at 360 px nothing runs off the screen and no text is smaller than 12 px; the print button
 * prints and is gone on paper; the labels sit two a row on A4; axe-core finds nothing serious.
 * (The route sheet has its own test beside the driver's.)
 */
const A4_PRINTABLE_PX = (margin: number) => Math.floor(((210 - 2 * margin) / 25.4) * 96);

describe('printable pages on a 360 px phone and on A4', () => {
  let w: Awaited<ReturnType<typeof startWarehouse>>;
  let browser: Browser;
  let base: string;
  let runId: string;
  const window = 'from=2027-03-01&to=2027-03-31';

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00');
    const { chilled, ambient } = w.net.units;
    await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(chilled.id, { category: 'dairy', kg: 8, date: '2027-03-30', product: 'Laktoositon kevytmaitojuoma 1 l', batch: 'L2407-0815', allergens: ['milk'] }),
        line(ambient.id, { category: 'dry_goods', kg: 12, temperatureClass: 'ambient', dateKind: 'best_before', date: '2027-06-01', product: 'Täysjyväkaurahiutaleet 500 g' }),
      ],
    });
    runId = (await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 4 })).id;
    base = baseUrl(w.ctx);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await w?.ctx.close();
  });

  const open = async (path: string, auth: Record<string, string>, viewport: { width: number; height: number }, phone: boolean): Promise<Page> => {
    const context = await browser.newContext({ viewport, ...(phone ? { isMobile: true, hasTouch: true } : {}), extraHTTPHeaders: { ...auth, accept: 'text/html' } });
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => { if (/Content Security Policy/.test(m.text())) refused.push(m.text()); });
    const res = await page.goto(`${base}${path}`);
    expect(res?.status()).toBe(200);
    expect(refused).toEqual([]);
    return page;
  };

  const pages = () => [
    { name: 'labels', path: `/packing-runs/${runId}/labels`, auth: w.wh, margin: 10 },
    { name: 'funder', path: `/reports/funder?${window}`, auth: w.net.auth, margin: 15 },
    { name: 'certificate', path: `/reports/donors/${w.net.donor.id}/certificate?${window}`, auth: w.net.auth, margin: 15 },
  ];

  it('reads on a phone: no sideways overflow, text of 12 px or more, a print button that prints and is gone on paper, axe clean', async () => {
    for (const p of pages()) {
      const page = await open(p.path, p.auth, { width: 360, height: 780 }, true);
      expect({ page: p.name, overflow: await overflowing(page, 360) }).toEqual({ page: p.name, overflow: [] });
      const smallest = await smallestText(page);
      expect({ page: p.name, readable: smallest.px >= 12, smallest }).toMatchObject({ page: p.name, readable: true });
      expect({ page: p.name, axe: await axeProblems(page) }).toEqual({ page: p.name, axe: [] });
      await page.screenshot({ path: join(SHOTS, `printable-${p.name}-360.png`), fullPage: true });
      const print = await printButtonAndPdf(page);
      expect({ page: p.name, ...print }).toMatchObject({ page: p.name, onScreen: true, tallEnough: true, printed: 1, inPrint: false, label: expect.stringMatching(/^Tulosta/) });
      expect(print.pages).toBeGreaterThan(0);
      await page.context().close();
    }
  });

  it('prints on A4: nothing past the printable width, the labels two a row in their grid', async () => {
    for (const p of pages()) {
      const width = A4_PRINTABLE_PX(p.margin);
      const page = await open(p.path, p.auth, { width, height: 1100 }, false);
      await page.emulateMedia({ media: 'print' });
      expect({ page: p.name, overflow: await overflowing(page, width) }).toEqual({ page: p.name, overflow: [] });
      if (p.name === 'labels') {
        const boxes = await page.locator('section.label').evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().left)));
        expect(boxes).toHaveLength(4);
        expect(new Set(boxes).size).toBe(2);
      }
      await page.screenshot({ path: join(SHOTS, `printable-${p.name}-a4.png`), fullPage: true });
      await page.context().close();
    }
  });
});

