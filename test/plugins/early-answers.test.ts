import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestContext } from '../helpers/app.ts';
import { rawConnection, rawRequest, type RawAnswer } from '../helpers/raw-http.ts';

const portOf = (ctx: TestContext) => (ctx.app.server.address() as AddressInfo).port;

/** The one answer of a request, checked to be problem+json. */
function problem(answers: RawAnswer[]) {
  expect(answers.length, JSON.stringify(answers)).toBe(1);
  expect(answers[0].headers['content-type']).toMatch(/^application\/problem\+json/);
  return { status: answers[0].status, ...(answers[0].body as Record<string, unknown>) };
}

/**
 * Answers given before any route runs (Node's parser, Fastify's router and body parsers, the
 * shutdown) are problem+json in the caller's language like every other answer, over raw sockets
 * against the real listening server.
 */
describe('answers before routing, in the caller’s language', () => {
  let ctx: TestContext;
  let port: number;
  beforeAll(async () => {
    ctx = await startTestApp({ env: { BODY_LIMIT_BYTES: '2048' } });
    port = portOf(ctx);
  });
  afterAll(() => ctx?.close());

  const request = (head: string, body = '') => rawRequest(port, `${head}\r\n\r\n${body}`);

  it('headers over the limit: 431 with Finnish title and detail when Accept-Language came with them', async () => {
    const fi = problem(await request(`GET /health/live HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nX-Big: ${'a'.repeat(20_000)}`));
    expect(fi).toMatchObject({ status: 431, code: 'headers_too_large', title: 'Otsakkeet ovat liian suuret', detail: 'Pyynnön otsakkeet ovat suuremmat kuin palvelin hyväksyy' });
    const en = problem(await request(`GET /health/live HTTP/1.1\r\nHost: kassi\r\nX-Big: ${'a'.repeat(20_000)}`));
    expect(en).toMatchObject({ status: 431, code: 'headers_too_large', title: 'Request Header Fields Too Large', detail: 'The request headers are larger than the server accepts' });
  });

  it('broken HTTP: 400 in Finnish', async () => {
    const res = problem(await request('GET /health/live HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nBad Header: x'));
    expect(res).toMatchObject({ status: 400, code: 'bad_request', title: 'Virheellinen pyyntö', detail: 'Pyyntö ei ole kelvollista HTTP:tä' });
    const smuggled = problem(await request('POST /auth/login HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nContent-Length: 2\r\nTransfer-Encoding: chunked', '0\r\n\r\n'));
    expect(smuggled).toMatchObject({ status: 400, title: 'Virheellinen pyyntö' });
  });

  it('a body over the limit: 413 in Finnish', async () => {
    const res = problem(await request('POST /auth/login HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nContent-Type: application/json\r\nContent-Length: 5000\r\nConnection: close', 'x'.repeat(5000)));
    expect(res).toMatchObject({ status: 413, code: 'body_too_large', title: 'Pyyntö on liian suuri', detail: 'Pyyntö on liian suuri' });
  });

  it('malformed and empty JSON: 400 in Finnish', async () => {
    const broken = problem(await request('POST /auth/login HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nContent-Type: application/json\r\nContent-Length: 9\r\nConnection: close', '{"email":'));
    expect(broken).toMatchObject({ status: 400, code: 'invalid_json', title: 'Virheellinen pyyntö', detail: 'Sisältö ei ole kelvollista JSONia' });
    const empty = problem(await request('POST /auth/login HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nContent-Type: application/json\r\nContent-Length: 0\r\nConnection: close'));
    expect(empty).toMatchObject({ status: 400, code: 'empty_body', title: 'Virheellinen pyyntö', detail: 'JSON-sisältö on tyhjä' });
  });

  it('an unknown route: 404 with a Finnish title', async () => {
    const res = problem(await request('GET /no-such-thing HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nConnection: close'));
    expect(res).toMatchObject({ status: 404, code: 'not_found', title: 'Ei löydy', detail: 'Osoitetta GET /no-such-thing ei ole' });
  });

  it('an address with broken percent-encoding: 400 problem+json in Finnish, not the router’s own JSON', async () => {
    const res = problem(await request('GET /sites/%E0%A4%A HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nConnection: close'));
    expect(res).toMatchObject({ status: 400, code: 'invalid_url', title: 'Virheellinen pyyntö', detail: 'Osoite ei ole kelvollinen (rikkinäinen prosenttikoodaus)' });
  });

  it('an Expect the server cannot meet: 417 problem+json in Finnish, not an empty answer', async () => {
    const res = problem(await request('POST /auth/login HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nExpect: lahja\r\nContent-Type: application/json\r\nContent-Length: 2', '{}'));
    expect(res).toMatchObject({ status: 417, code: 'expectation_failed', title: 'Odotusta ei voida täyttää', detail: 'Expect: lahja ei ole tuettu; lähetä pyyntö ilman sitä' });
  });

  it('an HTTP/1.1 request without Host: 400 problem+json in Finnish, not an empty answer', async () => {
    const res = problem(await request('GET /health/live HTTP/1.1\r\nAccept-Language: fi\r\nConnection: close'));
    expect(res).toMatchObject({ status: 400, code: 'missing_host', title: 'Virheellinen pyyntö', detail: 'HTTP/1.1-pyynnössä pitää olla Host-otsake' });
    const http10 = await request('GET /health/live HTTP/1.0\r\nAccept-Language: fi');
    expect(http10.map((a) => a.status)).toEqual([200]);
  });
});

