/// <reference lib="dom" />
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../../src/domain/dates.ts';
import { rebuildAllTallies } from '../../../src/modules/tallies/tallies.service.ts';
import { bearer } from '../../helpers/app.ts';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import { post, seedNetwork } from '../../helpers/fixtures.ts';

/** The smallest text a phone user reads on the chart, in CSS px: 11 px is about the least legible size. */
const MIN_TEXT_PX = 11;

/**
 * The reports chart on a 360 px phone, in Finnish: it follows the period chosen on the screen
 * ("Kiloja sisään kuukausittain"), and its smallest text, as the image is shown, is at least
 * 11 CSS px (the SVG's own font sizes scaled by the width it is drawn at).
 */
describe('the coordinator’s reports chart on a phone', () => {
  const world = appInBrowser();
  let net: Awaited<ReturnType<typeof seedNetwork>>;
  beforeAll(async () => {
    net = await seedNetwork(world.ctx);
    const warehouse = bearer((await world.ctx.userToken('warehouse')).token);
    await post(world.ctx, warehouse, '/intakes', {
      donorId: net.donor.id, lines: [{ category: 'dry_goods', kg: 42, temperatureClass: 'ambient', dateKind: 'none', storageUnitId: net.units.ambient.id }],
    });
    await world.ctx.deps.outbox.drain();
    await rebuildAllTallies(world.ctx.deps.database);
  });

  it('speaks Finnish, follows the chosen period and reads at 360 px', async () => {
    const today = localDate(new Date());
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Raportit' }).click();
    await page.getByLabel('Alkaen').fill(addDays(today, -70));
    await page.getByLabel(/^Ryhmittely/).selectOption({ label: 'Lahjoittaja' });
    await page.getByLabel(/^Jakso/).selectOption('month');
    await page.getByRole('button', { name: 'Näytä' }).click();
    const chart = page.getByRole('img', { name: 'Kaavio: vastaanotetut kilot ja toimitetut kassit kuukausittain' });
    await chart.waitFor();

    const drawn = await chart.evaluate(async (img: HTMLImageElement) => {
      await img.decode();
      // The app shows the chart as a base64 data URL (the page's CSP lets no fetch read it back).
      const bytes = Uint8Array.from(atob(img.src.slice(img.src.indexOf(',') + 1)), (c) => c.charCodeAt(0));
      const svg = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml').documentElement;
      const sizes = Array.from(svg.querySelectorAll('text')).filter((t) => t.textContent?.trim())
        .map((t) => parseFloat(t.getAttribute('font-size') ?? getComputedStyle(t).fontSize));
      return {
        texts: Array.from(svg.querySelectorAll('text')).map((t) => t.textContent ?? ''),
        smallestFont: Math.min(...sizes),
        svgWidth: parseFloat(svg.getAttribute('width') ?? '0'),
        shownWidth: img.getBoundingClientRect().width,
      };
    });
    expect(drawn.texts).toEqual(expect.arrayContaining(['Kiloja sisään kuukausittain', 'Toimitetut kassit kuukausittain', 'Kuukausi', 'Test shop']));
    expect(drawn.texts.join(' ')).not.toMatch(/Kilos|week|viikko/i);
    const smallestShownPx = drawn.smallestFont * (drawn.shownWidth / drawn.svgWidth);
    expect(smallestShownPx, `${drawn.smallestFont} px in an SVG ${drawn.svgWidth} wide shown ${drawn.shownWidth} px wide`).toBeGreaterThanOrEqual(MIN_TEXT_PX);

    expect(await widerThanPhone(page)).toBe(false);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'coordinator-reports-chart-month-360.png'), fullPage: true });
    await context.close();
  }, 90_000);
});
