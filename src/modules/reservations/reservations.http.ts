import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Deps } from '../../deps.ts';
import { canMoveReservation } from '../../domain/reservations.ts';
import { assertInWindow, conflict } from '../../errors.ts';
import { checkStatedInstant } from '../../domain/date-window.ts';
import { commonErrors, idParams, listOf, noBody } from '../../http/schemas.ts';
import { actorOf } from '../../plugins/access.ts';
import { runWrite } from '../../plugins/idempotency.ts';
import { assertMayHandOut, confirmReceipt, dispatchReservations, recordDelivery } from './dispatch.service.ts';
import { bagsOfReservation } from './reservations.repo.ts';
import { localDate } from '../../domain/dates.ts';
import {
  capSchema, confirmBody, createReservationBody, deliveryBody, listCapsQuery, listReservationsQuery, reservationSchema, setCapBody,
} from './reservations.schemas.ts';
import { cancelReservation, createReservation, findReservations, getCaps, heldAndRecalled, illegalTransition, requireReservation, setCap, toReservationDto } from './reservations.service.ts';

const deliveryResultSchema = reservationSchema.extend({
  bagsReturnedToStock: z.number().int().optional(),
  bagsDiscarded: z.number().int().optional(),
});

export const reservationsHttp = (deps: Deps): FastifyPluginAsyncZod => async (app) => {
  const db = deps.database.db;
  const tags = ['reservations'];
  const leadOrCoordinator = { roles: ['point_lead', 'coordinator'] as const, scope: 'own_point' as const };

  app.post('/reservations', {
    config: { access: leadOrCoordinator },
    schema: {
      tags, summary: 'Reserve bags for a distribution day',
      description: 'Holds the bags at once, or answers 409 with `available` (and `remainingCap` when a cap applies). '
        + 'After 18:00 Helsinki time on the evening before the date only a coordinator may reserve (409 `after_planning_cutoff`). '
        + 'With `REQUIRE_POINT_REGISTRATION=true`, a point whose organisation has no food-aid registration is 409 `point_not_registered`.',
      body: createReservationBody, response: { 201: reservationSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await createReservation(tx, actorOf(req), req.body, deps.now(), { requirePointRegistration: deps.config.REQUIRE_POINT_REGISTRATION }),
  })));

  app.get('/reservations', {
    config: { access: leadOrCoordinator },
    schema: { tags, summary: 'Reservations by date and point', querystring: listReservationsQuery, response: { 200: listOf(reservationSchema), ...commonErrors } },
  }, async (req) => findReservations(db, actorOf(req), req.query));

  app.get('/reservations/:id', {
    config: { access: leadOrCoordinator },
    schema: { tags, summary: 'One reservation', params: idParams, response: { 200: reservationSchema, ...commonErrors } },
  }, async (req) => {
    const r = await requireReservation(db, actorOf(req), req.params.id);
    return { ...toReservationDto(r), ...(await heldAndRecalled(db, [r.id]))(r.id) };
  });

  app.post('/reservations/:id/cancel', {
    config: { access: leadOrCoordinator },
    schema: {
      tags, summary: 'Cancel a reservation and release its bags',
      description: 'A second cancel answers the cancelled reservation again. After the planning cut-off only a coordinator may cancel.',
      params: idParams, body: noBody, response: { 200: reservationSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 200, body: await cancelReservation(tx, actorOf(req), req.params.id, deps.now()),
  })));

  app.post('/reservations/:id/dispatch', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Mark a reservation as gone out (normally done by loading its route, `POST /routes/:id/load`)',
      description: 'Refused with 422 `bag_past_hand_out` (with `mayHandOut`) when any of its bags may no longer be handed out on its day '
        + '(or today, when later): those are discarded by the route\'s loading, never dispatched.',
      params: idParams, body: noBody, response: { 200: reservationSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const actor = actorOf(req);
    const r = await requireReservation(tx, actor, req.params.id, { forUpdate: true });
    if (r.status !== 'dispatched' && !canMoveReservation(r.status, 'dispatched')) throw illegalTransition(r, 'dispatched');
    if (r.status === 'held') {
      const reserved = await bagsOfReservation(tx, r.id, 'reserved');
      const today = localDate(deps.now());
      assertMayHandOut(reserved, reserved.length, r.date > today ? r.date : today);
    }
    const out = await dispatchReservations(tx, [r.id], deps.now(), actor.id);
    return { status: 200, body: out.dispatched[0] ?? out.alreadyDispatched[0] };
  }));

  app.post('/reservations/:id/deliveries', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: 'Record the delivery of a dispatched reservation',
      description: 'The same service the driver\'s stop completion uses. Bags not delivered go back to stock (or are discarded when past use-by), '
        + 'or are all discarded with `returned: "discard"` and a reason. Recording the same count again is harmless; another count is 409. '
        + 'Bags are handed out on the reservation\'s day: `completedAt` (default now) after it with bags delivered is 422 `completed_after_route_day`; '
        + 'more bags than may still be handed out that day is 422 `bag_past_hand_out` (with `mayHandOut`); once a `bags_unsettled` alert is open '
        + 'for its route only `bagsDelivered: 0` (a return or a discard) is accepted (409 `bags_unsettled`).',
      params: idParams, body: deliveryBody, response: { 200: deliveryResultSchema, 201: deliveryResultSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => {
    const actor = actorOf(req);
    const r = await requireReservation(tx, actor, req.params.id);
    const completedAt = req.body.completedAt ? new Date(req.body.completedAt) : deps.now();
    assertInWindow(checkStatedInstant(completedAt, deps.now(), { mayBackdate: true }), 'body.completedAt');
    const out = await recordDelivery(tx, {
      reservationIds: [r.id], bagsDelivered: req.body.bagsDelivered, now: completedAt, recordedAt: deps.now(), routeDate: r.date,
      actor, returned: req.body.returned, coldChainKept: req.body.coldChainKept, reason: req.body.reason,
    });
    const [res] = out.reservations;
    if (out.alreadyDelivered) {
      if (res.bagsDelivered !== req.body.bagsDelivered) {
        throw conflict('already_delivered', (m) => m.alreadyDelivered(res.bagsDelivered ?? 0), { bagsDelivered: res.bagsDelivered });
      }
      return { status: 200, body: res };
    }
    return { status: 201, body: { ...res, bagsReturnedToStock: out.bagsReturnedToStock, bagsDiscarded: out.bagsDiscarded } };
  }));

  app.post('/reservations/:id/confirm', {
    config: { access: leadOrCoordinator },
    schema: { tags, summary: 'Confirm receipt at the point, with the count received', params: idParams, body: confirmBody, response: { 200: reservationSchema, ...commonErrors } },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 200, body: await confirmReceipt(tx, actorOf(req), req.params.id, req.body.bagsReceived, deps.now()),
  })));

  app.post('/sites/:id/reservation-caps', {
    config: { access: { roles: ['coordinator'] } },
    schema: {
      tags, summary: "Set a point's daily cap for a bag type", description: 'A reservation that would take the point over the cap for its day is 409 with `remainingCap`.',
      params: idParams, body: setCapBody, response: { 201: capSchema, ...commonErrors },
    },
  }, (req, reply) => runWrite(deps.database, req, reply, async (tx) => ({
    status: 201, body: await setCap(tx, actorOf(req), req.params.id, req.body, deps.now()),
  })));

  app.get('/sites/:id/reservation-caps', {
    config: { access: leadOrCoordinator },
    schema: {
      tags, summary: "A point's daily caps", description: 'With `?date=` each cap also says how many bags are reserved that day and how many remain.',
      params: idParams, querystring: listCapsQuery, response: { 200: listOf(capSchema), ...commonErrors },
    },
  }, async (req) => getCaps(db, actorOf(req), req.params.id, req.query));
};
