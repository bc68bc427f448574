import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Response } from 'supertest';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';

const FUNDER = '/reports/funder?from=2026-01-01&to=2026-01-31';

/** The headers helmet sets, which every answer must carry. */
function expectSecurityHeaders(what: string, res: Response) {
  const h = res.headers;
  expect({ what, csp: h['content-security-policy'] }).toEqual({ what, csp: expect.stringContaining("script-src 'self'") });
  expect({ what, nosniff: h['x-content-type-options'], frame: h['x-frame-options'], hsts: h['strict-transport-security'] !== undefined, referrer: h['referrer-policy'], coop: h['cross-origin-opener-policy'] })
    .toEqual({ what, nosniff: 'nosniff', frame: 'SAMEORIGIN', hsts: true, referrer: 'no-referrer', coop: 'same-origin' });
}

/** The `script-src` directive of an answer's content security policy. */
const scriptSrc = (res: Response) => /script-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1];
/** The `style-src` directive of an answer's content security policy. */
const styleSrc = (res: Response) => /style-src ([^;]*)/.exec(String(res.headers['content-security-policy']))?.[1] ?? '';

for (const mode of ['postgres', 'embedded'] as const) {
  describe(`security headers on every answer (${mode})`, () => {
    let ctx: TestContext;
    let coordinator: string;
    let driver: string;
    beforeAll(async () => {
      ctx = await startTestApp({ mode });
      coordinator = (await ctx.userToken('coordinator')).token;
      driver = (await ctx.userToken('driver')).token;
    });
    afterAll(() => ctx?.close());

    it('carries them on 200, 400, 401, 403, 404 and 415, on JSON, printable pages and the app', async () => {
      const page = String((await ctx.http().post('/auth/page-session').set(bearer(coordinator))).headers['set-cookie']).split(';')[0];
      const answers: [string, Promise<Response>, number][] = [
        ['GET /me', ctx.http().get('/me').set(bearer(driver)), 200],
        ['GET /me without a token', ctx.http().get('/me'), 401],
        ['GET /me with a made-up token', ctx.http().get('/me').set(bearer('made-up')), 401],
        ['GET /users as a driver', ctx.http().get('/users').set(bearer(driver)), 403],
        ['POST /sites as a driver', ctx.http().post('/sites').set(bearer(driver)).send({}), 403],
        ['the printable funder report', ctx.http().get(FUNDER).set('accept', 'text/html').set('cookie', page), 200],
        ['the printable funder report without the cookie', ctx.http().get(FUNDER).set('accept', 'text/html'), 401],
        ['the printable funder report to a driver', ctx.http().get(FUNDER).set('accept', 'text/html').set(bearer(driver)), 403],
        ['an unknown path', ctx.http().get('/nowhere'), 404],
        ['a bad body', ctx.http().post('/auth/login').send({ email: 1 }), 400],
        ['a text body', ctx.http().post('/auth/login').set('content-type', 'text/plain').send('x'), 415],
        ['the phone app', ctx.http().get('/app/'), 200],
        ['the queue dashboard without a cookie', ctx.http().get('/admin/queues'), 401],
      ];
      for (const [what, pending, status] of answers) {
        const res = await pending;
        expect({ what, status: res.status }).toEqual({ what, status });
        expectSecurityHeaders(what, res);
        expect({ what, scriptSrc: scriptSrc(res) }).toEqual({ what, scriptSrc: expect.stringMatching(/^'self'( 'sha256-[A-Za-z0-9+/=]+')+$/) });
      }
    });

    it('allows no inline style outside /docs: a printable page\'s own <style> by its hash only', async () => {
      const page = String((await ctx.http().post('/auth/page-session').set(bearer(coordinator))).headers['set-cookie']).split(';')[0];
      const funder = await ctx.http().get(FUNDER).set('accept', 'text/html').set('cookie', page);
      const css = /<style>([\s\S]*?)<\/style>/.exec(funder.text)![1];
      const hash = `'sha256-${createHash('sha256').update(css, 'utf8').digest('base64')}'`;
      expect(styleSrc(funder)).toContain(hash);
      for (const res of [funder, await ctx.http().get('/app/'), await ctx.http().get('/me').set(bearer(driver))]) {
        expect(styleSrc(res)).not.toContain('unsafe-inline');
      }
      expect(styleSrc(await ctx.http().get('/docs/'))).toContain("'unsafe-inline'");
    });

    it('allows any inline script only on the API browser under /docs; elsewhere only a printable page\'s print button by its hash', async () => {
      const docs = await ctx.http().get('/docs/');
      expect(docs.status).toBe(200);
      expectSecurityHeaders('/docs/', docs);
      expect(scriptSrc(docs)).toBe("'self' 'unsafe-inline'");
      const page = String((await ctx.http().post('/auth/page-session').set(bearer(coordinator))).headers['set-cookie']).split(';')[0];
      const funder = await ctx.http().get(FUNDER).set('accept', 'text/html').set('cookie', page);
      const js = /<script>([\s\S]*?)<\/script>/.exec(funder.text)![1];
      expect(js).toContain('window.print()');
      const hash = `'sha256-${createHash('sha256').update(js, 'utf8').digest('base64')}'`;
      for (const res of [funder, await ctx.http().get('/openapi.json'), await ctx.http().get('/app/')]) expect(scriptSrc(res)).toBe(`'self' ${hash}`);
    });
  });
}
