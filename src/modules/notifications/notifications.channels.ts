import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';

/** The ways a message leaves Kassi; each throws when the far end did not take it. */
export interface Channels {
  email?: (m: { to: string; subject: string; text: string; messageId: string }) => Promise<void>;
  sms?: (m: { to: string; text: string; idempotencyKey: string }) => Promise<void>;
}

const SMS_TIMEOUT_MS = 10_000;
/** Longest text sent to the gateway: three concatenated SMS segments. */
const SMS_MAX_CHARS = 459;

/**
 * Email over SMTP with nodemailer (`SMTP_URL`, `MAIL_FROM`), SMS as POST JSON `{to, text}` to
 * `SMS_WEBHOOK_URL`. The Message-ID and the `Idempotency-Key` header are the notification's
 * own, so a receiver can recognise a message it already has.
 */
export function createChannels(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'SMS_WEBHOOK_URL'>): Channels {
  const channels: Channels = {};
  if (config.SMTP_URL) {
    // Short timeouts: a hung server fails the attempt, and the job retries later.
    const transport = nodemailer.createTransport(
      { url: config.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 },
      { from: config.MAIL_FROM },
    );
    channels.email = async (m) => {
      await transport.sendMail({ to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
    };
  }
  if (config.SMS_WEBHOOK_URL) {
    const url = config.SMS_WEBHOOK_URL;
    channels.sms = async (m) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': m.idempotencyKey },
        body: JSON.stringify({ to: m.to, text: m.text.slice(0, SMS_MAX_CHARS) }),
        signal: AbortSignal.timeout(SMS_TIMEOUT_MS),
      });
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    };
  }
  return channels;
}
