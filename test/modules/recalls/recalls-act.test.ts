import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer } from '../../helpers/app.ts';
import { ledgerFacts, line, startWarehouse } from '../../helpers/warehouse.ts';

type W = Awaited<ReturnType<typeof startWarehouse>>;
const WEDNESDAY = '2027-03-24';
const TUESDAY = '2027-03-30';

/**
 * A recall acts: the lots and the bags still at the depot are taken out for good (through the
 * ledger, so the mass balance stays exact), reservations shrink and their leads are told, the
 * points that got the food are told at once (at night too) and acknowledge, and a recall that
 * matches nothing changes nothing.
 */
describe.each(['postgres', 'embedded'] as const)('a recall withdraws, tells and is acknowledged (%s)', (mode) => {
  let w: W;
  let coordinator: Record<string, string>;
  let lead: { auth: Record<string, string>; id: string };
  let otherLead: { auth: Record<string, string>; id: string };
  const lots: Record<string, string> = {};
  let wednesday: string;
  let tuesday: string;
  let recall: Record<string, any>;
  const fi = { 'accept-language': 'fi' };
  const as = (auth: Record<string, string>) => ({
    post: (path: string, body: object, headers: Record<string, string> = {}) => w.ctx.http().post(path).set(auth).set(headers).send(body),
    get: (path: string) => w.ctx.http().get(path).set(auth),
  });

  beforeAll(async () => {
    w = await startWarehouse('2027-03-23T08:00:00+02:00', undefined, mode);
    coordinator = w.net.auth;
    const l1 = await w.ctx.userToken('point_lead', { pointId: w.net.point.id });
    const l2 = await w.ctx.userToken('point_lead', { pointId: w.net.otherPoint.id });
    lead = { auth: bearer(l1.token), id: l1.id };
    otherLead = { auth: bearer(l2.token), id: l2.id };
    const intake = await w.ok('/intakes', {
      donorId: w.net.donor.id,
      lines: [
        line(w.net.units.chilled.id, { category: 'meat', kg: 12, date: '2027-04-05', product: 'Naudan paisti 400 g', batch: 'B-59' }),
        line(w.net.units.chilled.id, { category: 'dairy', kg: 20, date: '2027-04-10', product: 'Kevytmaito' }),
      ],
    });
    [lots.paisti, lots.milk] = intake.lots.map((l: { id: string }) => l.id);
    await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 2, lots: [{ lotId: lots.paisti, kg: 10 }] });
    await w.ok('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 2, lots: [{ lotId: lots.milk, kg: 10 }] });
    // One paisti bag goes to the other point on Wednesday and is delivered; the other is reserved for Tuesday with a milk bag.
    wednesday = (await as(otherLead.auth).post('/reservations', { pointId: w.net.otherPoint.id, date: WEDNESDAY, bagType: 'food', bags: 1 })).body.id;
    tuesday = (await as(lead.auth).post('/reservations', { pointId: w.net.point.id, date: TUESDAY, bagType: 'food', bags: 2 })).body.id;
    w.clock.set(`${WEDNESDAY}T09:00:00+02:00`);
    expect((await as(coordinator).post(`/reservations/${wednesday}/dispatch`, {})).status).toBe(200);
    w.clock.set(`${WEDNESDAY}T12:00:00+02:00`);
    const delivered = await as(coordinator).post(`/reservations/${wednesday}/deliveries`, { bagsDelivered: 1 });
    expect(delivered.status, JSON.stringify(delivered.body)).toBeLessThan(300);
  }, 120_000);
  afterAll(() => w?.ctx.close());

  it('refuses a recall without a reason or with two kinds of query, and one that matches nothing changes nothing (404)', async () => {
    const noReason = await as(coordinator).post('/recalls', { product: 'paisti' }, fi);
    expect([noReason.status, noReason.body.errors[0].path]).toEqual([400, 'body.reason']);
    expect((await as(coordinator).post('/recalls', { lotId: lots.paisti, product: 'paisti', reason: 'x' })).status).toBe(400);
    const nothing = await as(coordinator).post('/recalls', { product: 'kaviaari', reason: 'listeria' }, fi);
    expect(nothing.status).toBe(404);
    expect(nothing.body).toMatchObject({ code: 'recall_matches_nothing', detail: 'Takaisinveto ei osu yhteenkään erään: mitään ei vedetty takaisin' });
    expect((await as(coordinator).get('/recalls/started')).body.items).toEqual([]);
    expect((await as(lead.auth).post('/recalls', { product: 'paisti', reason: 'x' })).status).toBe(403);
  });

  it('finds "Naudan paisti" by "  PAISTI ", withdraws the lot and the reserved bag, lists the delivered one by point, and tells both leads at night', async () => {
    // The trace still answers, naming each lot by code, product and batch as the app's preview shows it.
    expect((await as(coordinator).get('/recalls?product=paisti')).body.lots).toEqual([expect.objectContaining({ lotId: lots.paisti, code: expect.stringMatching(/^[0-9A-F]{4}-[0-9A-F]{4}$/), product: 'Naudan paisti 400 g', batch: 'B-59' })]);
    w.clock.set(`${WEDNESDAY}T22:30:00+02:00`);
    const res = await as(coordinator).post('/recalls', { product: '  PAISTI ', reason: 'Listeria found by the producer' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    recall = res.body;
    expect(recall.lots).toEqual([expect.objectContaining({ lotId: lots.paisti, product: 'Naudan paisti 400 g', kgDiscarded: 2 })]);
    expect(recall.withdrawn).toEqual([expect.objectContaining({ statusBefore: 'reserved', reservationId: tuesday, pointId: w.net.point.id })]);
    expect(recall.delivered).toEqual([expect.objectContaining({ statusBefore: 'delivered', pointId: w.net.otherPoint.id, pointName: 'Other point' })]);
    expect(recall.toBringBack).toEqual([]);
    expect(recall.points).toEqual([{ pointId: w.net.otherPoint.id, name: 'Other point', bagsDelivered: 1, bagsDispatched: 0 }]);
    expect(recall.pointsNotAcknowledged).toBe(1);

    expect((await w.get(`/lots/${lots.paisti}`)).body).toMatchObject({ status: 'recalled', stockKg: 0 });
    expect((await as(lead.auth).get(`/reservations/${tuesday}`)).body).toMatchObject({ bags: 1, recalledBags: 1, status: 'held' });
    const repack = await w.post('/packing-runs', { depotId: w.net.depot.id, bagType: 'food', bagCount: 1, lots: [{ lotId: lots.paisti, kg: 1 }] });
    expect(repack.status).toBeGreaterThanOrEqual(400);
    expect((await w.post(`/lots/${lots.paisti}/adjustments`, { kg: 1, reason: 'found more' })).body.code).toBe('lot_recalled');

    // Both leads are told at once, though it is 22:30 (quiet hours hold other messages until 07:00).
    const { database } = w.ctx.deps;
    const sent = await database.rows<{ user_id: string; kind: string; queued: boolean; body: string }>(database.db, sql`
      select user_id, kind, queued_at is not null as queued, body from notifications where kind like 'recall_%' order by kind`);
    expect(sent.map((n) => [n.user_id, n.kind, n.queued])).toEqual([[otherLead.id, 'recall_delivered', true], [lead.id, 'recall_reservation', true]]);
    expect(sent[0].body).toContain('Naudan paisti 400 g');
  });

  it('shows a point its own recall only, refuses another point\'s acknowledgement, and shows the coordinator who has acknowledged', async () => {
    expect((await as(lead.auth).get(`/recalls/${recall.id}`)).status).toBe(404);
    const mine = await as(otherLead.auth).get(`/recalls/${recall.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.lots).toEqual([]);
    expect((await as(otherLead.auth).get('/recalls/started')).body.items.map((r: { id: string }) => r.id)).toEqual([recall.id]);
    expect((await as(lead.auth).get('/recalls/started')).body.items).toEqual([]);
    const refused = await as(lead.auth).post(`/recalls/${recall.id}/acknowledgements`, { note: 'nothing here' }, fi);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'recall_other_point', detail: 'Tämä takaisinveto ei koske jakopistettäsi' });
    // A note naming who was served is refused on its field, in Finnish, and nothing is recorded.
    const personal = await as(otherLead.auth).post(`/recalls/${recall.id}/acknowledgements`, { note: 'Soitettu kotitalouteen 040 123 4567' }, fi);
    expect(personal.status).toBe(422);
    expect(personal.body).toMatchObject({ code: 'note_phone_number', errors: [{ path: 'body.note', message: expect.stringMatching(/^Kuittauksessa on puhelinnumero: kirjoita, mitä jakopiste teki/) }] });
    expect((await as(coordinator).get(`/recalls/${recall.id}`)).body.pointsNotAcknowledged).toBe(1);
    const ack = await as(otherLead.auth).post(`/recalls/${recall.id}/acknowledgements`, { note: 'Bag handed out already; the household was phoned' });
    expect(ack.status).toBe(201);
    expect((await as(otherLead.auth).post(`/recalls/${recall.id}/acknowledgements`, { note: 'again' })).status).toBe(409);
    const seen = (await as(coordinator).get(`/recalls/${recall.id}`)).body;
    expect(seen.pointsNotAcknowledged).toBe(0);
    expect(seen.points[0].acknowledgement).toMatchObject({ note: 'Bag handed out already; the household was phoned', by: expect.any(String) });
  });

  it('writes the start and the acknowledgement into the audit trail, and nothing for the refused ones', async () => {
    const res = await as(coordinator).get('/audit').query({ entity: 'recall' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((e: { entityId: string }) => e.entityId)).toEqual([recall.id, recall.id]);
    const [ack, start] = res.body.items;
    expect(start).toMatchObject({
      action: 'start', actorRole: 'coordinator', at: '2027-03-24T20:30:00.000Z',
      after: { reason: 'Listeria found by the producer', criteria: { product: 'PAISTI' }, lotIds: [lots.paisti], kgDiscarded: 2, bagsWithdrawn: 1, bagsToBringBack: 0, bagsDelivered: 1, pointIds: [w.net.otherPoint.id] },
    });
    expect(ack).toMatchObject({ action: 'acknowledge', actorId: otherLead.id, actorRole: 'point_lead', after: { pointId: w.net.otherPoint.id, note: 'Bag handed out already; the household was phoned' } });
  });

  it('keeps the mass balance exact: the recalled stock was discarded through the ledger', async () => {
    const facts = await ledgerFacts(w.ctx, w.net.depot.id);
    expect(facts.discarded).toBe(2000);
    expect(facts.intake).toBe(facts.packed + facts.discarded - facts.adjusted + facts.stock);
    expect(facts.drifting_lots).toBe(0);
  });
});
