import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { startTestApp, type TestContext } from '../../helpers/app.ts';

/** The `img-src` directive of an answer's content security policy. */
const imgSrc = (res: Response) => /img-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1];

describe('the app\'s settings and the map tiles\' origin in the content security policy', () => {
  let plain: TestContext;
  let tiled: TestContext;
  beforeAll(async () => {
    [plain, tiled] = await Promise.all([
      startTestApp({ mode: 'embedded' }),
      startTestApp({ mode: 'embedded', env: { MAP_TILE_URL: 'https://tiles.example.fi/osm/{z}/{x}/{y}.png' } }),
    ]);
  });
  afterAll(async () => { await Promise.all([plain?.close(), tiled?.close()]); });

  it('without MAP_TILE_URL: no tiles for the app, and images only from this origin', async () => {
    const res = await plain.http().get('/app-config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ mapTileUrl: null, mapAttribution: null, mapAttributionUrl: null });
    for (const r of [res, await plain.http().get('/app/'), await plain.http().get('/nowhere')]) expect(imgSrc(r)).toBe("'self' data:");
  });

  it('with MAP_TILE_URL: the template and OpenStreetMap\'s attribution, to anyone, and images also from the tile server\'s origin', async () => {
    const res = await tiled.http().get('/app-config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      mapTileUrl: 'https://tiles.example.fi/osm/{z}/{x}/{y}.png', mapAttribution: '© OpenStreetMap contributors', mapAttributionUrl: 'https://www.openstreetmap.org/copyright',
    });
    for (const r of [res, await tiled.http().get('/app/'), await tiled.http().get('/nowhere')]) expect(imgSrc(r)).toBe("'self' data: https://tiles.example.fi");
    // Only images: scripts, styles and connections still come from this origin alone.
    expect(String(res.headers['content-security-policy'])).not.toMatch(/(script|style|connect|default)-src[^;]*tiles\.example\.fi/);
  });
});
