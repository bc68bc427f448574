import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/app.ts';

const run = promisify(execFile);

interface Operation {
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema?: { type?: string } }> }>;
  security?: unknown[];
}

describe('the OpenAPI document describes what the server answers', () => {
  let ctx: TestContext;
  let doc: { servers?: unknown[]; paths: Record<string, Record<string, Operation>> };
  const dir = mkdtempSync(join(tmpdir(), 'kassi-openapi-'));
  beforeAll(async () => {
    ctx = await startTestApp();
    doc = (await ctx.http().get('/openapi.json')).body;
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx?.close();
  });

  const operationOf = (method: string, url: string) => doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];

  it('lints clean with Redocly (recommended rules, redocly.yaml): no error, no warning', async () => {
    const file = join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(doc));
    const out = await run(join('node_modules', '.bin', 'redocly'), ['lint', file, '--config', 'redocly.yaml', '--format', 'json'], {
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' }, maxBuffer: 64 * 1024 * 1024,
    }).then((r) => r.stdout, (e: { stdout: string }) => e.stdout);
    const report = JSON.parse(out) as { totals: { errors: number; warnings: number }; problems: { ruleId: string; message: string }[] };
    expect(report.problems.map((p) => `${p.ruleId}: ${p.message}`)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  }, 120_000);

  it('declares, for every registered route, the statuses the edge can answer, problems as problem+json, and its security', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const documented = ctx.routes.filter((r) => operationOf(r.method, r.url));
    expect(documented.length).toBeGreaterThan(40);
    for (const route of documented) {
      const op = operationOf(route.method, route.url)!;
      const name = `${route.method} ${route.url}`;
      const statuses = Object.keys(op.responses);
      expect(statuses, name).toEqual(expect.arrayContaining(['400', '431', '500', '503']));
      expect(statuses.some((s) => s.startsWith('2')), name).toBe(true);
      expect(op.security, name).toEqual(route.access?.roles === 'anyone' ? [] : [{ bearerAuth: [] }]);
      if (route.access?.roles !== 'anyone') expect(statuses, name).toEqual(expect.arrayContaining(['401', '403']));
      if (['POST', 'PUT', 'PATCH'].includes(route.method)) expect(statuses, name).toEqual(expect.arrayContaining(['413', '415']));
      if (route.method === 'POST') expect(op.parameters?.some((p) => p.name === 'Idempotency-Key' && p.in === 'header'), name).toBe(true);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect(Object.keys(response.content ?? {}), `${name} ${status}`).toEqual(['application/problem+json']);
      }
    }
  });

  it('declares the media types the routes really send', async () => {
    const mediaOf = (method: string, url: string, status: string) => Object.keys(operationOf(method, url)?.responses[status]?.content ?? {});
    expect(mediaOf('GET', '/reports/tallies', '200')).toEqual(['application/json', 'text/csv']);
    expect(operationOf('GET', '/reports/tallies')?.responses['200'].content?.['text/csv'].schema).toEqual({ type: 'string' });
    // The JSON answer keeps its own schema beside the CSV's string (a validator checks a JSON body against it).
    for (const [method, url] of [['GET', '/reports/tallies'], ['GET', '/audit'], ['GET', '/recalls'], ['GET', '/reports/funder']] as const) {
      expect(operationOf(method, url)?.responses['200'].content?.['application/json'].schema, url).toMatchObject({ type: 'object' });
    }
    expect(mediaOf('GET', '/recalls', '200')).toEqual(['application/json', 'text/csv']);
    expect(mediaOf('GET', '/storage-units/:id/temperature-readings', '200')).toEqual(['application/json', 'text/csv']);
    expect(mediaOf('GET', '/routes/:id/sheet', '200')).toEqual(['text/html']);
    expect(mediaOf('GET', '/reports/chart.svg', '200')).toEqual(['image/svg+xml']);
    expect(Object.keys(operationOf('POST', '/auth/login')!.responses)).toContain('429');
  });

  it('every answer of a sample of real requests is declared for its route, with its media type', async () => {
    const coordinator = await ctx.userToken('coordinator');
    const auth = { authorization: `Bearer ${coordinator.token}` };
    const depot = await ctx.http().post('/sites').set(auth)
      .send({ kind: 'depot', name: 'OpenAPI depot', municipality: 'Mikkeli', lat: 61.7, lon: 27.2 }).expect(201);
    const unit = await ctx.http().post('/storage-units').set(auth)
      .send({ depotId: depot.body.id, name: 'Cold room', temperatureClass: 'chilled', capacityKg: 500 }).expect(201);
    const samples: [string, string, () => Promise<{ status: number; headers: Record<string, string> }>][] = [
      ['POST', '/sites', () => ctx.http().post('/sites').set(auth).set('content-type', 'application/json').send(JSON.stringify({ name: 'x'.repeat(2_000_000) }))],
      ['POST', '/sites', () => ctx.http().post('/sites').set(auth).set('content-type', 'text/plain').send('hello')],
      ['POST', '/sites', () => ctx.http().post('/sites').send({})],
      ['GET', '/reports/tallies', () => ctx.http().get('/reports/tallies?from=2026-11-01&to=2026-11-30&period=month&by=donor').set(auth).set('accept', 'text/csv')],
      ['GET', '/reports/tallies', () => ctx.http().get('/reports/tallies?from=2026-11-01').set(auth)],
      ['GET', '/storage-units/:id/temperature-readings', () => ctx.http()
        .get(`/storage-units/${unit.body.id}/temperature-readings?from=2026-11-01&to=2026-11-30&locale=fi`).set(auth).set('accept', 'text/csv')],
      ['GET', '/sites/:id', () => ctx.http().get('/sites/00000000-0000-4000-8000-000000000000').set(auth)],
    ];
    for (const [method, url, send] of samples) {
      const res = await send();
      const declared = operationOf(method, url)?.responses[String(res.status)];
      expect(declared, `${method} ${url} answered ${res.status}`).toBeDefined();
      const type = String(res.headers['content-type']).split(';')[0];
      expect(Object.keys(declared?.content ?? {}), `${method} ${url} ${res.status}`).toContain(type);
    }
  });
});
