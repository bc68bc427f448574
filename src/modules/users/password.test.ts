import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password.ts';

const saved = { hashing: process.env.PASSWORD_HASHING, env: process.env.NODE_ENV };
afterEach(() => {
  process.env.PASSWORD_HASHING = saved.hashing;
  process.env.NODE_ENV = saved.env;
});

describe('password hashing', () => {
  it('uses argon2id at full strength by default', async () => {
    delete process.env.PASSWORD_HASHING;
    expect(await hashPassword('correct-horse-battery')).toMatch(/^\$argon2id\$v=19\$m=65536,p=4,t=3\$/);
  });

  it('uses the minimum cost in a test run, and the hash still verifies', async () => {
    process.env.PASSWORD_HASHING = 'test';
    const hash = await hashPassword('correct-horse-battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=1024,p=1,t=1\$/);
    expect(await verifyPassword(hash, 'correct-horse-battery')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
  });

  it('refuses the test cost under NODE_ENV=production', async () => {
    process.env.PASSWORD_HASHING = 'test';
    process.env.NODE_ENV = 'production';
    await expect(hashPassword('correct-horse-battery')).rejects.toThrow(/refused/);
  });

  it('never accepts an unknown account, whatever the password', async () => {
    process.env.PASSWORD_HASHING = 'test';
    expect(await verifyPassword(undefined, 'correct-horse-battery')).toBe(false);
    expect(await verifyPassword(null, '')).toBe(false);
  });
});
