// `npm run bench:web`: the phone app's first load — JS + CSS gzip size of what the start screen
// (sign-in) fetches, every byte of it on the wire (headers and bodies as the server sent them,
// with `Accept-Encoding: br, gzip`), and the time until it is usable on emulated slow 3G
// (400 kbit/s, 400 ms round trip, through the DevTools protocol) with a cold cache. Starts its own server (embedded,
// in memory) and Debian's Chromium; target: ≤ 100 KB (docs/benchmarks.md).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { ensureWebBuild } from './ensure-web.ts';

const root = new URL('..', import.meta.url).pathname;
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const freePort = () => new Promise<number>((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});

ensureWebBuild();
const port = await freePort();
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: root, stdio: ['ignore', 'ignore', 'inherit'],
  env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: 'memory://', LOG_LEVEL: 'warn' },
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${base}/health/ready`)).ok) break;
    } catch {
      if (i > 600) throw new Error('server did not start');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: FLAGS });
  const context = await browser.newContext({ viewport: { width: 360, height: 780 }, serviceWorkers: 'block' });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 });
  // Chromium offers brotli only over https; a phone reaches the server over https behind its proxy.
  await cdp.send('Network.setExtraHTTPHeaders', { headers: { 'Accept-Encoding': 'br, gzip' } });
  const wire = new Map<string, { url: string; encoding: string; bytes: number }>();
  cdp.on('Network.responseReceived', (e) => {
    wire.set(e.requestId, { url: e.response.url, encoding: String(e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'identity'), bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = wire.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  const assets: string[] = [];
  page.on('response', (res) => {
    const path = new URL(res.url()).pathname;
    if (/\.(js|css)$/.test(path)) assets.push(path);
  });
  const t0 = performance.now();
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Kirjaudu sisään' }).waitFor();
  const usableMs = performance.now() - t0;
  await page.waitForLoadState('networkidle');
  await browser.close();

  let raw = 0;
  let gzip = 0;
  for (const path of assets) {
    const bytes = readFileSync(join(root, 'dist/web', path.replace(/^\/app\//, '')));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`first load (sign-in screen): ${assets.length} JS/CSS files, ${(raw / 1024).toFixed(1)} KB raw, ${(gzip / 1024).toFixed(1)} KB gzip (target ≤ 100 KB)`);
  console.log(`usable on slow 3G (400 kbit/s, 400 ms RTT, cold cache): ${(usableMs / 1000).toFixed(2)} s`);
  const onWire = [...wire.values()];
  console.log(`first load on the wire (Accept-Encoding: br, gzip): ${onWire.length} responses, ${(onWire.reduce((s, r) => s + r.bytes, 0) / 1024).toFixed(1)} KB`);
  for (const r of onWire) console.log(`  ${(r.bytes / 1024).toFixed(1).padStart(6)} KB  ${r.encoding.padEnd(8)} ${new URL(r.url).pathname}`);
} finally {
  server.kill('SIGTERM');
}
