import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Deps } from '../../deps.ts';
import { authTokens, idempotencyKeys } from '../../db/schema/index.ts';
import { holdsContactDetails } from '../../domain/audit.ts';
import { ANSWER_WITH_CONTACTS_DAYS } from '../../domain/personal-data.ts';
import { purgeOldNotifications } from '../../modules/users/personal-data.service.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The hourly clean-up: idempotency keys and auth tokens past their expiry are deleted, stored
 * answers holding contact details are emptied after `ANSWER_WITH_CONTACTS_DAYS`, and messages'
 * texts after `NOTIFICATION_RETENTION_DAYS`.
 */
export async function purgeExpired(deps: Pick<Deps, 'database' | 'now' | 'log' | 'config'>) {
  const now = deps.now();
  const { db } = deps.database;
  const keys = await db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)).returning({ key: idempotencyKeys.key });
  const tokens = await db.delete(authTokens).where(lt(authTokens.expiresAt, now)).returning({ id: authTokens.id });
  const old = await db.select({ userId: idempotencyKeys.userId, key: idempotencyKeys.key, body: idempotencyKeys.responseBody }).from(idempotencyKeys)
    .where(and(lt(idempotencyKeys.createdAt, new Date(now.getTime() - ANSWER_WITH_CONTACTS_DAYS * DAY_MS)), isNull(idempotencyKeys.answerPurgedAt)));
  let answers = 0;
  for (const row of old.filter((r) => holdsContactDetails(r.body))) {
    await db.update(idempotencyKeys).set({ responseBody: null, answerPurgedAt: now })
      .where(and(eq(idempotencyKeys.userId, row.userId), eq(idempotencyKeys.key, row.key)));
    answers += 1;
  }
  const messages = await purgeOldNotifications(db, new Date(now.getTime() - deps.config.NOTIFICATION_RETENTION_DAYS * DAY_MS), now);
  deps.log.info({ keys: keys.length, tokens: tokens.length, answers, messages }, 'purged expired keys and tokens, old answers with contact details and old messages');
  return { keys: keys.length, tokens: tokens.length, answers, messages };
}
