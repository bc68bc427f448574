import { STATUS_CODES, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { badRequest, unavailable } from '../errors.ts';
import { catalogues, langOf, type Messages } from '../i18n/messages.ts';
import { problemBody } from './problem.ts';

/** A whole HTTP/1.1 answer written straight to a socket: the parser refused the request, so there is no response object. */
function rawAnswer(status: number, body: unknown): string {
  const text = JSON.stringify(body);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`;
}

/**
 * A header's value in the raw bytes of a request Node's parser refused (its `rawPacket`: the
 * chunk being parsed). A header that came in an earlier chunk is not there: the default language.
 */
function headerIn(packet: unknown, name: string): string | undefined {
  if (!Buffer.isBuffer(packet)) return undefined;
  const head = packet.subarray(0, 64 * 1024).toString('latin1');
  return new RegExp(`\\r\\n${name}[ \\t]*:[ \\t]*([^\\r\\n]*)`, 'i').exec(head)?.[1];
}

/** The status, code and text of each refusal of Node's parser; any other one is not HTTP at all. */
function clientErrorOf(code: string | undefined, m: Messages): [number, string, string] {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW': return [431, 'headers_too_large', m.headersTooLarge()];
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW': return [413, 'body_too_large', m.bodyTooLarge()];
    case 'ERR_HTTP_REQUEST_TIMEOUT': return [408, 'request_timeout', m.requestTimeout()];
    default: return [400, 'bad_request', m.notHttp()];
  }
}

/**
 * Node's server options for `REQUEST_TIMEOUT_MS`: the whole request (headers and body) must
 * arrive within it, the headers within at most 60 s, checked ten times per timeout (at most
 * every 30 s, Node's default). 0 keeps Node's defaults: headers within 60 s, no limit on the body.
 */
export function serverTimeouts(requestTimeoutMs: number): { requestTimeout: number; http: ServerOptions } {
  if (requestTimeoutMs === 0) return { requestTimeout: 0, http: {} };
  return {
    requestTimeout: requestTimeoutMs,
    http: { headersTimeout: Math.min(60_000, requestTimeoutMs), connectionsCheckingInterval: Math.min(30_000, Math.max(10, Math.round(requestTimeoutMs / 10))) },
  };
}

/**
 * What the HTTP server answers before, or instead of, any route, as problem+json in the caller's
 * language like every other answer: requests Node's parser refuses (headers over the limit, a
 * request that takes too long to arrive, broken HTTP), an `Expect` it cannot meet, an HTTP/1.1
 * request without Host, and requests that arrive while the server shuts down. Node and Fastify
 * would answer these themselves, in English or with an empty body.
 *
 * `clientErrorHandler` goes to Fastify's options; `register` to the built instance, before any
 * other `onRequest` hook (the access policy's), so a refused request costs no database query.
 */
export function protocolAnswers() {
  // The request each connection is serving: an error on its socket answers in that request's language.
  const serving = new WeakMap<Socket, { req: IncomingMessage; res: ServerResponse }>();

  /** Fastify's `clientErrorHandler`, for Node's `clientError` event (Fastify types `rawPacket` as JSON; it is a Buffer). */
  function clientErrorHandler(err: Error & { code?: string; rawPacket?: unknown }, socket: Socket) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const current = serving.get(socket);
    const open = current && !current.res.writableEnded ? current : undefined;
    // Headers already parsed (the body was too slow, or broken) tell the language; otherwise the
    // refused bytes may still carry Accept-Language.
    const m = catalogues[langOf(open ? open.req.headers['accept-language'] : headerIn(err.rawPacket, 'accept-language'))];
    const [status, code, detail] = clientErrorOf(err.code, m);
    // An answer already under way cannot be replaced: the connection is only closed.
    if (socket.writable && !open?.res.headersSent) socket.write(rawAnswer(status, problemBody({ status, code, detail }, m)));
    socket.destroy(err);
  }

  function register(app: FastifyInstance) {
    app.server.on('request', (req: IncomingMessage, res: ServerResponse) => serving.set(req.socket, { req, res }));
    // Any `Expect` but 100-continue; Node would answer a bare 417.
    app.server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) => {
      const m = catalogues[langOf(req.headers['accept-language'])];
      const body = JSON.stringify(problemBody({ status: 417, code: 'expectation_failed', detail: m.expectationFailed(String(req.headers.expect).slice(0, 100)) }, m));
      res.writeHead(417, { 'content-type': 'application/problem+json; charset=utf-8', 'content-length': Buffer.byteLength(body), connection: 'close' }).end(body);
    });

    // Fastify's own 503 while closing is English JSON (`return503OnClosing` is off): requests that
    // still arrive on open connections get this one. Fastify has already set `Connection: close`.
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onRequest', async (req) => {
      if (closing) throw unavailable('shutting_down', (m) => m.shuttingDown());
      // RFC 9112 §3.2; Node's own check (`requireHostHeader`, off) would answer a bare 400.
      if (req.raw.httpVersion === '1.1' && req.headers.host === undefined) throw badRequest('missing_host', (m) => m.missingHost());
    });
  }

  return { clientErrorHandler, register };
}