describe('a request that takes too long to arrive', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp({ env: { REQUEST_TIMEOUT_MS: '1500' } });
  });
  afterAll(() => ctx?.close());

  it('is 408 in Finnish when its headers came with Accept-Language: fi and its body does not come', async () => {
    const conn = rawConnection(portOf(ctx));
    await conn.connected;
    await conn.write('POST /auth/login HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":');
    const res = problem(await conn.untilClosed());
    expect(res).toMatchObject({ status: 408, code: 'request_timeout', title: 'Pyyntö aikakatkaistiin', detail: 'Pyynnön saapuminen kesti liian kauan' });
  });

  it('is 408 problem+json in English when even its headers do not come (their language is not known yet)', async () => {
    const conn = rawConnection(portOf(ctx));
    await conn.connected;
    await conn.write('GET /health/live HTTP/1.1\r\nHost: kassi\r\n');
    const res = problem(await conn.untilClosed());
    expect(res).toMatchObject({ status: 408, code: 'request_timeout', title: 'Request Timeout', detail: 'The request took too long to arrive' });
  });

  it('does not cut off a request that arrives in time', async () => {
    const res = await rawRequest(portOf(ctx), 'GET /health/live HTTP/1.1\r\nHost: kassi\r\nConnection: close\r\n\r\n');
    expect(res.map((a) => a.status)).toEqual([200]);
  });
});

describe('a request arriving while the server shuts down', () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await startTestApp();
  });
  afterAll(() => ctx?.close());

  it('is 503 problem+json in Finnish, and the request already in flight on that connection completes', async () => {
    const port = portOf(ctx);
    const conn = rawConnection(port);
    await conn.connected;
    // A request in flight (its body still coming) keeps this connection open through the shutdown.
    const body = JSON.stringify({ email: 'nobody@kassi.example', password: 'not-the-password' });
    await conn.write(`POST /auth/login HTTP/1.1\r\nHost: kassi\r\nExpect: 100-continue\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
    // 100 Continue: the server has taken the request.
    await conn.untilText(/^HTTP\/1\.1 100 Continue\r\n\r\n/);
    const closing = ctx.app.close();
    // The server stops listening once it is closing: observable as a refused connection.
    await expect.poll(async () => {
      const probe = rawConnection(port);
      const refused = await Promise.race([probe.connected.then(() => false), new Promise<boolean>((r) => probe.socket.once('error', () => r(true)))]);
      probe.close();
      return refused;
    }, { timeout: 30_000, interval: 50 }).toBe(true);
    // The rest of the body, and one more request right behind it on the same connection.
    await conn.write(`${body}GET /health/live HTTP/1.1\r\nHost: kassi\r\nAccept-Language: fi\r\n\r\n`);
    const answers = await conn.untilClosed();
    expect(answers.map((a) => a.status)).toEqual([401, 503]);
    expect(answers[1].headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answers[1].body).toMatchObject({ status: 503, code: 'shutting_down', title: 'Palvelu ei ole käytettävissä', detail: 'Palvelin on sammumassa; yritä hetken päästä uudelleen' });
    await closing;
  });
});
