import { todayInHelsinki } from '../../lib/format.ts';
import { session } from '../../lib/session.ts';
import { addDays } from '../../../../src/domain/dates.ts';
import { getRoutes, type DriverRoute } from './api/get-routes.ts';

export type { DriverRoute, LeftBehindBag, Stop } from './api/get-routes.ts';
import type { Stop } from './api/get-routes.ts';
/** A done stop's correction: the figure before and after. */
export type StopCorrection = NonNullable<Stop['corrections']>[number];
export type { LoadResult } from './api/load-route.ts';

export const SKIP_REASONS = ['closed', 'no_one_there', 'no_access', 'out_of_time', 'vehicle_problem', 'other'] as const;

/** What the phone sent for a stop and the server has not shown back yet: the stop reads done (or skipped) meanwhile. */
export interface LocalOutcome {
  key: string;
  routeId: string;
  status: 'done' | 'skipped';
  bagsDelivered?: number;
  kgCollected?: number;
  skipReason?: string;
  note?: string;
  at: string;
}

export const today = () => todayInHelsinki();
export const tomorrow = () => addDays(todayInHelsinki(), 1);

/**
 * The driver's routes of a day. Seen online, they are kept on the phone (today's and
 * tomorrow's are both fetched whenever the screen opens), so the route opens with no network.
 */
export const loadRoutes = getRoutes;

const OUTCOMES = 'kassi.driver.outcomes:';
const LOADS = 'kassi.driver.loads:';

/** Loadings pressed on this phone that the server has not shown back yet, by route: the route reads loaded meanwhile. */
export function localLoads(): Record<string, { key: string; at: string }> {
  try {
    return JSON.parse(localStorage.getItem(userKey(LOADS)) ?? '{}') as Record<string, { key: string; at: string }>;
  } catch {
    return {};
  }
}

export function saveLocalLoad(routeId: string, load: { key: string; at: string } | null) {
  const all = localLoads();
  if (load) all[routeId] = load;
  else delete all[routeId];
  localStorage.setItem(userKey(LOADS), JSON.stringify(all));
}
const SEEN = 'kassi.driver.seen:';
const CORRECTIONS = 'kassi.driver.corrections:';

/** A correction pressed on this phone that the server has not shown back yet: the stop shows it as waiting. */
export interface LocalCorrection { key: string; value: number; at: string }

export function localCorrections(): Record<string, LocalCorrection> {
  try {
    return JSON.parse(localStorage.getItem(userKey(CORRECTIONS)) ?? '{}') as Record<string, LocalCorrection>;
  } catch {
    return {};
  }
}

export function saveLocalCorrection(stopId: string, c: LocalCorrection | null) {
  const all = localCorrections();
  if (c) all[stopId] = c;
  else delete all[stopId];
  localStorage.setItem(userKey(CORRECTIONS), JSON.stringify(all));
}
const userKey = (prefix: string) => `${prefix}${session.value?.user.id ?? ''}`;

export function localOutcomes(): Record<string, LocalOutcome> {
  try {
    return JSON.parse(localStorage.getItem(userKey(OUTCOMES)) ?? '{}') as Record<string, LocalOutcome>;
  } catch {
    return {};
  }
}

export function saveLocalOutcome(stopId: string, o: LocalOutcome) {
  localStorage.setItem(userKey(OUTCOMES), JSON.stringify({ ...localOutcomes(), [stopId]: o }));
}

/** Forgets outcomes the server now shows (or that it refused: the outbox lists those). */
export function forgetLocalOutcomes(stopIds: string[]) {
  const all = localOutcomes();
  for (const id of stopIds) delete all[id];
  localStorage.setItem(userKey(OUTCOMES), JSON.stringify(all));
}

/**
 * The routes this phone showed before for a day, and whether the newest answer dropped one of
 * them (the coordinator re-planned and gave the stops to another route): what the phone had is
 * then shown as changed, and anything it recorded there still goes to the server, which keeps it.
 */
export function noteSeenRoutes(date: string, routes: DriverRoute[]): { replaced: { id: string; planVersion: number }[] } {
  const key = `${userKey(SEEN)}:${date}`;
  let before: { id: string; planVersion: number }[] = [];
  try {
    before = JSON.parse(localStorage.getItem(key) ?? '[]') as typeof before;
  } catch {
    before = [];
  }
  const now = routes.map((r) => ({ id: r.id, planVersion: r.planVersion }));
  localStorage.setItem(key, JSON.stringify(now));
  return { replaced: before.filter((b) => !now.some((n) => n.id === b.id)) };
}

/** A `tel:` link: what the phone dials, without the spaces and dashes people write. */
export const telHref = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;
