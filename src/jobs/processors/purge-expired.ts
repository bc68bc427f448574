import { lt } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { authTokens, idempotencyKeys } from '../../db/schema/index.ts';

/** Deletes idempotency keys and auth tokens past their expiry. */
export async function purgeExpired(deps: Pick<Deps, 'database' | 'now' | 'log'>) {
  const now = deps.now();
  const keys = await deps.database.db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  const tokens = await deps.database.db.delete(authTokens).where(lt(authTokens.expiresAt, now)).returning({ id: authTokens.id });
  deps.log.info({ keys: keys.length, tokens: tokens.length }, 'purged expired keys and tokens');
  return { keys: keys.length, tokens: tokens.length };
}
