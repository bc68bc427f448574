import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Tx } from '../db/client.ts';
import { findLiveIdempotencyKey, saveIdempotencyKey, tryLockIdempotencyKey } from '../db/idempotency-keys.repo.ts';
import { MAX_TOKEN_TTL_HOURS } from '../config.ts';
import { badRequest, conflict, unprocessable } from '../errors.ts';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
/**
 * As long as the longest sign-in token the configuration allows: a phone's outbox may hold a
 * write for a whole token lifetime (offline, then signed in again) and must still get the first
 * answer back, not a second write.
 */
export const IDEMPOTENCY_TTL_MS = MAX_TOKEN_TTL_HOURS * 60 * 60 * 1000;

export interface Outcome<T> {
  status: number;
  body: T;
}

/** Stable JSON for hashing: object keys sorted, so the same body hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Runs a POST's work in one transaction and, when the request carries an `Idempotency-Key`,
 * stores the answer in the same transaction. A retry with the same key and body replays the
 * first answer without redoing the work; another body is 422; a retry while the first is
 * still running is 409 (it cannot take the transaction-scoped advisory lock the first holds).
 * Errors roll the work back and store nothing, so a retry after an error tries again.
 */
export async function runWrite<T>(
  database: Database,
  req: FastifyRequest,
  reply: FastifyReply,
  work: (tx: Tx) => Promise<Outcome<T>>,
): Promise<T> {
  const raw = req.headers['idempotency-key'];
  const key = Array.isArray(raw) ? raw[0] : raw;
  const userId = req.actor?.id;
  if (key === undefined || !userId) {
    const out = await database.db.transaction((tx) => work(tx as Tx));
    reply.code(out.status);
    return out.body;
  }
  if (!KEY_PATTERN.test(key)) {
    throw badRequest('invalid_idempotency_key', (m) => m.invalidIdempotencyKey());
  }
  const path = req.routeOptions.url ?? req.url;
  const requestHash = createHash('sha256').update(`${req.method} ${req.url}\n${canonical(req.body)}`).digest('hex');
  const out = await database.db.transaction(async (t) => {
    const tx = t as Tx;
    if (!(await tryLockIdempotencyKey(database, tx, userId, key))) throw conflict('idempotency_in_progress', (m) => m.idempotencyInProgress());
    const prior = await findLiveIdempotencyKey(tx, userId, key, new Date());
    if (prior) {
      if (prior.requestHash !== requestHash) {
        throw unprocessable('idempotency_key_reused', (m) => m.idempotencyKeyReused());
      }
      if (prior.answerPurgedAt) throw conflict('idempotency_answer_purged', (m) => m.idempotencyAnswerPurged());
      return { status: prior.responseStatus, body: prior.responseBody as T, replayed: true };
    }
    const result = await work(tx);
    const body = result.body === undefined ? null : JSON.parse(JSON.stringify(result.body));
    const row = {
      userId, key, method: req.method, path, requestHash,
      responseStatus: result.status, responseBody: body,
      createdAt: new Date(), expiresAt: new Date(Date.now() + IDEMPOTENCY_TTL_MS),
    };
    await saveIdempotencyKey(tx, row);
    return { ...result, replayed: false };
  });
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(out.status);
  return out.body;
}
