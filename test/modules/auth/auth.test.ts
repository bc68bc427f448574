import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { authTokens, users } from '../../../src/db/schema/index.ts';
import { hashToken } from '../../../src/plugins/access.ts';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { seedNetwork } from '../../helpers/fixtures.ts';

describe('auth', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ env: { LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000', BOOTSTRAP_ADMIN_EMAIL: 'Boss@Example.org', BOOTSTRAP_ADMIN_PASSWORD: 'bootstrap-pass-1' } });
  });
  afterAll(() => ctx?.close());

  it('creates the bootstrap coordinator on an empty database, who can sign in', async () => {
    const res = await ctx.http().post('/auth/login').send({ email: 'boss@example.org', password: 'bootstrap-pass-1' });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: 'boss@example.org', role: 'coordinator' });
    const me = await ctx.http().get('/me').set(bearer(res.body.token));
    expect(me.body).toEqual(res.body.user);
  });

  it('stores the token only as a hash and the password only as an argon2id hash', async () => {
    const { token, id } = await ctx.userToken('warehouse');
    const rows = await ctx.deps.database.db.select().from(authTokens).where(eq(authTokens.userId, id));
    expect(rows.map((r) => r.tokenHash)).toEqual([hashToken(token)]);
    const [u] = await ctx.deps.database.db.select().from(users).where(eq(users.id, id));
    expect(u.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('never returns a password or its hash', async () => {
    const admin = await ctx.userToken('coordinator');
    const list = await ctx.http().get('/users').set(bearer(admin.token));
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i);
  });

  it('revokes the token on logout', async () => {
    const { token } = await ctx.userToken('driver');
    expect((await ctx.http().get('/me').set(bearer(token))).status).toBe(200);
    expect((await ctx.http().post('/auth/logout').set(bearer(token))).status).toBe(204);
    expect((await ctx.http().get('/me').set(bearer(token))).status).toBe(401);
  });

  it('refuses an expired token and a made-up one with 401', async () => {
    const { token, id } = await ctx.userToken('driver');
    await ctx.deps.database.db.update(authTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(authTokens.userId, id));
    const res = await ctx.http().get('/me').set(bearer(token));
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect((await ctx.http().get('/me').set(bearer('made-up'))).status).toBe(401);
  });

  it('answers a wrong password with 401 and locks the account out for that address with 429 after repeated failures', async () => {
    const { email } = await ctx.userToken('warehouse'); // a successful sign-in, which never counts
    for (let i = 0; i < 3; i++) expect((await ctx.http().post('/auth/login').send({ email, password: 'wrong-password' })).status).toBe(401);
    const locked = await ctx.http().post('/auth/login').send({ email, password: 'correct-horse-battery' });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
  });

  it('lets a coordinator create users; a point lead must name a point', async () => {
    const admin = await ctx.userToken('coordinator');
    const net = await seedNetwork(ctx);
    const noPoint = await ctx.http().post('/users').set(bearer(admin.token)).send({ email: 'lead@x.example', name: 'Lead', role: 'point_lead', password: 'long-enough-pw' });
    expect(noPoint.status).toBe(422);
    const ok = await ctx.http().post('/users').set(bearer(admin.token)).send({ email: 'lead@x.example', name: 'Lead', role: 'point_lead', password: 'long-enough-pw', pointId: net.point.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ role: 'point_lead', pointId: net.point.id });
    const roleEscalation = await ctx.http().post('/users').set(bearer((await ctx.userToken('warehouse')).token)).send({ email: 'x@x.example', name: 'X', role: 'coordinator', password: 'long-enough-pw' });
    expect(roleEscalation.status).toBe(403);
  });
});

describe('login rate limit per IP', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ env: { LOGIN_MAX_PER_IP: '4', LOGIN_MAX_PER_ACCOUNT: '100' } });
  });
  afterAll(() => ctx?.close());

  it('answers 429 once one address has tried too often, whatever the account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await ctx.http().post('/auth/login').send({ email: `nobody${i}@x.example`, password: 'whatever-pw' })).status);
    }
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });
});

describe('login rate limit per IP behind a proxy', () => {
  const tries = async (ctx: TestContext, client: string) => {
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await ctx.http().post('/auth/login').set('x-forwarded-for', client).send({ email: `nobody${i}@x.example`, password: 'whatever-pw' })).status);
    }
    return statuses;
  };

  it('counts each client the trusted proxy names on its own', async () => {
    const ctx = await startTestApp({ env: { LOGIN_MAX_PER_IP: '2', LOGIN_MAX_PER_ACCOUNT: '100', TRUST_PROXY: '127.0.0.1,::1,::ffff:127.0.0.1' } });
    try {
      expect(await tries(ctx, '198.51.100.7')).toEqual([401, 401, 429]);
      expect(await tries(ctx, '198.51.100.8')).toEqual([401, 401, 429]);
    } finally {
      await ctx.close();
    }
  });

  it('ignores X-Forwarded-For when no proxy is trusted, so a client cannot pick a fresh address', async () => {
    const ctx = await startTestApp({ env: { LOGIN_MAX_PER_IP: '2', LOGIN_MAX_PER_ACCOUNT: '100' } });
    try {
      expect(await tries(ctx, '198.51.100.7')).toEqual([401, 401, 429]);
      expect(await tries(ctx, '198.51.100.8')).toEqual([429, 429, 429]);
    } finally {
      await ctx.close();
    }
  });
});
