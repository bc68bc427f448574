import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';
import { launchChromium } from '../../helpers/browser.ts';

/**
 * bull-board on Fastify 5 in Debian's Chromium: the app's link flow (sign the browser in with
 * the bearer token, then open the page) shows the kassi queue and its waiting job.
 */
let ctx: TestContext;
let browser: Browser;

beforeAll(async () => {
  ctx = await startTestApp({ redis: true });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await ctx?.close();
});

it('opens the dashboard after POST /admin/queues/session and lists the kassi queue with its waiting job', async () => {
  const coordinator = await ctx.userToken('coordinator');
  await ctx.deps.runner.enqueue('purge-expired', {}, { jobId: 'browser-board-purge' });
  const origin = `http://127.0.0.1:${(ctx.app.server.address() as { port: number }).port}`;
  const page = await browser.newPage();
  await page.goto(`${origin}/health/live`);
  expect(await page.evaluate(async (t) => (await fetch('/admin/queues/session', { method: 'POST', headers: { authorization: `Bearer ${t}` } })).status, coordinator.token)).toBe(204);
  await page.goto(`${origin}/admin/queues/queue/kassi?status=waiting`);
  await page.getByText('browser-board-purge').first().waitFor({ timeout: 15_000 });
  expect(await page.title()).toBe('Kassi');
  await page.close();
});
