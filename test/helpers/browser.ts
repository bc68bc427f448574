/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { ensureWebBuild } from '../../scripts/ensure-web.ts';
import { baseUrl, startTestApp, type TestAppOptions, type TestContext } from './app.ts';
import { CHROMIUM, CHROMIUM_FLAGS, SHOTS } from './browser-launch.ts';

export { CHROMIUM, CHROMIUM_FLAGS, SHOTS };

/** A 360 px phone. */
export const PHONE = { viewport: { width: 360, height: 780 }, deviceScaleFactor: 1, hasTouch: true };
/** A phone turned sideways (740 × 360 CSS px), honouring the page's viewport meta as a phone does. */
export const LANDSCAPE = { viewport: { width: 740, height: 360 }, deviceScaleFactor: 1, hasTouch: true, isMobile: true };

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The run's Chromium (started once by test/browser-setup.ts for the browser lane; closing the
 * returned browser only disconnects this file), or a Chromium of its own outside that lane.
 */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  const shared = inject('chromiumWs');
  return shared ? chromium.connect(shared) : chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** axe-core's serious and critical violations on the page as it is now (`id (nodes)`). */
export async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the app's strict CSP (no inline scripts) does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run()).violations);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
}

export const widerThanPhone = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > 360);

/** Elements whose box reaches past `width` (CSS px), described so a failure says which; and the document if it scrolls sideways. */
export const overflowing = (page: Page, width: number) => page.evaluate((w) => {
  const out: string[] = [];
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)}`);
  }
  if (document.documentElement.scrollWidth > w) out.push(`document ${document.documentElement.scrollWidth}`);
  return out;
}, width);

/**
 * Why a control cannot be used in the viewport as it is (scrolled to it the way a finger
 * would), or null when it can: it must be enabled, at least 44 px high, wholly inside the
 * viewport's width and height, and the element a tap on its centre reaches.
 */
export async function unreachable(control: Locator): Promise<string | null> {
  await control.scrollIntoViewIfNeeded();
  return control.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const name = `${el.tagName.toLowerCase()} "${el.textContent?.trim()}"`;
    if ((el as HTMLButtonElement).disabled) return `${name} is disabled`;
    if (r.height < 44) return `${name} is ${Math.round(r.height)} px high`;
    if (r.left < 0 || r.right > innerWidth || r.top < 0 || r.bottom > innerHeight) {
      return `${name} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} is not inside ${innerWidth}×${innerHeight}`;
    }
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit && (hit === el || el.contains(hit)) ? null : `${name} is covered by ${hit?.tagName.toLowerCase()}.${hit?.className}`;
  });
}

/** Opens the app at `base` and signs in with the fixed Finnish labels. */
export async function signIn(context: BrowserContext, base: string, email: string, password: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('Sähköposti').fill(email);
  await page.getByLabel('Salasana').fill(password);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).click();
  return page;
}

/** A phone (PHONE, or LANDSCAPE turned sideways) in Finnish whose own clock starts at `now`, signed in as `who`, on the start screen. */
export async function phoneAt(browser: Browser, base: string, now: Date, who: { email: string; password: string }, device: typeof PHONE | typeof LANDSCAPE = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ...device, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' });
  await context.clock.install({ time: now });
  const page = await signIn(context, base, who.email, who.password);
  await page.getByRole('heading', { name: 'Mitä teet tänään?' }).waitFor();
  return { context, page };
}

/** From anywhere in the app: back to the start screen, then into the screen behind `tile`. */
export async function openTile(page: Page, tile: string) {
  await page.getByRole('link', { name: 'Kassi', exact: true }).click();
  await page.getByRole('link', { name: tile, exact: true }).click();
}

/**
 * Other tap targets (links, buttons, form fields) that come within `gap` px of a control, so a
 * thumb aimed at one may land on the other; empty when the control stands clear.
 */
export const crowding = (control: Locator, gap = 4) => control.evaluate((el, g) => {
  const r = el.getBoundingClientRect();
  const near: string[] = [];
  for (const other of Array.from(document.querySelectorAll('a[href], button, input, select, textarea, summary'))) {
    if (other === el || other.contains(el) || el.contains(other)) continue;
    const o = other.getBoundingClientRect();
    if (o.width === 0 || o.height === 0) continue;
    const dx = Math.max(o.left - r.right, r.left - o.right, 0);
    const dy = Math.max(o.top - r.bottom, r.top - o.bottom, 0);
    if (Math.max(dx, dy) < g) near.push(`${other.tagName.toLowerCase()} "${other.textContent?.trim()}" ${Math.round(Math.max(dx, dy))} px away`);
  }
  return near;
}, gap);

/**
 * A browser test's world, set up before the file's tests and closed after them: the built web
 * app served by the real server (`ctx`, at `base`) and Debian's Chromium (`browser`).
 */
export function appInBrowser(opts: TestAppOptions = {}) {
  const world = {} as { ctx: TestContext; browser: Browser; base: string };
  beforeAll(async () => {
    ensureWebBuild();
    world.ctx = await startTestApp(opts);
    world.base = baseUrl(world.ctx);
    world.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await world.browser?.close();
    await world.ctx?.close();
  });
  return world;
}

/** The text of a download (saved through the connection: the shared Chromium runs in another process). */
export async function downloadedText(download: Download): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'kassi-download-'));
  try {
    const file = join(dir, download.suggestedFilename());
    await download.saveAs(file);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The smallest computed font size (CSS px) of any visible text on the page outside SVG drawings, with the text it belongs to. */
export const smallestText = (page: Page) => page.evaluate(() => {
  let min = { px: Infinity, text: '' };
  for (const el of Array.from(document.body.querySelectorAll('*'))) {
    if (el.closest('svg')) continue;
    const own = Array.from(el.childNodes).filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent!.trim()).join(' ').trim();
    if (!own || (el as HTMLElement).getBoundingClientRect().width === 0) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < min.px) min = { px, text: own.slice(0, 40) };
  }
  return min;
});

/**
 * What a printable page's print button is like: shown on the screen (and at least 44 px high),
 * gone in print media, and the PDF on A4 it makes (its bytes and page count).
 */
export async function printButtonAndPdf(page: Page) {
  const button = page.locator('.print-bar button');
  const onScreen = await button.isVisible();
  const height = onScreen ? (await button.boundingBox())!.height : 0;
  // The button's own script (allowed by its hash) calls window.print(): stand in for the dialog and tap it.
  await page.evaluate(() => { (window as unknown as { printed: number }).printed = 0; window.print = () => { (window as unknown as { printed: number }).printed += 1; }; });
  if (onScreen) await button.click();
  const printed = await page.evaluate(() => (window as unknown as { printed: number }).printed);
  await page.emulateMedia({ media: 'print' });
  const inPrint = await button.isVisible();
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  return { onScreen, tallEnough: height >= 44, printed, inPrint, pages, label: (await button.textContent())?.trim() };
}
