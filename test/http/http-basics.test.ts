import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';

describe('HTTP basics', () => {
  let ctx: TestContext;
  let token: string;
  beforeAll(async () => {
    ctx = await startTestApp({ env: { BODY_LIMIT_BYTES: String(64 * 1024) } });
    token = (await ctx.userToken('coordinator')).token;
  });
  afterAll(() => ctx?.close());

  it('answers validation errors as problem+json with every failing path', async () => {
    const res = await ctx.http().post('/sites').set(bearer(token)).send({ kind: 'shop', name: 3, lat: 'north', extra: true });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.any(String), title: 'Bad Request', status: 400, code: 'validation_failed' });
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.kind', 'body.name', 'body.lat', 'body.municipality', 'body.extra']));
  });

  it('refuses malformed dates and bad query values', async () => {
    const res = await ctx.http().post('/sites/00000000-0000-4000-8000-000000000000/distribution-days').set(bearer(token)).send({ weekday: 'someday', start: '25:00', end: '12:00' });
    expect(res.status).toBe(400);
    const q = await ctx.http().get('/sites?kind=warehouse').set(bearer(token));
    expect(q.status).toBe(400);
    expect(q.body.errors[0].path).toBe('querystring.kind');
  });

  it('answers 400 for a malformed id, 404 for an unknown one, never a 500', async () => {
    expect((await ctx.http().get('/sites/not-a-uuid').set(bearer(token))).status).toBe(400);
    const res = await ctx.http().get('/sites/00000000-0000-4000-8000-000000000000').set(bearer(token));
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });

  it('answers 413 for a body over the limit and keeps no stack traces', async () => {
    const res = await ctx.http().post('/sites').set(bearer(token)).set('content-type', 'application/json')
      .send(JSON.stringify({ kind: 'depot', name: 'x'.repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('body_too_large');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('answers invalid JSON with 400 problem+json', async () => {
    const res = await ctx.http().post('/sites').set(bearer(token)).set('content-type', 'application/json').send('{"kind":');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await ctx.http().get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('serves an OpenAPI 3 document listing every route, and the API browser', async () => {
    const res = await ctx.http().get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = new Set<string>();
    for (const [path, ops] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) documented.add(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`);
    }
    // The phone app (/app/…) and its entry (/) are pages, not API routes.
    const apiRoutes = ctx.routes.filter((r) => !['HEAD', 'OPTIONS'].includes(r.method) && !/^\/(docs|openapi\.json|metrics|app(\/|$))/.test(r.url) && r.url !== '/');
    for (const r of apiRoutes) expect(documented, `${r.method} ${r.url}`).toContain(`${r.method} ${r.url}`);
    const docs = await ctx.http().get('/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toMatch(/swagger/i);
  });

  it('reports liveness and readiness', async () => {
    expect((await ctx.http().get('/health/live')).body).toEqual({ status: 'ok' });
    const ready = await ctx.http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ database: 'ok', redis: 'not_used' });
  });

  it('exposes Prometheus metrics with request counts, latency and queue depth to a signed-in user', async () => {
    expect((await ctx.http().get('/metrics')).status).toBe(401);
    const res = await ctx.http().get('/metrics').set(bearer(token));
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/http_requests_total\{method="GET",route="\/health\/live",status="200"\} \d+/);
    expect(res.text).toMatch(/http_request_duration_seconds_bucket/);
    expect(res.text).toMatch(/job_queue_depth\{state="waiting"\}/);
  });

  it('sets security headers and echoes a request id', async () => {
    const res = await ctx.http().get('/health/live').set('x-request-id', 'abc-123');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-request-id']).toBe('abc-123');
    const generated = await ctx.http().get('/health/live');
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
