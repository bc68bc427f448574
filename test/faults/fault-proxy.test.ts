import { createConnection, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../helpers/fault-proxy.ts';
import { ADMIN_URL, REDIS_URL } from '../global-setup.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A client socket that collects what it receives and how it ended. */
function dial(port: number) {
  const sock: Socket = createConnection({ port, host: '127.0.0.1' });
  let got = '';
  let ended: string | null = null;
  sock.on('data', (d) => (got += d));
  sock.on('error', (e: NodeJS.ErrnoException) => (ended = e.code ?? 'error'));
  sock.on('close', () => (ended ??= 'closed'));
  return { sock, got: () => got, ended: () => ended, ready: new Promise<void>((r) => sock.once('connect', () => r())) };
}

async function until(cond: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await sleep(10);
  return cond();
}

describe('fault proxy', () => {
  let echo: Server;
  let echoPort: number;
  beforeAll(async () => {
    echo = createServer((s) => s.on('data', (d) => s.write(d)).on('error', () => {}));
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', () => r()));
    echoPort = (echo.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((r) => echo.close(() => r())));

  it('passes bytes both ways until told otherwise', async () => {
    const px = await startFaultProxy(echoPort);
    const c = dial(px.port);
    await c.ready;
    c.sock.write('hello');
    expect(await until(() => c.got() === 'hello')).toBe(true);
    c.sock.destroy();
    await px.close();
  });

  it('holds traffic while paused (also for new connections) and delivers it on resume', async () => {
    const px = await startFaultProxy(echoPort);
    const a = dial(px.port);
    await a.ready;
    px.pause();
    a.sock.write('one');
    const b = dial(px.port);
    await b.ready;
    b.sock.write('two');
    await sleep(200);
    expect([a.got(), b.got()]).toEqual(['', '']);
    px.resume();
    expect(await until(() => a.got() === 'one' && b.got() === 'two')).toBe(true);
    a.sock.destroy();
    b.sock.destroy();
    await px.close();
  });

  it('delays every chunk', async () => {
    const px = await startFaultProxy(echoPort);
    px.delay(150);
    const c = dial(px.port);
    await c.ready;
    c.sock.write('slow');
    await sleep(100);
    expect(c.got()).toBe('');
    expect(await until(() => c.got() === 'slow')).toBe(true);
    c.sock.destroy();
    await px.close();
  });

  it('resets open connections', async () => {
    const px = await startFaultProxy(echoPort);
    const c = dial(px.port);
    await c.ready;
    c.sock.write('x');
    await until(() => c.got() === 'x');
    px.reset();
    expect(await until(() => c.ended() !== null)).toBe(true);
    expect(c.ended()).toBe('ECONNRESET');
    await px.close();
  });

  it('blackholes: accepts and swallows, answers nothing; heal resets the damaged streams and passes new ones', async () => {
    const px = await startFaultProxy(echoPort);
    const old = dial(px.port);
    await old.ready;
    px.blackhole();
    old.sock.write('lost');
    const fresh = dial(px.port);
    await fresh.ready;
    fresh.sock.write('also lost');
    await sleep(200);
    expect([old.got(), fresh.got(), old.ended(), fresh.ended()]).toEqual(['', '', null, null]);
    px.heal();
    expect(await until(() => old.ended() === 'ECONNRESET' && fresh.ended() === 'ECONNRESET')).toBe(true);
    const after = dial(px.port);
    await after.ready;
    after.sock.write('back');
    expect(await until(() => after.got() === 'back')).toBe(true);
    after.sock.destroy();
    await px.close();
  });

  it('drops the answer of a chosen share of connections after the upstream has seen the request', async () => {
    let seen = 0;
    const counting = createServer((s) => s.on('data', (d) => { seen += 1; s.write(d); }).on('error', () => {}));
    await new Promise<void>((r) => counting.listen(0, '127.0.0.1', () => r()));
    let i = 0;
    const px = await startFaultProxy((counting.address() as { port: number }).port, '127.0.0.1', () => (i++ % 2 === 0 ? 0.1 : 0.9));
    px.dropResponses(0.5);
    const conns = Array.from({ length: 6 }, () => dial(px.port));
    await Promise.all(conns.map((c) => c.ready));
    conns.forEach((c) => c.sock.write('req'));
    expect(await until(() => conns.every((c) => c.got() === 'req' || c.ended() === 'ECONNRESET'))).toBe(true);
    expect(seen).toBe(6);
    expect(conns.map((c) => c.got())).toEqual(['', 'req', '', 'req', '', 'req']);
    expect(px.stats.dropped).toBe(3);
    conns.forEach((c) => c.sock.destroy());
    await px.close();
    await new Promise<void>((r) => counting.close(() => r()));
  });

  it('sits in front of PostgreSQL and Redis: a reset fails the open connection, the next one works', async () => {
    const pgUrl = new URL(ADMIN_URL);
    const pgPx = await startFaultProxy(Number(pgUrl.port || 5432), pgUrl.hostname);
    const client = new pg.Client({ connectionString: `postgres://${pgUrl.username}@127.0.0.1:${pgPx.port}${pgUrl.pathname}` });
    client.on('error', () => {});
    await client.connect();
    expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    pgPx.reset();
    await expect(client.query('select 1')).rejects.toThrow();
    const again = new pg.Client({ connectionString: `postgres://${pgUrl.username}@127.0.0.1:${pgPx.port}${pgUrl.pathname}` });
    await again.connect();
    expect((await again.query('select 2 as two')).rows).toEqual([{ two: 2 }]);
    await again.end();
    await pgPx.close();

    const rUrl = new URL(REDIS_URL);
    const rPx = await startFaultProxy(Number(rUrl.port || 6379), rUrl.hostname);
    const redis = new Redis(rPx.port, '127.0.0.1', { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    redis.on('error', () => {});
    await redis.connect();
    expect(await redis.ping()).toBe('PONG');
    rPx.blackhole();
    await expect(Promise.race([redis.ping(), sleep(500).then(() => 'no answer')])).resolves.toBe('no answer');
    rPx.heal();
    expect(await until(() => redis.status === 'ready', 5000)).toBe(true);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
    await rPx.close();
  });
});
