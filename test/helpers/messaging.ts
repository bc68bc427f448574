import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
  messageId: string;
}

/**
 * A real SMTP server in the test process on a free port: it receives what Kassi sends over
 * SMTP and parses it like a mail client would. `refuse(true)` makes it answer 550 to every
 * message (a server that refuses); `hold(true)` never answers one (the sender waits, and the
 * message is not received); `slowMs` delays each acceptance. Given `port` and `mails`,
 * it comes back up where a closed one was, keeping what that one received.
 */
export async function startSmtpServer(opts: { slowMs?: number; port?: number; mails?: ReceivedMail[] } = {}) {
  const mails: ReceivedMail[] = opts.mails ?? [];
  let refusing = false;
  let holding = false;
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      attempts += 1;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        if (holding) return;
        if (refusing) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        const parsed = await simpleParser(Buffer.concat(chunks));
        if (opts.slowMs) await new Promise((r) => setTimeout(r, opts.slowMs));
        const to = Array.isArray(parsed.to) ? parsed.to[0] : parsed.to;
        mails.push({ to: to?.value[0]?.address ?? '', subject: parsed.subject ?? '', text: (parsed.text ?? '').trim(), messageId: parsed.messageId ?? '' });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    mails,
    /** How many messages were offered, accepted or not. */
    attempts: () => attempts,
    refuse(on: boolean) {
      refusing = on;
    },
    hold(on: boolean) {
      holding = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface ReceivedSms {
  to: string;
  text: string;
  idempotencyKey: string;
}

/** A local HTTP server standing in for the SMS gateway: POST JSON `{to, text}`. `fail(true)` answers 503. */
export async function startSmsGateway() {
  const messages: ReceivedSms[] = [];
  let failing = false;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing || req.method !== 'POST') {
        res.writeHead(503).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { to: string; text: string };
      messages.push({ to: body.to, text: body.text, idempotencyKey: String(req.headers['idempotency-key'] ?? '') });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"queued":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/sms`,
    messages,
    fail(on: boolean) {
      failing = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Every id that occurs more than once. */
export function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}
