import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from './config.ts';

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
