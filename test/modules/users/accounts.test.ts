import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';

const PROXY = '127.0.0.1,::1,::ffff:127.0.0.1';

for (const mode of ['postgres', 'embedded'] as const) {
  describe(`accounts (${mode === 'postgres' ? 'PostgreSQL, failures counted in Redis' : 'embedded'})`, () => {
    let ctx: TestContext;
    let coordinator: { token: string; id: string };
    beforeAll(async () => {
      ctx = await startTestApp({ mode, redis: mode === 'postgres', env: { LOGIN_MAX_PER_ACCOUNT: '3', LOGIN_MAX_PER_IP: '1000', TRUST_PROXY: PROXY } });
      coordinator = await ctx.userToken('coordinator');
    });
    afterAll(() => ctx?.close());

    const signIn = (email: string, password: string, from = '198.51.100.1') =>
      ctx.http().post('/auth/login').set('x-forwarded-for', from).send({ email, password });
    const me = async (token: string) => (await ctx.http().get('/me').set(bearer(token))).status;

    it('keeps a lock-out to the address that failed: the right password from another address still signs in', async () => {
      const { email, password } = await ctx.userToken('warehouse');
      for (let i = 0; i < 3; i++) expect((await signIn(email, 'wrong-password', '203.0.113.66')).status).toBe(401);
      const locked = await signIn(email, password, '203.0.113.66');
      expect(locked.status).toBe(429);
      expect(locked.body.code).toBe('rate_limited');
      expect((await signIn(email, password, '198.51.100.20')).status).toBe(200);
      // The attacker's address stays locked for the account, while others sign in as often as they like.
      expect((await signIn(email, 'wrong-password', '203.0.113.66')).status).toBe(429);
    });

    it('never counts a successful sign-in, and forgets failures once the right password comes', async () => {
      const { email, password } = await ctx.userToken('driver');
      for (let i = 0; i < 10; i++) expect((await signIn(email, password)).status).toBe(200);
      expect((await signIn(email, 'wrong-password')).status).toBe(401);
      expect((await signIn(email, 'wrong-password')).status).toBe(401);
      expect((await signIn(email, password)).status).toBe(200);
      expect((await signIn(email, 'wrong-password')).status).toBe(401);
      expect((await signIn(email, 'wrong-password')).status).toBe(401);
      expect((await signIn(email, password)).status).toBe(200);
    });

    it('ends every sign-in of a deactivated user, and reactivating brings none back', async () => {
      const user = await ctx.userToken('driver');
      const second = (await signIn(user.email, user.password)).body.token as string;
      const page = String((await ctx.http().post('/auth/page-session').set(bearer(second))).headers['set-cookie']).split(';')[0];
      expect(await me(user.token)).toBe(200);
      const off = await ctx.http().patch(`/users/${user.id}`).set(bearer(coordinator.token)).send({ active: false });
      expect(off.status).toBe(200);
      expect(await me(user.token)).toBe(401);
      const on = await ctx.http().patch(`/users/${user.id}`).set(bearer(coordinator.token)).send({ active: true });
      expect(on.body.active).toBe(true);
      expect(await me(user.token)).toBe(401);
      expect(await me(second)).toBe(401);
      expect((await ctx.http().get('/reports/funder?from=2026-01-01&to=2026-01-31').set('accept', 'text/html').set('cookie', page)).status).toBe(401);
      const again = await signIn(user.email, user.password);
      expect(again.status).toBe(200);
      expect(await me(again.body.token)).toBe(200);
    });

    it('changes one\'s own password with the current one, ending every other sign-in', async () => {
      const user = await ctx.userToken('warehouse');
      const phone = (await signIn(user.email, user.password)).body.token as string;
      const wrong = await ctx.http().post('/me/password').set(bearer(user.token)).set('accept-language', 'fi').send({ current: 'not-my-password', new: 'a-new-long-password' });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({ code: 'wrong_current_password', detail: 'Nykyinen salasana ei ole oikein' });
      expect(wrong.body.errors).toEqual([{ path: 'body.current', message: 'Nykyinen salasana ei ole oikein' }]);
      const short = await ctx.http().post('/me/password').set(bearer(user.token)).send({ current: user.password, new: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.errors[0].path).toBe('body.new');
      const ok = await ctx.http().post('/me/password').set(bearer(user.token)).send({ current: user.password, new: 'a-new-long-password' });
      expect(ok.status).toBe(204);
      expect(await me(user.token)).toBe(200);
      expect(await me(phone)).toBe(401);
      expect((await signIn(user.email, user.password)).status).toBe(401);
      expect((await signIn(user.email, 'a-new-long-password')).status).toBe(200);
    });

    it('signs out everywhere: every token of the user, the caller\'s too', async () => {
      const user = await ctx.userToken('driver');
      const other = (await signIn(user.email, user.password)).body.token as string;
      const bystander = await ctx.userToken('driver');
      const res = await ctx.http().post('/auth/logout-everywhere').set(bearer(user.token));
      expect(res.status).toBe(204);
      expect(String(res.headers['set-cookie'])).toMatch(/^kassi_page=; Path=\/; Max-Age=0/);
      expect(await me(user.token)).toBe(401);
      expect(await me(other)).toBe(401);
      expect(await me(bystander.token)).toBe(200);
      expect((await ctx.http().post('/auth/logout-everywhere')).status).toBe(401);
    });

    it('lets a coordinator give a one-time reset code that sets a new password and ends every sign-in', async () => {
      const user = await ctx.userToken('warehouse');
      expect((await ctx.http().post(`/users/${user.id}/password-reset`).set(bearer(user.token))).status).toBe(403);
      const first = await ctx.http().post(`/users/${user.id}/password-reset`).set(bearer(coordinator.token));
      expect(first.status).toBe(201);
      expect(first.body.code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
      const issued = await ctx.http().post(`/users/${user.id}/password-reset`).set(bearer(coordinator.token));
      const { code } = issued.body;
      const redeem = (c: string, password = 'reset-long-password', email = user.email) => ctx.http().post('/auth/password-reset').send({ email, code: c, password });
      // A newer code voids the first; a code is for its own user only.
      expect((await redeem(first.body.code)).status).toBe(400);
      const other = await ctx.userToken('driver');
      expect((await redeem(code, 'reset-long-password', other.email)).body.code).toBe('reset_code_invalid');
      // Typed in lower case without dashes, as people do.
      const done = await redeem(code.toLowerCase().replaceAll('-', ''));
      expect(done.status).toBe(204);
      expect(await me(user.token)).toBe(401);
      expect((await redeem(code, 'yet-another-password')).status).toBe(400);
      expect((await signIn(user.email, 'reset-long-password')).status).toBe(200);
      expect((await signIn(user.email, 'yet-another-password')).status).toBe(401);
      expect((await ctx.http().post(`/users/00000000-0000-4000-8000-000000000000/password-reset`).set(bearer(coordinator.token))).status).toBe(404);
    });

    it('refuses to deactivate the last active coordinator (409), itself included', async () => {
      const other = await ctx.userToken('coordinator');
      const coordinators = await ctx.http().get('/users?role=coordinator&active=true').set(bearer(coordinator.token));
      for (const c of coordinators.body.items as { id: string }[]) {
        if (c.id === coordinator.id || c.id === other.id) continue;
        expect((await ctx.http().patch(`/users/${c.id}`).set(bearer(coordinator.token)).send({ active: false })).status).toBe(200);
      }
      expect((await ctx.http().patch(`/users/${other.id}`).set(bearer(coordinator.token)).send({ active: false })).status).toBe(200);
      const last = await ctx.http().patch(`/users/${coordinator.id}`).set(bearer(coordinator.token)).set('accept-language', 'fi').send({ active: false });
      expect(last.status).toBe(409);
      expect(last.body.code).toBe('last_coordinator');
      expect(await me(coordinator.token)).toBe(200);
      // With a second one active again, the first may go.
      expect((await ctx.http().patch(`/users/${other.id}`).set(bearer(coordinator.token)).send({ active: true })).status).toBe(200);
      const otherToken = (await signIn(other.email, other.password)).body.token as string;
      expect((await ctx.http().patch(`/users/${coordinator.id}`).set(bearer(otherToken)).send({ active: false })).status).toBe(200);
      expect((await ctx.http().patch(`/users/${other.id}`).set(bearer(otherToken)).send({ active: false })).status).toBe(409);
      coordinator = { token: otherToken, id: other.id };
    });

    it('refuses two coordinators deactivating each other at once from leaving none', async () => {
      const a = await ctx.userToken('coordinator');
      const coordinators = await ctx.http().get('/users?role=coordinator&active=true').set(bearer(a.token));
      for (const c of coordinators.body.items as { id: string }[]) {
        if (c.id !== a.id && c.id !== coordinator.id) await ctx.http().patch(`/users/${c.id}`).set(bearer(a.token)).send({ active: false });
      }
      const [x, y] = await Promise.all([
        ctx.http().patch(`/users/${coordinator.id}`).set(bearer(a.token)).send({ active: false }),
        ctx.http().patch(`/users/${a.id}`).set(bearer(coordinator.token)).send({ active: false }),
      ]);
      // One wins; the other is 409 (it waited for the lock) or 401 (its caller was already deactivated).
      expect([x.status, y.status].filter((s) => s === 200)).toHaveLength(1);
      expect([x.status, y.status].filter((s) => s === 409 || s === 401)).toHaveLength(1);
      const left = await ctx.http().get('/users?role=coordinator&active=true').set(bearer(x.status === 200 ? a.token : coordinator.token));
      expect(left.body.items).toHaveLength(1);
    });
  });
}
