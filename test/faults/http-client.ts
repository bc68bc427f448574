import { request } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: any;
}

/**
 * One HTTP request on its own connection (no keep-alive), so that a fault proxy's per-connection
 * decisions apply to exactly one request. Network failures reject with the socket error code.
 */
export function call(port: number, method: string, path: string, opts: { headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {}): Promise<Answer> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port, method, path, agent: false,
      headers: { ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...opts.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.setTimeout(opts.timeoutMs ?? 30_000, () => req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
    req.on('error', reject);
    req.end(payload);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What a volunteer's phone does: send the write with an Idempotency-Key and, when the answer
 * does not arrive (connection reset, timeout) or the first attempt is still running (409
 * idempotency_in_progress) or the service is briefly unavailable (503), send the same request
 * again with the same key until an answer comes. Returns the answer and the number of attempts.
 */
export async function retryUntilAnswered(port: number, path: string, key: string, body: unknown, headers: Record<string, string>, opts: { maxMs?: number } = {}) {
  const until = Date.now() + (opts.maxMs ?? 60_000);
  let attempts = 0;
  for (;;) {
    attempts += 1;
    try {
      const res = await call(port, 'POST', path, { headers: { ...headers, 'idempotency-key': key }, body, timeoutMs: 10_000 });
      const busy = res.status === 409 && res.body?.code === 'idempotency_in_progress';
      if (!busy && res.status !== 503) return { answer: res, attempts };
    } catch {
      // no answer: try again with the same key
    }
    if (Date.now() > until) throw new Error(`no answer for ${key} after ${attempts} attempts`);
    await sleep(Math.min(50 * attempts, 500));
  }
}
