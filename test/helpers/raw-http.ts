import { connect, type Socket } from 'node:net';

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  body: any;
}

/** Splits what a server wrote into HTTP answers (each with its Content-Length body); a partial last one is dropped. */
export function parseAnswers(raw: string): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const [statusLine, ...lines] = rest.slice(0, end).split('\r\n');
    if (/^HTTP\/1\.1 1\d\d /.test(statusLine)) {
      rest = rest.slice(end + 4); // 100 Continue: no body
      continue;
    }
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    const bodyBytes = Buffer.from(rest.slice(end + 4), 'latin1');
    if (bodyBytes.length < length) break;
    const text = bodyBytes.subarray(0, length).toString('utf8');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, text, body });
    rest = bodyBytes.subarray(length).toString('latin1');
  }
  return answers;
}

/**
 * A raw TCP connection to a server, so a test can send bytes no HTTP client would (headers over
 * the limit, broken HTTP, half a request) and read every answer the server writes back.
 */
export function rawConnection(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  socket.on('error', () => {}); // the server may reset: what was read is the answer
  let raw = '';
  socket.on('data', (d: Buffer) => { raw += d.toString('latin1'); });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));

  /** Waits, on the socket's own events, until `done` holds for what was read; rejects after `timeoutMs` (a generous bound, not a measurement). */
  const until = (done: (raw: string, closed: boolean) => boolean, what: string, timeoutMs: number) => new Promise<void>((resolve, reject) => {
    const check = () => {
      if (!done(raw, socket.destroyed)) return;
      cleanup();
      resolve();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out waiting for ${what}; read so far: ${raw.slice(0, 500)}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      socket.off('data', check).off('close', check);
    };
    socket.on('data', check).on('close', check);
    check();
  });

  return {
    socket,
    connected,
    write: (data: string | Buffer) => new Promise<void>((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve()))),
    /** Resolves once the server has written something matching `pattern` (e.g. its 100 Continue). */
    untilText: (pattern: RegExp, timeoutMs = 30_000) => until((r) => pattern.test(r), String(pattern), timeoutMs),
    /** Resolves with the answers once the server has closed the connection. */
    async untilClosed(timeoutMs = 30_000): Promise<RawAnswer[]> {
      await until((_r, closed) => closed, 'the server to close the connection', timeoutMs);
      return parseAnswers(raw);
    },
    close: () => socket.destroy(),
  };
}

/** Sends one request's bytes on a new connection and returns the answers written before the server closed it. */
export async function rawRequest(port: number, bytes: string | Buffer, timeoutMs?: number): Promise<RawAnswer[]> {
  const conn = rawConnection(port);
  await conn.connected;
  await conn.write(bytes).catch(() => {}); // a server that refuses early may reset before all is written
  return conn.untilClosed(timeoutMs);
}
