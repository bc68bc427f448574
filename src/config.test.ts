import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

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
