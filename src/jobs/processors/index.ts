import { jobsInProcess, type Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import type { Processors, Schedule } from '../queues.ts';
import { purgeExpired } from './purge-expired.ts';
import { recountTallyDay, recountYesterday } from '../../modules/tallies/tallies.service.ts';
import { planNextDay, runPlan } from '../../modules/route-plans/route-plans.service.ts';
import { createChannels } from '../../modules/notifications/notifications.channels.ts';
import { releaseDue, sendNotification } from '../../modules/notifications/notifications.service.ts';
import { sendScheduledMessages } from '../../modules/notifications/triggers.service.ts';
import { sendDonorMessage } from '../../modules/donors/offers.service.ts';
import { raiseMissedReadings } from '../../modules/storage/temperature.service.ts';
import { UnrecoverableError } from 'bullmq';
import { runBackup } from '../../ops/backup.ts';
import { raiseUnsettledBags } from '../../modules/drivers/loading.service.ts';

/** The processors call the same module functions as the routes. */
export function createProcessors(deps: Deps): Processors {
  const channels = createChannels(deps.config);
  return {
    'purge-expired': () => purgeExpired(deps).then(() => undefined),
    'tally-day': ({ depotId, date }) => recountTallyDay(deps.database, depotId, date),
    'tally-yesterday': () => recountYesterday(deps.database, deps.now()).then(() => undefined),
    'plan-routes': ({ planId }) => runPlan(deps, planId),
    'plan-next-day': () => planNextDay(deps.database, deps.now()).then(() => undefined),
    'send-notification': ({ notificationId }) => sendNotification({ ...deps, channels }, notificationId),
    'send-donor-message': ({ messageId }) => sendDonorMessage({ ...deps, channels }, messageId),
    'notifications-due': () => releaseDue(deps.database, deps.now()).then(() => undefined),
    'volunteer-reminders': () => sendScheduledMessages(deps.database, deps.now()).then(() => undefined),
    'check-readings': () => raiseMissedReadings(deps.database.db, deps.now()).then(() => undefined),
    // Recorded and told to the coordinators by runBackup; not retried (tomorrow night is the next try).
    backup: async () => {
      if (!deps.config.BACKUP_DIR) return;
      await runBackup(deps, 'nightly', deps.config.BACKUP_DIR).catch((err: Error) => {
        throw new UnrecoverableError(err.message);
      });
    },
    'check-unsettled-bags': () => deps.database.db.transaction((tx) => raiseUnsettledBags(tx, deps.now())).then(() => undefined),
  };
}

export function schedulesFor(config: Config): Schedule[] {
  return [
    { id: 'purge-expired-hourly', cron: '7 * * * *', name: 'purge-expired' },
    { id: 'tally-yesterday-nightly', cron: '30 0 * * *', name: 'tally-yesterday' },
    { id: 'plan-next-day', cron: config.PLANNING_CRON, name: 'plan-next-day' },
    ...(config.NOTIFY_CRON === 'off' ? [] : [
      { id: 'notifications-due', cron: config.NOTIFY_CRON, name: 'notifications-due' as const },
      { id: 'volunteer-reminders', cron: config.NOTIFY_CRON, name: 'volunteer-reminders' as const },
    ]),
    { id: 'check-readings-nightly', cron: '20 0 * * *', name: 'check-readings' },
    ...(config.BACKUP_DIR ? [{ id: 'backup-nightly', cron: config.BACKUP_CRON, name: 'backup' as const }] : []),
    // Just after midnight: yesterday's routes are over, their bags either settled or not.
    { id: 'check-unsettled-bags-nightly', cron: '10 0 * * *', name: 'check-unsettled-bags' },
  ];
}

/**
 * Starts the jobs in this process, as its entry point asks: the worker runs them all; the API
 * runs them itself only when they run in-process (embedded mode, or RUN_JOBS_IN_PROCESS).
 */
export async function startJobs(deps: Deps, role: 'api' | 'worker'): Promise<void> {
  if (role === 'worker' || jobsInProcess(deps.config)) await deps.runner.start(createProcessors(deps), schedulesFor(deps.config));
}
