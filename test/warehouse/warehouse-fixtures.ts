import { bearer, startTestApp, type TestContext } from '../helpers/app.ts';
import { seedNetwork } from '../helpers/fixtures.ts';

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

/** The test app on a fresh database with the small network and a warehouse volunteer's token. */
export async function startWarehouse(start = '2027-03-23T08:00:00+02:00') {
  const clock = testClock(start);
  const ctx = await startTestApp({ now: clock.now });
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
  const ok = async (path: string, body?: object) => {
    const res = await post(path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
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
};

export const line = (unitId: string, over: Partial<Line> = {}): Line => ({
  category: 'dairy', kg: 12.5, temperatureClass: 'chilled', dateKind: 'use_by', date: '2027-03-25', storageUnitId: unitId, ...over,
});
