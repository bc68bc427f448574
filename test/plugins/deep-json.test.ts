import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ROLES, type CallerRole } from '../../src/plugins/access.ts';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { donorSession, seedNetwork } from '../helpers/fixtures.ts';

/** `depth` arrays inside each other: `[[[…]]]`. */
const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** `depth` objects inside each other: `{"a":{"a":…{}}}`. */
const objects = (depth: number) => `${'{"a":'.repeat(depth - 1)}{}${'}'.repeat(depth - 1)}`;

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

for (const mode of ['postgres', 'embedded'] as const) {
  describe(`a deeply nested JSON body (${mode})`, () => {
    let ctx: TestContext;
    const tokens = {} as Record<CallerRole, string>;
    beforeAll(async () => {
      ctx = await startTestApp({ mode, env: { LOGIN_MAX_PER_IP: '100000' } });
      const net = await seedNetwork(ctx);
      for (const role of ROLES) tokens[role] = (await ctx.userToken(role, role === 'point_lead' ? { pointId: net.point.id } : {})).token;
      tokens.donor = (await donorSession(ctx, net.auth, net.donor.id)).token;
    });
    afterAll(() => ctx?.close());

    it('is 400 json_too_deep on every route that takes a body, at every depth from 33 to a whole 1 MB of brackets', async () => {
      const routes = ctx.routes.filter((r) => BODY_METHODS.has(r.method) && r.access && !r.url.includes('*'));
      expect(routes.length).toBeGreaterThan(30);
      const bodies = [arrays(33), objects(4000), arrays(4000), objects(100_000), arrays(512 * 1024 - 1)];
      for (const route of routes) {
        const url = route.url.replace(/:(\w+)/g, () => randomUUID());
        const roles = route.access!.roles;
        const who = roles === 'anyone' ? {} : bearer(tokens[roles === 'any_user' ? 'driver' : roles[0]]);
        for (const body of bodies) {
          const res = await ctx.http()[route.method.toLowerCase() as 'post'](url).set(who).set('content-type', 'application/json').send(body);
          expect({ route: `${route.method} ${route.url}`, status: res.status, code: res.body.code }).toEqual({ route: `${route.method} ${route.url}`, status: 400, code: 'json_too_deep' });
        }
      }
    });

    it('answers the sign-in the same, in Finnish when asked, and still takes an ordinary body', async () => {
      const res = await ctx.http().post('/auth/login').set('accept-language', 'fi').set('content-type', 'application/json').send(`{"email":${arrays(5000)}}`);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'json_too_deep', detail: 'Sisältö on sisäkkäin syvemmällä kuin 32 tasoa' });
      // Brackets inside strings do not count, nor do escaped quotes.
      const inString = await ctx.http().post('/auth/login').send({ email: `${'['.repeat(100)}\\"${'{'.repeat(100)}@x.example`, password: 'x' });
      expect(inString.status).toBe(401);
      const server = await ctx.http().get('/health/live');
      expect(server.status).toBe(200);
    });
  });
}
