import type { Deps } from '../../deps.ts';
import { answersMadeBefore, deleteExpiredIdempotencyKeys, purgeAnswer } from '../../db/idempotency-keys.repo.ts';
import { holdsContactDetails } from '../../domain/audit.ts';
import { ANSWER_WITH_CONTACTS_DAYS } from '../../domain/personal-data.ts';
import { deleteExpiredTokens } from '../../modules/auth/tokens.repo.ts';
import { purgeOldNotifications } from '../../modules/notifications/notifications.repo.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The hourly clean-up: idempotency keys and auth tokens past their expiry are deleted, stored
 * answers holding contact details are emptied after `ANSWER_WITH_CONTACTS_DAYS`, and messages'
 * texts after `NOTIFICATION_RETENTION_DAYS`.
 */
export async function purgeExpired(deps: Pick<Deps, 'database' | 'now' | 'log' | 'config'>) {
  const now = deps.now();
  const { db } = deps.database;
  const keys = await deleteExpiredIdempotencyKeys(db, now);
  const tokens = await deleteExpiredTokens(db, now);
  const old = await answersMadeBefore(db, new Date(now.getTime() - ANSWER_WITH_CONTACTS_DAYS * DAY_MS));
  let answers = 0;
  for (const row of old.filter((r) => holdsContactDetails(r.body))) {
    await purgeAnswer(db, row.userId, row.key, now);
    answers += 1;
  }
  const messages = await purgeOldNotifications(db, new Date(now.getTime() - deps.config.NOTIFICATION_RETENTION_DAYS * DAY_MS), now);
  deps.log.info({ keys: keys.length, tokens: tokens.length, answers, messages }, 'purged expired keys and tokens, old answers with contact details and old messages');
  return { keys: keys.length, tokens: tokens.length, answers, messages };
}
