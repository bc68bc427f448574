import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig, mapTileOrigin, mapTiles } from './config.ts';

describe('loadConfig', () => {
  it('takes cheap password hashing for a test run', () => {
    expect(loadConfig({ NODE_ENV: 'test', PASSWORD_HASHING: 'test' }).PASSWORD_HASHING).toBe('test');
  });

  it('refuses cheap password hashing in production, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', PASSWORD_HASHING: 'test' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production', PASSWORD_HASHING: 'test' })).toThrow(/PASSWORD_HASHING/);
  });

  it('hashes at full strength unless told otherwise', () => {
    expect(loadConfig({}).PASSWORD_HASHING).toBe('standard');
  });
});

describe('MAP_TILE_URL and MAP_ATTRIBUTION', () => {
  it('leaves the map schematic when unset: no tiles, no attribution, no other image origin', () => {
    const cfg = loadConfig({});
    expect(mapTiles(cfg)).toEqual({ mapTileUrl: null, mapAttribution: null, mapAttributionUrl: null });
    expect(mapTileOrigin(cfg)).toBeNull();
  });

  it('takes a tile URL template and names its origin; OpenStreetMap\'s attribution unless another is given', () => {
    const cfg = loadConfig({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png' });
    expect(mapTiles(cfg)).toEqual({
      mapTileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png', mapAttribution: '© OpenStreetMap contributors', mapAttributionUrl: 'https://www.openstreetmap.org/copyright',
    });
    expect(mapTileOrigin(cfg)).toBe('https://tile.openstreetmap.org');
    const own = loadConfig({ MAP_TILE_URL: 'http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png?key=abc', MAP_ATTRIBUTION: '© Maanmittauslaitos' });
    expect(mapTiles(own)).toMatchObject({ mapAttribution: '© Maanmittauslaitos', mapAttributionUrl: null });
    expect(mapTileOrigin(own)).toBe('http://127.0.0.1:8080');
  });

  it('refuses at start a template without {z}, {x} and {y}, or not an http(s) URL on one host', () => {
    for (const bad of ['https://tile.openstreetmap.org/{z}/{x}.png', 'tile.openstreetmap.org/{z}/{x}/{y}.png', 'ftp://tiles.example.fi/{z}/{x}/{y}.png', 'https://{s}.tile.example.fi/{z}/{x}/{y}.png']) {
      expect(() => loadConfig({ MAP_TILE_URL: bad }), bad).toThrow(ConfigError);
    }
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tile.openstreetmap.org/{z}/{x}.png' })).toThrow(/MAP_TILE_URL: must contain \{z\}, \{x\} and \{y\}/);
  });
});

describe('docs/configuration.md', () => {
  const doc = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8');
  const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
  const documented = rows.flatMap((l) => [...l.split('|')[1].matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]));
  const defaults = loadConfig({}) as Record<string, unknown>;

  it('documents every variable Kassi reads, and no other', () => {
    expect([...documented].sort()).toEqual([...CONFIG_VARIABLES].sort());
  });

  it('gives each single variable the default the code has', () => {
    for (const row of rows) {
      const [, names, given] = row.split('|').map((c) => c.trim());
      const vars = [...names.matchAll(/`([A-Z_]+)`/g)].map((m) => m[1]);
      const values = given.split(',').map((v) => v.trim().replace(/^`|`$/g, ''));
      vars.forEach((name, i) => {
        const want = defaults[name];
        if (want === undefined || typeof want === 'object' || values[i] === undefined || values[i].startsWith('(')) return;
        expect(values[i], name).toBe(String(want));
      });
    }
  });
});
