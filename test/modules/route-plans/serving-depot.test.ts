import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, startTestApp, type TestContext } from '../../helpers/app.ts';
import { stockBags } from '../../helpers/reservations.ts';
import { ESSOTE_DAY, planAndWait, post, type Auth } from '../../helpers/route-plans.ts';

type Site = { id: string; name: string; address: string; phone?: string; contactName?: string };
type Plan = {
  status: string;
  routes: { stops: { taskId: string; siteId: string; kind: string; site?: Site }[] }[];
  unassigned: { taskId: string; siteId: string; reason: string; detail?: string; site?: Site }[];
};

/** Every task of a plan, routed or unassigned, once each: nothing may be dropped silently. */
const tasksOf = (plan: Plan) => [...plan.routes.flatMap((r) => r.stops.map((s) => s.taskId)), ...plan.unassigned.map((u) => u.taskId)].sort();

/** Shops and points around Mikkeli, none of them given a `depotId`, as the contract's `POST /sites` allows. */
const DONORS = [
  [61.688, 27.272], [61.695, 27.30], [61.71, 27.25], [61.676, 27.21], [61.72, 27.29], [61.69, 27.19], [61.665, 27.26], [61.70, 27.33],
];
const POINTS = [[61.676, 27.30], [61.60, 27.40], [61.74, 27.10], [61.65, 27.15]];

