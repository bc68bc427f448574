import type { Config } from '../../config.ts';
import type { Deps } from '../../deps.ts';
import type { Processors, Schedule } from '../queues.ts';
import { purgeExpired } from './purge-expired.ts';
import { recountTallyDay, recountYesterday } from '../../modules/reports/tally.service.ts';

/** The processors call the same module functions as the routes. */
export function createProcessors(deps: Deps): Processors {
  const notYet = (name: string) => async () => {
    deps.log.warn({ name }, 'job has no processor in this version');
  };
  return {
    'purge-expired': () => purgeExpired(deps).then(() => undefined),
    'tally-day': ({ depotId, date }) => recountTallyDay(deps.database, depotId, date),
    'tally-yesterday': () => recountYesterday(deps.database, deps.now()).then(() => undefined),
    'plan-routes': notYet('plan-routes'),
    'plan-next-day': notYet('plan-next-day'),
  };
}

export function schedulesFor(_config: Config): Schedule[] {
  return [
    { id: 'purge-expired-hourly', cron: '7 * * * *', name: 'purge-expired' },
    { id: 'tally-yesterday-nightly', cron: '30 0 * * *', name: 'tally-yesterday' },
  ];
}
