import { unavailable } from '../../errors.ts';

export interface LatLon {
  lat: number;
  lon: number;
}

export interface TravelMatrix {
  /** Minutes. */
  durations: number[][];
  /** Kilometres. */
  distances: number[][];
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Durations and distances between points from an OSRM server's `table` service
 * (`GET /table/v1/driving/{lon,lat;...}?annotations=duration,distance`), converted to
 * minutes and kilometres. An unreachable server, an error answer or a pair of points with no
 * road between them throws an `AppError` with status 503 (`routing_engine_unavailable`,
 * `routing_engine_error`, `routing_engine_no_route`); the plan shows its detail as the reason.
 */
export async function osrmTable(baseUrl: string, points: readonly LatLon[], opts: { timeoutMs?: number } = {}): Promise<TravelMatrix> {
  const coords = points.map((p) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`).join(';');
  const url = `${baseUrl.replace(/\/+$/, '')}/table/v1/driving/${coords}?annotations=duration,distance`;
  let body: { code?: string; message?: string; durations?: (number | null)[][]; distances?: (number | null)[][] };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS) });
    body = (await res.json()) as typeof body;
    if (!res.ok || body.code !== 'Ok') {
      throw unavailable('routing_engine_error', (m) => m.routingEngineError(`${res.status} ${body.code ?? ''}: ${body.message ?? 'no message'}`));
    }
  } catch (err) {
    if (err instanceof Error && err.name === 'AppError') throw err;
    throw unavailable('routing_engine_unavailable', (m) => m.routingEngineUnreachable(baseUrl, (err as Error).message));
  }
  const n = points.length;
  const durations = body.durations;
  const distances = body.distances;
  if (!durations || !distances || durations.length !== n || distances.length !== n) {
    throw unavailable('routing_engine_error', (m) => m.routingEngineError('no complete duration and distance table'));
  }
  const convert = (m: (number | null)[][], factor: number) => m.map((row, i) => row.map((v, j) => {
    if (v === null || !Number.isFinite(v)) {
      throw unavailable('routing_engine_no_route', (m) => m.routingEngineNoRoute(i, j));
    }
    return v / factor;
  }));
  return { durations: convert(durations, 60), distances: convert(distances, 1000) };
}
