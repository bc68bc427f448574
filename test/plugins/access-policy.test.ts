import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/plugins/access.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';

describe('access policy', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx?.close());

  it('every registered route declares who may call it', () => {
    const missing = ctx.routes.filter((r) => !r.access).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    expect(ctx.routes.length).toBeGreaterThan(15);
  });

  it('routes for signed-in users answer 401 without a token', async () => {
    const guarded = ctx.routes.filter((r) => r.access && r.access.roles !== 'anyone' && ['GET', 'POST', 'PATCH'].includes(r.method));
    for (const r of guarded) {
      const url = r.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      const res = await ctx.http()[r.method.toLowerCase() as 'get' | 'post' | 'patch'](url).send({});
      expect(res.status, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('every role outside a route’s roles answers 403', async () => {
    const tokens = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, (await ctx.userToken(role, role === 'point_lead' ? { pointId: await pointId() } : {})).token])));
    const restricted = ctx.routes.filter((r) => Array.isArray(r.access?.roles) && ['GET', 'POST', 'PATCH'].includes(r.method));
    for (const r of restricted) {
      const url = r.url.replace(/:(\w+)/g, '00000000-0000-4000-8000-000000000000');
      for (const role of ROLES.filter((x) => !(r.access!.roles as readonly string[]).includes(x))) {
        const res = await ctx.http()[r.method.toLowerCase() as 'get' | 'post' | 'patch'](url).set(bearer(tokens[role])).send({});
        expect(res.status, `${role} ${r.method} ${r.url}`).toBe(403);
      }
    }
  });

  async function pointId() {
    const admin = await ctx.userToken('coordinator');
    const res = await ctx.http().post('/sites').set(bearer(admin.token)).send({ kind: 'point', name: 'P', municipality: 'M', lat: 61, lon: 27 });
    return res.body.id as string;
  }
});
