import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A small TCP proxy for fault tests, placed between a client and PostgreSQL, Redis or the
 * API (tc/netem and Docker are not available here). It listens on 127.0.0.1 and can:
 *
 * - `pause()`: stop moving bytes both ways; new connections wait for their upstream. `resume()`.
 * - `delay(ms)`: hold every chunk this long before passing it on.
 * - `reset()`: destroy every open connection with a TCP RST (both sides).
 * - `blackhole()`: accept connections and swallow every byte, answering nothing, like a
 *   network that drops packets; `heal()` resets the connections that lost bytes (their
 *   streams are corrupt) and goes back to passing traffic.
 * - `dropResponses(rate)`: per connection, with this probability, the first byte the upstream
 *   answers resets the client's connection instead: the request was done, the answer lost.
 *
 * @example const px = await startFaultProxy(5432); px.blackhole(); ...; px.heal();
 */
export interface FaultProxy {
  readonly port: number;
  readonly url: (scheme: string, path?: string) => string;
  pause(): void;
  resume(): void;
  delay(ms: number): void;
  reset(): void;
  blackhole(): void;
  heal(): void;
  dropResponses(rate: number): void;
  /** Open client connections right now. */
  connections(): number;
  readonly stats: { accepted: number; dropped: number; resets: number };
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket | null;
  /** Bytes were swallowed by the blackhole: the stream can no longer be trusted. */
  tainted: boolean;
  drop: boolean;
}

export async function startFaultProxy(targetPort: number, targetHost = '127.0.0.1', random: () => number = Math.random): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  let paused = false;
  let holed = false;
  let delayMs = 0;
  let dropRate = 0;
  const waiting: Array<() => void> = [];
  const stats = { accepted: 0, dropped: 0, resets: 0 };

  const kill = (s: Socket | null) => {
    if (!s || s.destroyed) return;
    s.resetAndDestroy();
  };
  const killPair = (p: Pair) => {
    kill(p.client);
    kill(p.upstream);
    pairs.delete(p);
  };

  /** Passes a chunk on unless the proxy is blackholed; honours the delay. */
  const forward = (p: Pair, to: () => Socket | null, chunk: Buffer, fromUpstream: boolean) => {
    const send = () => {
      if (holed) {
        p.tainted = true;
        return;
      }
      if (fromUpstream && p.drop) {
        stats.dropped += 1;
        killPair(p);
        return;
      }
      const target = to();
      if (target && !target.destroyed) target.write(chunk);
    };
    if (delayMs > 0) setTimeout(send, delayMs);
    else send();
  };

  const connectUpstream = (p: Pair) => {
    if (p.client.destroyed) return;
    const up = createConnection({ port: targetPort, host: targetHost });
    p.upstream = up;
    up.setNoDelay(true);
    up.on('data', (chunk) => forward(p, () => p.client, chunk, true));
    up.on('error', () => killPair(p));
    up.on('close', () => {
      if (!p.client.destroyed) p.client.end();
      pairs.delete(p);
    });
    if (paused) up.pause();
    // Bytes the client sent before the upstream existed.
    p.client.resume();
  };

  const server: Server = createServer((client) => {
    stats.accepted += 1;
    client.setNoDelay(true);
    const p: Pair = { client, upstream: null, tainted: false, drop: dropRate > 0 && random() < dropRate };
    pairs.add(p);
    client.pause();
    client.on('data', (chunk) => forward(p, () => p.upstream, chunk, false));
    client.on('error', () => killPair(p));
    client.on('close', () => {
      if (p.upstream && !p.upstream.destroyed) p.upstream.end();
      pairs.delete(p);
    });
    if (holed) {
      // Accept, read, answer nothing.
      p.tainted = true;
      client.resume();
      return;
    }
    if (paused) waiting.push(() => connectUpstream(p));
    else connectUpstream(p);
  });
  const resume = () => {
    paused = false;
    for (const p of pairs) {
      if (p.upstream) {
        p.client.resume();
        p.upstream.resume();
      }
    }
    waiting.splice(0).forEach((go) => go());
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;

  return {
    port,
    url: (scheme, path = '') => `${scheme}://127.0.0.1:${port}${path}`,
    stats,
    pause() {
      paused = true;
      for (const p of pairs) {
        p.client.pause();
        p.upstream?.pause();
      }
    },
    resume,
    delay(ms) {
      delayMs = ms;
    },
    reset() {
      stats.resets += pairs.size;
      for (const p of [...pairs]) killPair(p);
    },
    blackhole() {
      holed = true;
    },
    heal() {
      holed = false;
      delayMs = 0;
      dropRate = 0;
      for (const p of [...pairs]) {
        if (p.tainted) {
          stats.resets += 1;
          killPair(p);
        }
      }
      if (paused) resume();
    },
    dropResponses(rate) {
      dropRate = rate;
    },
    connections: () => pairs.size,
    async close() {
      for (const p of [...pairs]) killPair(p);
      waiting.length = 0;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
