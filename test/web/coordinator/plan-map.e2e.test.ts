/// <reference lib="dom" />
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PHONE, SHOTS, appInBrowser, axeProblems, signIn, widerThanPhone } from '../../helpers/browser.ts';
import type { seedNetwork } from '../../helpers/fixtures.ts';
import { overlappingPairs, seedShopsAtOnePlace } from './shops-at-one-place.ts';

/**
 * The plan's map without a tile server (the schematic), on a 360 px phone: three shops in one
 * shopping centre are three stops at one place, and all three markers show, none over another,
 * each the element a tap on its centre reaches.
 */
describe('the coordinator’s plan map', () => {
  const world = appInBrowser({ env: { PLANNING_TIME_LIMIT_MS: '200' } });
  beforeAll(async () => {
    const net = await seedShopsAtOnePlace(world.ctx);
    Object.assign(world, { net });
  });

  it('shows every stop of one place, none hiding another', async () => {
    const { net } = world as unknown as { net: Awaited<ReturnType<typeof seedNetwork>> };
    const context = await world.browser.newContext(PHONE);
    const page = await signIn(context, world.base, net.coordinator.email, net.coordinator.password);
    await page.getByRole('link', { name: 'Reitit' }).click();
    await page.getByRole('button', { name: 'Suunnittele reitit' }).click();
    await page.getByText(/Versio 1: valmis/).waitFor({ timeout: 20_000 });
    const map = page.getByRole('img', { name: /Kartta: 1 reitti/ });
    await map.waitFor();

    const markers = await map.evaluate((svg) => Array.from(svg.querySelectorAll('g.marker')).map((g) => {
      const r = g.querySelector('circle')!.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return { label: g.querySelector('title')!.textContent ?? '', number: g.querySelector('text')!.textContent, box: { left: r.left, right: r.right, top: r.top, bottom: r.bottom }, onTop: !!hit && g.contains(hit) };
    }));
    expect(markers.map((m) => m.label.replace(/^\d+\. /, '')).sort()).toEqual(['Kauppa A', 'Kauppa B', 'Kauppa C']);
    expect(markers.map((m) => m.number).sort()).toEqual(['1', '2', '3']);
    for (const m of markers) expect(m.onTop, m.label).toBe(true);
    expect(overlappingPairs(markers)).toEqual([]);
    expect(await widerThanPhone(page)).toBe(false);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'coordinator-plan-map-schematic-360.png'), fullPage: true });
    await context.close();
  }, 90_000);
});
