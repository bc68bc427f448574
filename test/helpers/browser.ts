/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Download, type Locator, type Page, type Request } from 'playwright-core';
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

/**
 * axe-core's serious and critical violations on the page as it is now (`id (nodes)`). axe is
 * put into a document once (the app moves between screens without reloading), and asked for
 * its violations only: every rule still runs on every node, but the passes it would throw
 * away are not described node by node.
 */
export async function axeProblems(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the app's strict CSP (no inline scripts) does not govern.
  if (!(await page.evaluate(() => typeof (window as unknown as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run(o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run({ resultTypes: ['violations'] })).violations);
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

const openRequests = new WeakMap<Page, Set<Request>>();

/** Keeps count of the page's requests not yet answered, for `settled` (the sign-in helpers watch their pages). */
export function watchRequests(page: Page): Page {
  if (openRequests.has(page)) return page;
  const open = new Set<Request>();
  openRequests.set(page, open);
  page.on('request', (r) => open.add(r));
  page.on('requestfinished', (r) => open.delete(r));
  page.on('requestfailed', (r) => open.delete(r));
  return page;
}

/**
 * Once every request the page has made is answered (at once when none is open) and the page
 * has drawn what they brought: the screen as it is, without networkidle's half second of
 * silence after the last answer. For a page given to `watchRequests` before it loaded.
 */
export async function settled(page: Page, timeoutMs = 30_000) {
  const open = openRequests.get(page);
  if (!open) throw new Error('settled: the page was not watched from its start (watchRequests)');
  const until = Date.now() + timeoutMs;
  for (;;) {
    while (open.size > 0) {
      if (Date.now() > until) throw new Error(`settled: still waiting for ${[...open].map((r) => r.url()).join(', ')}`);
      await new Promise((ok) => setTimeout(ok, 20));
    }
    // Two frames: what the last answer brought is drawn, and any request it started is seen.
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    if (open.size === 0) return;
  }
}

/** Opens the app at `base` (in a new page of `context`, or `page`) and signs in with the fixed Finnish labels. */
export async function signIn(context: BrowserContext, base: string, email: string, password: string, page?: Page): Promise<Page> {
  page = watchRequests(page ?? await context.newPage());
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

/**
 * A fresh phone (PHONE, in Finnish, real clock) of someone who signed in on it before: the app
 * opens on the start screen with the session the sign-in form left on the first phone of
 * `who` (its stored session and page cookie; nothing it cached, no outbox). The form itself is
 * filled once per user and file, where signing in is not what a test is about.
 */
export function rememberedPhones(world: { browser: Browser; base: string }) {
  const kept = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
  const options = { ...PHONE, locale: 'fi-FI', timezoneId: 'Europe/Helsinki' };
  return async (who: { email: string; password: string }): Promise<{ context: BrowserContext; page: Page }> => {
    const state = kept.get(who.email);
    const context = await world.browser.newContext(state ? { ...options, storageState: state } : options);
    let page: Page;
    if (state) {
      page = watchRequests(await context.newPage());
      await page.goto(`${world.base}/app/`);
    } else {
      page = watchRequests(await context.newPage());
      // The sign-in form asks for the page cookie (printable pages) once the session is there.
      const cookie = page.waitForResponse((r) => new URL(r.url()).pathname === '/auth/page-session');
      await signIn(context, world.base, who.email, who.password, page);
      await cookie;
    }
    await page.getByRole('heading', { name: 'Mitä teet tänään?' }).waitFor();
    if (!state) {
      const { cookies, origins } = await context.storageState();
      kept.set(who.email, { cookies, origins: origins.map((o) => ({ ...o, localStorage: o.localStorage.filter((i) => i.name === 'kassi.session') })) });
    }
    return { context, page };
  };
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
