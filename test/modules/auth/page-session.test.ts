import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';

/** Links from the app to printable pages: a navigation has no bearer header, so a page cookie signs in, for pages only. */
describe('the page cookie', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx?.close());

  const FUNDER = '/reports/funder?from=2026-01-01&to=2026-01-31';

  it('opens a printable page for the signed-in user, never a write or a JSON route, and dies with sign-out', async () => {
    const { token } = await ctx.userToken('coordinator');
    const issued = await ctx.http().post('/auth/page-session').set(bearer(token));
    expect(issued.status).toBe(204);
    const setCookie = String(issued.headers['set-cookie']);
    expect(setCookie).toMatch(/^kassi_page=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Strict/);
    const cookie = setCookie.split(';')[0];

    expect((await ctx.http().get(FUNDER).set('accept', 'text/html')).status).toBe(401);
    const page = await ctx.http().get(FUNDER).set('accept', 'text/html').set('cookie', cookie);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);

    expect((await ctx.http().get('/sites').set('cookie', cookie)).status).toBe(401);
    const write = await ctx.http().post('/sites').set('cookie', cookie).send({ kind: 'donor', name: 'Via cookie', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });
    expect(write.status).toBe(401);

    const out = await ctx.http().post('/auth/logout').set(bearer(token));
    expect(String(out.headers['set-cookie'])).toMatch(/^kassi_page=; Path=\/; Max-Age=0/);
    expect((await ctx.http().get(FUNDER).set('accept', 'text/html').set('cookie', cookie)).status).toBe(401);
  });

  it('is only for a signed-in user', async () => {
    expect((await ctx.http().post('/auth/page-session')).status).toBe(401);
  });
});
