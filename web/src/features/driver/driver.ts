import { cachedGetAll } from '../../lib/api.ts';
import { todayInHelsinki } from '../../lib/format.ts';
import { session } from '../../lib/session.ts';

/** A stop as `GET /drivers/me/routes` gives it. */
export interface Stop {
  id: string;
  seq: number;
  kind: 'pickup' | 'delivery';
  taskId: string;
  arrival: string;
  windowStart: string;
  windowEnd: string;
  kg: number;
  bags: number;
  status: 'planned' | 'done' | 'skipped';
  bagsDelivered?: number;
  kgCollected?: number;
  note?: string;
  skipReason?: string;
  action: string;
  actionFi: string;
  bagsByType: { bagType: string; temperatureClass?: string; bags: number }[];
  coldChain?: 'chilled' | 'frozen';
  /** A done cold delivery: minutes from the loading to the hand-over. */
  rideMinutes?: number;
  change?: 'added' | 'updated';
  navigationUrl: string;
  site: { id: string; name: string; address: string; municipality: string; contactName?: string; contact?: string; phone?: string };
}

export interface DriverRoute {
  id: string;
  planVersion: number;
  replacesVersion?: number;
  date: string;
  start: string;
  end: string;
  distanceKm: number;
  vehicle: { name: string; refrigerated: boolean };
  depot: { name: string };
  stops: Stop[];
  navigation: { fromSeq: number; toSeq: number; url: string }[];
  sheetUrl: string;
  /** When the driver confirmed the loading; absent before. */
  loadedAt?: string;
  leftBehind: { expired: number; held: number; recalled: number };
  bagsLeftBehind: LeftBehindBag[];
}

/** A bag of the route that stayed at the depot at loading, and why. */
export interface LeftBehindBag {
  bagId: string;
  code: string;
  bagType: string;
  temperatureClass: string;
  handOutBy: string | null;
  reason: 'expired' | 'held' | 'recalled';
  stopId: string;
}

/** `POST /routes/:id/load`'s answer. */
export interface LoadResult {
  loadedAt: string;
  bagsLoaded: number;
  leftBehind: { expired: number; held: number; recalled: number };
  bagsLeftBehind: LeftBehindBag[];
}

/**
 * The ride limit of cold food without refrigeration (CHILLED_RIDE_MAX_MIN / FROZEN_RIDE_MAX_MIN
 * in the service's food-safety rules, 60 each): what the phone counts towards on a cold stop.
 */
export const RIDE_LIMIT_MIN = 60;

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

const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T12:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const today = () => todayInHelsinki();
export const tomorrow = () => addDays(todayInHelsinki(), 1);

/**
 * The driver's routes of a day. Seen online, they are kept on the phone (today's and
 * tomorrow's are both fetched whenever the screen opens), so the route opens with no network.
 */
export const loadRoutes = (date: string) => cachedGetAll<DriverRoute>(`/drivers/me/routes?date=${date}`);

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
