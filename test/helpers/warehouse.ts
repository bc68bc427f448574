import { sql } from 'drizzle-orm';
import { bearer, startTestApp, type TestContext } from './app.ts';
import { post as postOk, seedNetwork } from './fixtures.ts';

/** A settable clock: warehouse rules depend on "today" in Helsinki. */
export function testClock(start: string) {
  let t = new Date(start);
  return {
    now: () => t,
    set: (iso: string) => {
      t = new Date(iso);
    },
    advanceMinutes: (m: number) => {
      t = new Date(t.getTime() + m * 60_000);
    },
  };
}

export type Net = Awaited<ReturnType<typeof seedNetwork>>;

/** The test app on a fresh database with the small network and a warehouse volunteer's token (`env`: network settings; `mode`: embedded too). */
export async function startWarehouse(start = '2027-03-23T08:00:00+02:00', env?: Record<string, string>, mode: 'postgres' | 'embedded' = 'postgres') {
  const clock = testClock(start);
  const ctx = await startTestApp({ now: clock.now, env, mode });
  const net = await seedNetwork(ctx);
  const volunteer = await ctx.userToken('warehouse');
  const wh = bearer(volunteer.token);
  return { ctx, net, wh, clock, ...api(ctx, wh) };
}

export function api(ctx: TestContext, auth: Record<string, string>) {
  const post = (path: string, body?: object, headers: Record<string, string> = {}) =>
    ctx.http().post(path).set(auth).set(headers).send(body ?? {});
  const get = (path: string) => ctx.http().get(path).set(auth);
  /** POST that must succeed; returns the body. */
  const ok = (path: string, body?: object) => postOk(ctx, auth, path, body ?? {});
  return { post, get, ok };
}

export type Line = {
  category: string;
  kg: number;
  temperatureClass: string;
  dateKind: string;
  date?: string | null;
  storageUnitId: string;
  receiptCelsius?: number;
  frozenOn?: string;
  product?: string;
  allergens?: string[];
  batch?: string;
  unpackaged?: boolean;
};

/** A receipt temperature within limits for the class (chilled and frozen lines need one). */
export const receiptFor = (temperatureClass: string) => (temperatureClass === 'frozen' ? -20 : temperatureClass === 'chilled' ? 2 : undefined);

export const line = (unitId: string, over: Partial<Line> = {}): Line => {
  const out: Line = { category: 'dairy', kg: 12.5, temperatureClass: 'chilled', dateKind: 'use_by', date: '2027-03-25', storageUnitId: unitId, ...over };
  const receipt = receiptFor(out.temperatureClass);
  return 'receiptCelsius' in over || receipt === undefined ? out : { ...out, receiptCelsius: receipt };
};

/** Another depot with one unit of each class (its own stock, for isolated scenarios). */
export async function addDepot(ctx: TestContext, coordinatorAuth: Record<string, string>, name: string, capacityKg = 5000) {
  const post = (path: string, body: object) => postOk(ctx, coordinatorAuth, path, body);
  const depot = await post('/sites', { kind: 'depot', name, municipality: 'Mikkeli', lat: 61.7, lon: 27.2 });
  const donor = await post('/sites', { kind: 'donor', name: `${name} donor`, municipality: 'Mikkeli', lat: 61.7, lon: 27.25, depotId: depot.id });
  const unit = (temperatureClass: string) => post('/storage-units', { depotId: depot.id, name: `${name} ${temperatureClass}`, temperatureClass, capacityKg });
  return { depot, donor, units: { chilled: await unit('chilled'), frozen: await unit('frozen'), ambient: await unit('ambient') } };
}

/** Per-lot and per-depot ledger facts straight from the database, for balance checks. */
export async function ledgerFacts(ctx: TestContext, depotId: string) {
  const { database } = ctx.deps;
  const [row] = await database.rows<Record<string, string>>(database.db, sql`
    select
      coalesce(sum(grams) filter (where kind = 'intake'), 0) as intake,
      coalesce(-sum(grams) filter (where kind = 'pack'), 0) as packed,
      coalesce(-sum(grams) filter (where kind = 'discard'), 0) as discarded,
      coalesce(sum(grams) filter (where kind = 'adjust'), 0) as adjusted,
      coalesce(sum(grams), 0) as ledger_sum,
      (select coalesce(sum(stock_g), 0) from lots where depot_id = ${depotId}) as stock,
      (select coalesce(sum(weight_g), 0) from bags where depot_id = ${depotId}) as bag_grams,
      (select count(*) from lots l where l.depot_id = ${depotId}
         and l.stock_g <> (select coalesce(sum(e.grams), 0) from ledger_entries e where e.lot_id = l.id)) as drifting_lots,
      (select count(*) from lots where depot_id = ${depotId} and stock_g < 0) as negative_lots
    from ledger_entries where depot_id = ${depotId}`);
  const n = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  return n as Record<'intake' | 'packed' | 'discarded' | 'adjusted' | 'ledger_sum' | 'stock' | 'bag_grams' | 'drifting_lots' | 'negative_lots', number>;
}
