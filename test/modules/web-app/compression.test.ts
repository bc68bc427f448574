import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuild } from '../../../scripts/ensure-web.ts';
import { WEB_BUILD_DIR } from '../../../src/modules/web-app/web-app.http.ts';
import { bearer, baseUrl, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';
import { line } from '../../helpers/warehouse.ts';

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer };

/** A GET over real HTTP with exactly the `Accept-Encoding` given (none when undefined), the body as the server sent it. */
function get(base: string, path: string, acceptEncoding?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { ...headers, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, bytes: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decoded = (a: Answer) => {
  const enc = a.headers['content-encoding'];
  return enc === 'br' ? brotliDecompressSync(a.bytes) : enc === 'gzip' ? gunzipSync(a.bytes) : a.bytes;
};

describe('answers compressed on the wire', () => {
  let ctx: TestContext;
  let base: string;
  let script: string;
  beforeAll(async () => {
    ensureWebBuild();
    ctx = await startTestApp();
    base = baseUrl(ctx);
    script = /src="\/app\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(join(WEB_BUILD_DIR, 'index.html'), 'utf8'))![1];
  });
  afterAll(() => ctx?.close());

  it("sends the app's files brotli or gzip as the browser asks, the same bytes once decoded, and as they are to one that asks for neither", async () => {
    for (const path of ['/app/', `/app/${script}`, '/app/manifest.webmanifest', '/app/intake']) {
      const file = readFileSync(join(WEB_BUILD_DIR, path === '/app/' || path === '/app/intake' ? 'index.html' : path.slice('/app/'.length)));
      const br = await get(base, path, 'br, gzip');
      expect({ path, status: br.status, encoding: br.headers['content-encoding'], vary: br.headers.vary }).toEqual({ path, status: 200, encoding: 'br', vary: expect.stringMatching(/accept-encoding/i) });
      expect(br.bytes.length).toBeLessThan(file.length);
      expect(decoded(br).equals(file)).toBe(true);
      const gzip = await get(base, path, 'gzip');
      expect({ path, encoding: gzip.headers['content-encoding'] }).toEqual({ path, encoding: 'gzip' });
      expect(decoded(gzip).equals(file)).toBe(true);
      for (const plain of [await get(base, path), await get(base, path, 'identity')]) {
        expect({ path, encoding: plain.headers['content-encoding'] }).toEqual({ path, encoding: undefined });
        expect(plain.bytes.equals(file)).toBe(true);
      }
    }
  });

  it('compresses a JSON answer of 1 KB or more, leaves a small one and a problem as they are', async () => {
    const auth = bearer((await ctx.userToken('coordinator')).token);
    // The OpenAPI document is far over 1 KB.
    const big = await get(base, '/openapi.json', 'br, gzip');
    expect(big.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decoded(big).toString('utf8'))).toMatchObject({ openapi: '3.1.0' });
    const gz = await get(base, '/openapi.json', 'gzip', auth);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(decoded(gz).toString('utf8'))).toEqual(JSON.parse(decoded(big).toString('utf8')));
    const me = await get(base, '/me', 'br, gzip', auth);
    expect(me.status).toBe(200);
    expect(me.bytes.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
    const problem = await get(base, '/me', 'br, gzip');
    expect(problem.status).toBe(401);
    expect(problem.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(problem.bytes.toString('utf8'))).toMatchObject({ status: 401 });
  });

  it('replays an idempotent write compressed the same as its first answer', async () => {
    const net = await seedNetwork(ctx);
    const wh = bearer((await ctx.userToken('warehouse')).token);
    // Enough lines that the answer passes 1 KB and goes out compressed.
    const body = { donorId: net.donor.id, lines: Array.from({ length: 8 }, (_, i) => line(net.units.ambient.id, { category: 'dry_goods', kg: 1 + i, temperatureClass: 'ambient', dateKind: 'none', date: null })) };
    const send = () => ctx.http().post('/intakes').set(wh).set('idempotency-key', 'compressed-1').set('accept-encoding', 'br, gzip').send(body);
    const first = await send();
    const again = await send();
    expect(first.status).toBe(201);
    expect(first.headers['content-encoding']).toBe('br');
    expect({ status: again.status, encoding: again.headers['content-encoding'], replayed: again.headers['idempotent-replayed'] }).toEqual({ status: 201, encoding: 'br', replayed: 'true' });
    expect(again.body).toEqual(first.body);
  });
});