describe('donors and points without depotId', () => {
  let ctx: TestContext;
  let auth: Auth;
  let depot: { id: string };
  const donorIds: string[] = [];
  /** Pickup task ids: one per schedule. */
  const pickupTasks: string[] = [];
  const pointIds: string[] = [];
  const sites = new Map<string, Site>();
  beforeAll(async () => {
    ctx = await startTestApp({ env: { PLANNING_TIME_LIMIT_MS: '300' } });
    auth = bearer((await ctx.userToken('coordinator')).token);
    depot = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Mikkeli depot', municipality: 'Mikkeli', lat: 61.701, lon: 27.233 });
    // One small van: some of the day will not fit, and must then be listed as unassigned.
    await post(ctx, auth, '/vehicles', { depotId: depot.id, name: 'Van', refrigerated: false, capacityKg: 300, capacityBags: 30, shiftStart: '08:00', shiftEnd: '12:00' });
    for (const [i, [lat, lon]] of DONORS.entries()) {
      const donor = await post(ctx, auth, '/sites', {
        kind: 'donor', name: `Shop ${i + 1}`, municipality: 'Mikkeli', address: `Porrassalmenkatu ${i + 1}, 50100 Mikkeli`, lat, lon,
        contactName: `Manager ${i + 1}`, phone: `+358 40 123 45${String(i).padStart(2, '0')}`,
      });
      sites.set(donor.id, donor);
      const schedule = await post(ctx, auth, `/sites/${donor.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '11:00', expectedKg: 40 + 10 * i });
      donorIds.push(donor.id);
      pickupTasks.push(`pickup-${schedule.id}`);
    }
    await stockBags(ctx.deps.database.db, { depotId: depot.id, count: 40, weightG: 5000, packedAt: new Date() });
    for (const [i, [lat, lon]] of POINTS.entries()) {
      const point = await post(ctx, auth, '/sites', { kind: 'point', name: `Point ${i + 1}`, municipality: 'Mikkeli', address: `Raatihuoneenkatu ${i + 1}`, lat, lon });
      sites.set(point.id, point);
      await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday: 'tue', start: '12:00', end: '14:00' });
      await post(ctx, auth, '/reservations', { pointId: point.id, date: ESSOTE_DAY, bagType: 'food', bags: 5 + i });
      pointIds.push(point.id);
    }
  }, 60_000);
  afterAll(() => ctx?.close());

  it('says which depot serves them: the only depot of the network', async () => {
    const donor = await ctx.http().get(`/sites/${donorIds[0]}`).set(auth);
    expect(donor.body).toMatchObject({ servedByDepotId: depot.id, servedBy: 'only_depot' });
    expect(donor.body.depotId).toBeUndefined();
    const list = await ctx.http().get('/sites?kind=point').set(auth);
    expect(list.body.items.map((s: { servedByDepotId: string }) => s.servedByDepotId)).toEqual(pointIds.map(() => depot.id));
    const self = await ctx.http().get(`/sites/${depot.id}`).set(auth);
    expect(self.body.servedByDepotId).toBeUndefined();
  });

  it('plans all 8 pickups and 4 deliveries, each routed or listed unassigned with its reason', async () => {
    const plan: Plan = await planAndWait(ctx, auth, depot.id, ESSOTE_DAY);
    expect(plan.status).toBe('done');
    const expected = [...pickupTasks, ...pointIds.map((id) => `delivery-${id}`)];
    expect(tasksOf(plan)).toEqual([...expected].sort());
    expect(plan.routes.flatMap((r) => r.stops).filter((s) => s.kind === 'pickup').length).toBeGreaterThan(0);
    expect(plan.unassigned.length).toBeGreaterThan(0);
    for (const u of plan.unassigned) {
      expect(u.reason).toMatch(/^[a-z_]+$/);
      expect(u.detail).toEqual(expect.any(String));
    }
    // The coordinator reads where each stop and each left-out task is, and whom to call.
    const described = [...plan.routes.flatMap((r) => r.stops), ...plan.unassigned];
    for (const task of described) {
      const site = sites.get(task.siteId)!;
      const { id, name, address, phone, contactName } = site;
      expect(task.site).toEqual(expect.objectContaining(JSON.parse(JSON.stringify({ id, name, address, phone, contactName }))));
    }
    expect(described.filter((t) => t.site?.phone === '+358 40 123 4500')).toHaveLength(1);
    const listed = await ctx.http().get(`/route-plans?depotId=${depot.id}`).set(auth);
    expect(listed.body.items[0].unassigned.map((u: { site: { name: string } }) => u.site.name).sort())
      .toEqual(plan.unassigned.map((u) => sites.get(u.siteId)!.name).sort());
  });

  it('gives each donor to its nearest depot once there are two, and no pickup is lost or planned twice', async () => {
    const juva = await post(ctx, auth, '/sites', { kind: 'depot', name: 'Juva depot', municipality: 'Juva', lat: 61.898, lon: 27.856 });
    await post(ctx, auth, '/vehicles', { depotId: juva.id, name: 'Juva van', refrigerated: false, capacityKg: 2000, capacityBags: 200, shiftStart: '07:00', shiftEnd: '16:00' });
    const near = await post(ctx, auth, '/sites', { kind: 'donor', name: 'Juva shop', municipality: 'Juva', lat: 61.9, lon: 27.86 });
    const nearSchedule = await post(ctx, auth, `/sites/${near.id}/pickup-schedules`, { weekdays: ['tue'], windowStart: '08:00', windowEnd: '11:00', expectedKg: 50 });
    expect(near).toMatchObject({ servedByDepotId: juva.id, servedBy: 'nearest_depot' });
    expect((await ctx.http().get(`/sites/${donorIds[0]}`).set(auth)).body).toMatchObject({ servedByDepotId: depot.id, servedBy: 'nearest_depot' });

    const mikkeliPlan: Plan = await planAndWait(ctx, auth, depot.id, ESSOTE_DAY);
    const juvaPlan: Plan = await planAndWait(ctx, auth, juva.id, ESSOTE_DAY);
    const pickups = (plan: Plan) => tasksOf(plan).filter((t) => t.startsWith('pickup-'));
    expect(pickups(mikkeliPlan)).toEqual([...pickupTasks].sort());
    expect(pickups(juvaPlan)).toEqual([`pickup-${nearSchedule.id}`]);
    expect(juvaPlan.unassigned).toEqual([]);
  });

  it('takes a point\'s bags from its nearest depot when there are several', async () => {
    const sites = (await ctx.http().get('/sites?kind=depot').set(auth)).body.items as { id: string; name: string }[];
    const juva = sites.find((s) => s.name === 'Juva depot')!;
    const point = await post(ctx, auth, '/sites', { kind: 'point', name: 'Juva point', municipality: 'Juva', lat: 61.89, lon: 27.85 });
    await post(ctx, auth, `/sites/${point.id}/distribution-days`, { weekday: 'tue', start: '12:00', end: '14:00' });
    await stockBags(ctx.deps.database.db, { depotId: juva.id, count: 2, weightG: 5000, packedAt: new Date() });
    const res = await post(ctx, auth, '/reservations', { pointId: point.id, date: ESSOTE_DAY, bagType: 'food', bags: 2 });
    expect(res.depotId).toBe(juva.id);
  });
});
