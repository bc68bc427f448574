import Fastify from 'fastify';
import { serializerCompiler } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Deps } from '../../../src/deps.ts';
import { webAppHttp } from '../../../src/modules/web-app/web-app.http.ts';
import { validatorCompiler } from '../../../src/plugins/problem.ts';

describe('the web app without a build', () => {
  it('logs how to build it at start-up and answers 503 under /app/, never a silent 404', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (l: string) => { lines.push(l); } });
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    await app.register(webAppHttp({ log, config: {} } as unknown as Deps, '/nonexistent/kassi-web/'));
    const res = await app.inject({ method: 'GET', url: '/app/intake' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'web_app_not_built', detail: 'The web app is not built: run npm run build:web' });
    const fi = await app.inject({ method: 'GET', url: '/app/intake', headers: { 'accept-language': 'fi' } });
    expect(fi.json()).toMatchObject({ code: 'web_app_not_built', title: 'Palvelu ei ole käytettävissä', detail: 'Sovellusta ei ole koottu: aja npm run build:web' });
    expect((await app.inject({ method: 'GET', url: '/' })).headers.location).toBe('/app/');
    expect(lines.join('')).toMatch(/the web app is not built: run `npm run build:web`/);
    await app.close();
  });
});
