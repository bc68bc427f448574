import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '../../errors.ts';

/** How long failed attempts are remembered: a lock-out ends this long after the last failure counted. */
export const FAILURE_WINDOW_SECONDS = 15 * 60;

/**
 * At most this many password checks run at once in one API process, and this many more wait
 * for their turn; any further attempt is 429 at once, before its hash is computed. An argon2id
 * check at production cost takes about a second of one core and 64 MiB, so without a bound a
 * stream of anonymous sign-ins slows every other request of the process. A network's morning
 * rush is a few people signing in within the same second, which the queue absorbs.
 */
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE = 8;

const tooMany = (seconds: number) => new AppError('rate_limited', 429, (m) => m.tooManySignIns(Math.max(1, Math.ceil(seconds / 60))), { retryAfterSeconds: Math.max(1, Math.ceil(seconds)) });
/** Too many password checks at once in this process: nothing to do with the account. */
const busy = () => new AppError('rate_limited', 429, (m) => m.signInsBusy(), { retryAfterSeconds: 1 });

/**
 * Guards password checks (sign-in, a password change, a reset code). Failures are counted per
 * account and address, and only failures: a lock-out reached from one address does not stop the
 * account's owner signing in from another, and signing in never counts against anyone. Counts
 * live in Redis when the API has it (so every API process shares them), in memory otherwise
 * (embedded mode runs one process); when Redis is away, each process counts on its own.
 */
export function createSignInGuard(opts: { maxFailures: number; redis?: Redis; prefix: string }) {
  const memory = new RateLimiterMemory({ points: opts.maxFailures, duration: FAILURE_WINDOW_SECONDS, keyPrefix: `${opts.prefix}signin-failures` });
  const failures: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({ storeClient: opts.redis, points: opts.maxFailures, duration: FAILURE_WINDOW_SECONDS, keyPrefix: `${opts.prefix}signin-failures`, insuranceLimiter: memory, rejectIfRedisNotReady: true })
    : memory;
  let running = 0;
  const waiting: (() => void)[] = [];
  let checks = 0;

  const keyOf = (account: string, address: string) => `${account.trim().toLowerCase()}|${address}`;

  return {
    /** Password checks this guard let run (for the metrics, and tests that count what reached argon2). */
    get checks() {
      return checks;
    },

    /**
     * Runs `check` (which computes a password hash) unless this account has failed too often from
     * this address, or too many checks are already running or waiting; either is 429 first.
     * A check that answers false counts as a failure; one that answers true forgets the failures.
     */
    async run<T>(account: string, address: string, check: () => Promise<{ ok: boolean; value: T }>): Promise<T | undefined> {
      const key = keyOf(account, address);
      const seen = await failures.get(key).catch(() => null);
      if (seen && seen.consumedPoints >= opts.maxFailures) throw tooMany(seen.msBeforeNext / 1000);
      if (running >= HASH_CONCURRENCY) {
        if (waiting.length >= HASH_QUEUE) throw busy();
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      running += 1;
      checks += 1;
      let outcome: { ok: boolean; value: T };
      try {
        outcome = await check();
      } finally {
        running -= 1;
        waiting.shift()?.();
      }
      if (outcome.ok) {
        if (seen) await failures.delete(key).catch(() => undefined);
        return outcome.value;
      }
      await failures.consume(key).catch(() => undefined);
      return undefined;
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
